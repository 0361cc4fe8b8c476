"""``marsad serve``: REST API and server-rendered web UI over the store."""
from __future__ import annotations

__all__ = ["create_app"]


def create_app(db_url: str, token: str | None = None):  # type: ignore[no-untyped-def]
    """The FastAPI app over the store at ``db_url`` (:func:`marsad.web.app.create_app`), imported on demand."""
    from .app import create_app as _create

    return _create(db_url, token=token)
