"""Marsad's store: documents, articles, entities, mentions and de-duplicated corpus events.

    from marsad.store import open_store
    store = open_store("marsad.db")          # or "sqlite:///path", ":memory:", "postgresql://…"
"""
from __future__ import annotations

import os

from .base import BaseStore, Store
from .dedup import DedupSettings

DEFAULT_DB = "marsad.db"

__all__ = ["open_store", "default_url", "Store", "BaseStore", "DedupSettings", "DEFAULT_DB"]


def default_url() -> str:
    """The store opened when none is named: ``$MARSAD_DB``, else :data:`DEFAULT_DB`."""
    return os.environ.get("MARSAD_DB") or DEFAULT_DB


def open_store(url: str | None = None, settings: DedupSettings | None = None) -> BaseStore:
    """Open (creating and migrating if needed) the store at ``url``.

    ``postgresql://…`` / ``postgres://…`` → PostgreSQL (``?schema=NAME`` for a private schema);
    ``sqlite:///abs/path`` (``sqlite://rel/path``) or a plain path (default ``marsad.db``, or $MARSAD_DB) or ``:memory:`` → SQLite.
    """
    url = url or default_url()
    if url.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from .postgres import PostgresStore

        return PostgresStore(url.replace("postgresql+psycopg://", "postgresql://", 1), settings)
    from .sqlite import SQLiteStore

    if url.startswith("sqlite://"):
        # sqlite:///abs/path.db → /abs/path.db; sqlite://rel.db → rel.db; sqlite:// → :memory:
        url = url[len("sqlite://"):] or ":memory:"
    return SQLiteStore(url, settings)
