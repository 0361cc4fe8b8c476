"""FastAPI application for ``marsad serve``: REST API under ``/api/`` and a server-rendered web UI.

Everything shown comes from the store and is treated as untrusted text: templates autoescape,
highlights are built from escaped segments, and a strict Content-Security-Policy forbids inline
scripts, so even a mistake elsewhere cannot execute article content.
"""
from __future__ import annotations

import logging
import threading
from contextlib import asynccontextmanager
from urllib.parse import unquote_to_bytes
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from . import api, views

STATIC_DIR = Path(__file__).parent / "static"

log = logging.getLogger(__name__)

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
#: bodies larger than this are refused (413) from Content-Length or while streaming
MAX_BODY = 20 * 1024 * 1024

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")

API_DESCRIPTION = """
Read access to a Marsad store: Arabic news documents, the entities found in them and the
PLOVER-coded inter-state events extracted from them, each linked to its evidence sentence.

* All list endpoints take `limit` (1–1000) and `offset` and return
  `{"items": [...], "limit", "offset", "count"}`.
* Dates are ISO `YYYY-MM-DD` (`YYYY-MM` and `YYYY` are accepted: `since` takes the first day,
  `until` the last).
* Countries are ISO 3166-1 alpha-3 codes (`RUS`, `IRN`); repeat the parameter or separate with commas.
* Errors are JSON on every status (400, 401, 403, 404, 405, 413, 422, 500, …):
  `{"error": "message", "status": 422, ...}`, with the same security headers as any response;
  a bad parameter's message names it. NUL characters are refused in paths, parameters and bodies.
* `offset` runs from 0 to 2^63-1 (the stores' integer range); list responses carry `total`.
* Write endpoints (`POST`) exist only when the server was started with a token and need
  `Authorization: Bearer <token>`.
"""


class StoreHandle:
    """Opens the store lazily (in the thread that serves requests) and serialises access to it."""

    def __init__(self, url: str) -> None:
        self.url = url
        self._store: Any = None
        self._lock = threading.RLock()

    def get(self) -> Any:
        """The store, opened on first use (``marsad.store.open_store``; errors of opening propagate)."""
        if self._store is None:
            from marsad.store import open_store  # imported late: the store may be optional
            self._store = open_store(self.url)
        return self._store

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """``store.method(*args, **kwargs)`` under the handle's lock: one store call at a time."""
        with self._lock:
            return getattr(self.get(), method)(*args, **kwargs)

    def close(self) -> None:
        """Close the store if it was opened; the next call opens it again."""
        with self._lock:
            if self._store is not None and hasattr(self._store, "close"):
                try:
                    self._store.close()
                finally:
                    self._store = None


def _is_api(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def create_app(db_url: str, token: str | None = None, token_name: str | None = None) -> FastAPI:
    """Build the web application over the store at ``db_url``.

    ``token``: when set, the write endpoints (ingest, entity merge/alias/set) are enabled and
    require ``Authorization: Bearer <token>``; otherwise they answer 403.
    """
    handle = StoreHandle(db_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):  # type: ignore[no-untyped-def]
        yield
        handle.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Marsad API",
        version=_version(),
        description=API_DESCRIPTION,
        docs_url=None,   # Swagger UI would load scripts from a CDN: not offline, not CSP-clean
        redoc_url=None,
        openapi_tags=[
            {"name": "documents", "description": "Source documents and their articles, entities, events"},
            {"name": "entities", "description": "Persons, organisations, places (corpus-global ids)"},
            {"name": "events", "description": "PLOVER events with evidence"},
            {"name": "analysis", "description": "Search, dyads, statistics, export"},
            {"name": "write", "description": "Token-protected changes to the store"},
        ],
    )
    app.state.db_url = db_url
    app.state.token = token or None
    app.state.token_name = token_name or None  # written to the curation audit log
    app.state.store = handle

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        bad = _boundary_error(request)
        if bad is not None:
            response = _error(request, *bad)
        else:
            response = await call_next(request)
        return _secure(response)

    @app.exception_handler(Exception)
    async def server_error(request: Request, exc: Exception):  # type: ignore[no-untyped-def]
        # runs outside the middleware stack: the headers are set here
        log.exception("internal error on %s %s", request.method, request.url.path)
        return _secure(_error(request, 500, f"internal error ({type(exc).__name__}); the server log has details"))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError):  # type: ignore[no-untyped-def]
        errors = exc.errors()
        messages = []
        for err in errors:
            loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
            name = ".".join(loc) or "request"
            messages.append(f"invalid parameter '{name}': {err.get('msg', 'invalid value')}")
        message = "; ".join(messages) or "invalid request"
        if not _is_api(request):
            return views.error_page(request, 422, message)
        detail = [{"parameter": ".".join(str(x) for x in e.get("loc", ())[1:]) or None,
                   "message": e.get("msg"), "type": e.get("type")} for e in errors]
        return JSONResponse({"error": message, "status": 422, "detail": detail}, status_code=422)

    @app.exception_handler(api.ParamError)
    async def param_error(request: Request, exc: api.ParamError):  # type: ignore[no-untyped-def]
        if not _is_api(request):
            return views.error_page(request, 422, str(exc))
        return JSONResponse({"error": str(exc), "status": 422, "parameter": exc.name,
                             "value": exc.value}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):  # type: ignore[no-untyped-def]
        headers = getattr(exc, "headers", None)
        if not _is_api(request):
            return views.error_page(request, exc.status_code, str(exc.detail), headers=headers)
        return JSONResponse({"error": str(exc.detail), "status": exc.status_code},
                            status_code=exc.status_code, headers=headers)

    app.include_router(api.router)
    app.include_router(views.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    return app


def _secure(response: Any) -> Any:
    response.headers.setdefault("Content-Security-Policy", CSP)
    for k, v in SECURITY_HEADERS.items():
        response.headers.setdefault(k, v)
    return response


def _error(request: Request, status: int, message: str, **extra: Any) -> Any:
    """The one error shape: JSON ``{"error", "status", ...}`` under /api, an HTML page elsewhere."""
    if not _is_api(request):
        try:
            return views.error_page(request, status, message)
        except Exception:  # noqa: BLE001 - the error page itself failed: plain JSON then
            pass
    return JSONResponse({"error": message, "status": status, **extra}, status_code=status)


def _boundary_error(request: Request) -> tuple[int, str] | None:
    """NUL in the path or query, or a declared body over :data:`MAX_BODY`: refused up front."""
    raw_path = request.scope.get("raw_path") or request.url.path.encode("utf-8", "surrogateescape")
    if b"\x00" in unquote_to_bytes(raw_path):
        return 422, "invalid request: NUL characters are not allowed in paths or parameters"
    if b"\x00" in unquote_to_bytes(request.scope.get("query_string") or b""):
        return 422, "invalid request: NUL characters are not allowed in parameters"
    length = request.headers.get("content-length")
    if length is not None:
        if not length.strip().isdigit():
            return 400, "invalid Content-Length header"
        if int(length) > MAX_BODY:
            return 413, f"request body larger than {MAX_BODY // (1024 * 1024)} MiB"
    return None


def _version() -> str:
    try:
        from marsad import __version__
        return __version__
    except Exception:  # pragma: no cover
        return "0"
