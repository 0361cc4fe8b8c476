"""REST API under ``/api/``: read-only views of the store, plus token-protected writes.

Routes that only call the store are plain ``def``: FastAPI runs them in its thread pool, so a slow
query never blocks the event loop (the store handle serialises the calls on its one connection).
Only ``/api/ingest`` is ``async``, to stream the upload in, and hands the store work to the pool."""
from __future__ import annotations

import email.parser
import email.policy
import hashlib
import hmac
import io
import json
import re
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from pydantic import BaseModel, Field, field_validator

from marsad.store.builders import actor_graph, geojson
from marsad.store.exports import EXPORTS
from marsad.store.record import CorpusEvent, DocumentSummary, EntityDetail, EntitySummary, StoredDocument
from marsad.store.filters import (SORTS, EventFilter, FilterError, parse_day, parse_filter,
                                  parse_countries as _parse_countries)

router = APIRouter(prefix="/api")

MAX_UPLOAD = 20 * 1024 * 1024
# format -> (media type, file extension) of a download, from the store's one list of formats
EXPORT_FORMATS = {name: (f.media_type, f.extension) for name, f in EXPORTS.items()}
#: the largest offset the stores can take (a signed 64-bit integer)
MAX_OFFSET = 2**63 - 1


#: a query parameter with a value that cannot be used; the message names the parameter
ParamError = FilterError


def parse_date(name: str, value: str | None, *, end: bool = False) -> str | None:
    """``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` -> ISO day (first day, or last day when ``end``)."""
    return parse_day(name, value, end=end)


def parse_countries(values: list[str] | None, name: str = "country") -> tuple[str, ...]:
    """Repeatable and/or comma-separated codes or state names -> ISO alpha-3 tuple, order kept."""
    return _parse_countries(values, name)


def clean(value: str | None) -> str | None:
    """A query text stripped of surrounding whitespace; None when nothing is left."""
    value = (value or "").strip()
    return value or None


# ---------------------------------------------------------------- dependencies

def store(request: Request) -> Any:
    """Dependency: the app's :class:`~marsad.web.app.StoreHandle` (every call serialised on one connection)."""
    return request.app.state.store


def page(items: list[Any], limit: int, offset: int, total: int | None = None) -> dict[str, Any]:
    """A list response: ``count`` is this page's size, ``total`` all matching items."""
    out = {"items": items, "limit": limit, "offset": offset, "count": len(items)}
    if total is not None:
        out["total"] = total
    return out


def require_token(request: Request) -> None:
    """Dependency of the write endpoints: 403 when the server runs without ``--token``, 401 without an
    ``Authorization: Bearer`` header, 403 for a wrong token (compared in constant time)."""
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "write endpoints are disabled: start `marsad serve` with --token to enable them")
    auth = request.headers.get("authorization", "")
    scheme, _, given = auth.partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "missing 'Authorization: Bearer <token>' header",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.strip().encode(), token.encode()):
        raise HTTPException(403, "invalid token")


def token_name(request: Request) -> str:
    """Who made a change, for the audit log: the token's name (``--token-name``), else ``api``."""
    return "api:" + (getattr(request.app.state, "token_name", None) or "token")


class DocumentPage(BaseModel):
    """``GET /api/documents``: a page of stored documents (``count`` this page's size, ``total`` all)."""

    items: list[DocumentSummary]
    limit: int
    offset: int
    count: int
    total: int


class EntityPage(BaseModel):
    """``GET /api/entities``: a page of entities (``count`` this page's size, ``total`` all matching)."""

    items: list[EntitySummary]
    limit: int
    offset: int
    count: int
    total: int


class EventPage(BaseModel):
    """``GET /api/events``: a page of corpus events (``count`` this page's size, ``total`` all matching)."""

    items: list[CorpusEvent]
    limit: int
    offset: int
    count: int
    total: int


LIMIT = Query(100, ge=1, le=1000, description="page size (1–1000)")
OFFSET = Query(0, ge=0, le=MAX_OFFSET, description="number of items to skip (0 to 2^63-1)")


# ---------------------------------------------------------------- read endpoints

@router.get("/stats", tags=["analysis"], summary="Store statistics",
            description="Counts of documents, articles, entities, events, sources and errors.")
def api_stats(s: Any = Depends(store)) -> dict[str, Any]:
    """``GET /api/stats``: the store's row counts (see ``ReadMixin.stats``)."""
    return s.call("stats")


@router.get("/documents", tags=["documents"], summary="List documents", response_model=DocumentPage)
def api_documents(limit: int = LIMIT, offset: int = OFFSET,
                  sort: str = Query("ingested", pattern="^(ingested|published|path|events)$",
                                    description="ingested (newest first), published (newest first), "
                                                "path, events (most first)"),
                  s: Any = Depends(store)) -> dict[str, Any]:
    """Stored documents, a page at a time, with title, published date, source URL and counts."""
    return page(s.call("documents", limit=limit, offset=offset, sort=sort), limit, offset,
                s.call("count_documents"))


@router.get("/documents/{doc_id:path}", tags=["documents"], summary="One document",
            description="Raw text, articles (title, outlet, published, text, offsets), entities with "
                        "their mentions (offsets into the raw text) and events.",
            responses={404: {"description": "unknown document id"}}, response_model=StoredDocument)
def api_document(doc_id: str, s: Any = Depends(store)) -> StoredDocument:
    """``GET /api/documents/{doc_id}``: one document (doc_id or doc_key); 404 when unknown."""
    doc = s.call("document", doc_id)
    if doc is None:
        raise HTTPException(404, f"no document with id {doc_id!r}")
    return doc


@router.get("/entities", tags=["entities"], summary="List or search entities", response_model=EntityPage)
def api_entities(
    type: str | None = Query(None, description="entity type: PER, ORG, GPE, LOC, FAC, WEAPON, EVENT, DATE"),
    q: str | None = Query(None, description="name filter (Arabic-folded)"),
    limit: int = LIMIT, offset: int = OFFSET, s: Any = Depends(store),
) -> dict[str, Any]:
    """Entities by number of mentions, filtered by type (PER, ORG, GPE, LOC, WEAPON) and an Arabic-folded name."""
    if type is not None and not re.fullmatch(r"[A-Za-z]{2,10}", type):
        raise ParamError("type", type, "expected an entity type such as PER or GPE")
    t = type.upper() if type else None
    items = s.call("entities", type=t, q=clean(q), limit=limit, offset=offset)
    return page(items, limit, offset, s.call("count_entities", type=t, q=clean(q)))


@router.get("/entities/{entity_id:path}", tags=["entities"], summary="One entity",
            description="Names and aliases, offices over time, mention count, documents, events, counterparts.",
            responses={404: {"description": "unknown entity id"}}, response_model=EntityDetail)
def api_entity(entity_id: str, s: Any = Depends(store)) -> EntityDetail:
    """``GET /api/entities/{entity_id}``: one entity (merged ids followed); 404 when unknown."""
    ent = s.call("entity", entity_id)
    if ent is None:
        raise HTTPException(404, f"no entity with id {entity_id!r}")
    return ent


def event_filters(
    country: list[str] | None = Query(None, description="an actor's state: ISO alpha-3 code or Arabic/English "
                                                        "name (QAT, قطر, Qatar); repeatable or comma-separated"),
    category: str | None = Query(None, description="PLOVER category, e.g. CONSULT"),
    person: str | None = Query(None, description="entity id (or name) of a person among the actors"),
    since: str | None = Query(None, description="earliest event date, YYYY-MM-DD (YYYY-MM, YYYY)"),
    until: str | None = Query(None, description="latest event date, YYYY-MM-DD (YYYY-MM, YYYY)"),
    min_confidence: str | None = Query(None, description="only events with confidence >= this (0-1)"),
    sort: str | None = Query(None, description="order: " + ", ".join(SORTS)),
) -> dict[str, Any]:
    """The shared event filter (marsad.store.filters) as ``{"filter": EventFilter}``."""
    return {"filter": parse_filter(country=country, category=category, person=person, since=since,
                                   until=until, min_confidence=min_confidence, sort=sort)}


@router.get("/events", tags=["events"], summary="List events",
            description="PLOVER-shaped events, newest first, filtered by actor countries (all given "
                        "countries must be involved), category, person and date range.",
            response_model=EventPage)
def api_events(f: dict[str, Any] = Depends(event_filters), limit: int = LIMIT, offset: int = OFFSET,
               s: Any = Depends(store)) -> dict[str, Any]:
    """``GET /api/events``: a page of events matching :func:`event_filters`, with the total."""
    return page(s.call("events", limit=limit, offset=offset, **f), limit, offset,
                s.call("count_events", **f))


@router.get("/events/{event_id}", tags=["events"], summary="One event",
            description="A PLOVER event with all its sources (document, article title, evidence text, offsets).",
            responses={404: {"description": "unknown event id"}}, response_model=CorpusEvent)
def api_event(event_id: str, s: Any = Depends(store)) -> CorpusEvent:
    """``GET /api/events/{event_id}``: one event with all its sources; 404 when unknown."""
    ev = s.call("event", event_id)
    if ev is None:
        raise HTTPException(404, f"no event with id {event_id!r}")
    return ev


@router.get("/search", tags=["analysis"], summary="Search articles and entities",
            description="Full-text search with Arabic orthographic folding (hamza forms, ى/ي, ة/ه, diacritics).")
def api_search(q: str = Query(..., min_length=1, max_length=500, description="query text"),
                     limit: int = Query(20, ge=1, le=200), offset: int = Query(0, ge=0, le=10_000),
                     s: Any = Depends(store)) -> dict[str, Any]:
    """``GET /api/search``: folded full-text hits, ``offset`` + ``limit`` of them; 422 for a blank query."""
    if not q.strip():
        raise ParamError("q", q, "must not be blank")
    items = s.call("search", q.strip(), limit=limit + offset)[offset:]
    return {"query": q.strip(), "items": items, "limit": limit, "offset": offset, "count": len(items)}


@router.get("/dyads", tags=["analysis"], summary="Interactions per pair of actors per month",
            description="Rows `{a, b, month, count, categories}`; filter by countries and date range.")
def api_dyads(
    country: list[str] | None = Query(None, description="ISO alpha-3 codes or state names; repeatable"),
    since: str | None = Query(None, description="YYYY-MM-DD"),
    until: str | None = Query(None, description="YYYY-MM-DD"),
    s: Any = Depends(store),
) -> dict[str, Any]:
    """``GET /api/dyads``: rows ``{a, b, month, count, categories}`` for the countries and ISO date range."""
    items = s.call("dyads", countries=parse_countries(country), since=parse_date("since", since),
                   until=parse_date("until", until, end=True))
    return {"items": items, "count": len(items)}


@router.get("/graph", tags=["analysis"], summary="Interaction network",
            description="Nodes (states and persons) and weighted edges built from events matching the "
                        "same filters as /api/events (up to `limit` events).")
def api_graph(f: dict[str, Any] = Depends(event_filters),
                    limit: int = Query(2000, ge=1, le=20000), s: Any = Depends(store)) -> dict[str, Any]:
    """``GET /api/graph``: the actor graph (:func:`marsad.store.builders.actor_graph`, its undirected
    view ``ActorGraph.as_json``) of up to ``limit`` events matching the filters."""
    events = s.call("events", limit=limit, offset=0, **f)
    return actor_graph(events, *s.call("graph_entities")).as_json()


@router.get("/map", tags=["analysis"], summary="Geocoded events as GeoJSON",
            description="A GeoJSON FeatureCollection of events with coordinates, same filters as /api/events.")
def api_map(f: dict[str, Any] = Depends(event_filters),
                  limit: int = Query(2000, ge=1, le=20000), s: Any = Depends(store)) -> dict[str, Any]:
    """``GET /api/map``: :func:`marsad.store.builders.geojson` of up to ``limit`` events matching the filters."""
    return geojson(s.call("events", limit=limit, offset=0, **f))


@router.get("/export/{fmt}", tags=["analysis"], summary="Export the events matching the filters",
            description="`plover` (JSON Lines, sources with url, outlet, date), `csv` (formula-safe; "
                        "`bom=true` for spreadsheets), `geojson` or `gexf` (directed actor network); "
                        "the same filters as /api/events.",
            responses={200: {"content": {m: {} for m, _ in EXPORT_FORMATS.values()}},
                       404: {"description": "unknown format"}})
def api_export(fmt: str, f: dict[str, Any] = Depends(event_filters),
                     bom: bool = Query(False, description="CSV: start with a UTF-8 BOM"),
                     s: Any = Depends(store)) -> Response:
    """``GET /api/export/{fmt}``: the events matching the filters as a download in ``fmt``
    (:data:`EXPORT_FORMATS`: media type and file extension); 404 for an unknown format."""
    if fmt not in EXPORT_FORMATS:
        raise HTTPException(404, f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    media, ext = EXPORT_FORMATS[fmt]
    buf = io.StringIO()
    s.call("export", fmt, buf, f["filter"], bom=bom)
    data = buf.getvalue().encode("utf-8")
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="marsad-events.{ext}"'})


# ---------------------------------------------------------------- write endpoints

class _Body(BaseModel):
    """Write bodies: no NUL in any text (PostgreSQL cannot store it; refused for both backends)."""

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, v: Any) -> Any:
        if isinstance(v, str) and "\x00" in v:
            raise ValueError("must not contain NUL characters")
        return v


class MergeBody(_Body):
    """Body of ``POST /api/entities/{id}/merge``: the entity to fold into this one."""

    drop: str = Field(..., min_length=1, max_length=500,
                      description="id of the entity merged into this one and removed")


class AliasBody(_Body):
    """Body of ``POST /api/entities/{id}/alias``: a spelling to add."""

    alias: str = Field(..., min_length=1, max_length=300, description="another spelling of the name")


class SetBody(_Body):
    """Body of ``POST /api/entities/{id}/set``: the office and/or country to set."""

    office: str | None = Field(None, max_length=300, description="office held (English)")
    country: str | None = Field(None, min_length=2, max_length=100,
                                description="ISO alpha-3 code, a state name the KB knows, or IGO/NGO")


def _entity_or_404(s: Any, entity_id: str, what: str = "entity") -> EntityDetail:
    ent = s.call("entity", entity_id)
    if ent is None:
        raise HTTPException(404, f"no {what} with id {entity_id!r}")
    return ent


@router.post("/entities/{entity_id}/merge", tags=["write"], dependencies=[Depends(require_token)],
             summary="Merge another entity into this one")
def api_merge(entity_id: str, body: MergeBody, request: Request, s: Any = Depends(store)) -> dict[str, Any]:
    """``POST /api/entities/{entity_id}/merge``: fold ``body.drop`` into this entity (audited under the
    token's name); 404 for an unknown id, 422 for merging an entity into itself."""
    if body.drop == entity_id:
        raise ParamError("drop", body.drop, "cannot merge an entity into itself")
    _entity_or_404(s, entity_id)
    _entity_or_404(s, body.drop)
    res = s.call("entity_merge", entity_id, body.drop, actor=token_name(request))
    return {"ok": True, "result": res, "entity": s.call("entity", entity_id)}


@router.post("/entities/{entity_id}/alias", tags=["write"], dependencies=[Depends(require_token)],
             summary="Add an alias (spelling) to an entity")
def api_alias(entity_id: str, body: AliasBody, request: Request, s: Any = Depends(store)) -> dict[str, Any]:
    """``POST /api/entities/{entity_id}/alias``: add a spelling; 404 for an unknown id, 422 for an unusable alias."""
    _entity_or_404(s, entity_id)
    try:
        res = s.call("entity_alias_add", entity_id, body.alias.strip(), actor=token_name(request))
    except FilterError:
        raise
    except ValueError as exc:
        raise ParamError("alias", body.alias, str(exc)) from None
    return {"ok": True, "result": res, "entity": s.call("entity", entity_id)}


@router.post("/entities/{entity_id}/set", tags=["write"], dependencies=[Depends(require_token)],
             summary="Set an entity's office and/or country")
def api_set(entity_id: str, body: SetBody, request: Request, s: Any = Depends(store)) -> dict[str, Any]:
    """``POST /api/entities/{entity_id}/set``: correct office and/or country; 422 when neither is given."""
    _entity_or_404(s, entity_id)
    if body.office is None and body.country is None:
        raise ParamError("office", None, "give office and/or country")
    res = s.call("entity_set", entity_id, office=body.office, country=body.country,
                 actor=token_name(request))
    return {"ok": True, "result": res, "entity": s.call("entity", entity_id)}


@router.post("/ingest", tags=["write"], dependencies=[Depends(require_token)],
             summary="Ingest articles or extracted records",
             description="Body: `multipart/form-data` with one or more files (.txt, .html, .json, .jsonl); "
                         "or `application/json`: a CONTRACT record with `raw_text` and `doc_key` (or a list "
                         "of them) stored as is, or a news-please article record that is extracted first; "
                         "or `text/plain`/`text/html` with `?filename=`. Answers the ingested document ids.",
             openapi_extra={"requestBody": {"content": {
                 "multipart/form-data": {"schema": {"type": "object", "properties": {
                     "files": {"type": "array", "items": {"type": "string", "format": "binary"}}}}},
                 "application/json": {"schema": {"type": "object"}},
                 "text/plain": {"schema": {"type": "string"}}}}})
async def api_ingest(request: Request, filename: str | None = Query(None, description="name of a raw upload"),
                     s: Any = Depends(store)) -> dict[str, Any]:
    """``POST /api/ingest``: store the uploaded records or extract and store the uploaded files
    (extraction and storage run in the thread pool); ``{"ok", "count", "documents", "errors"}``.
    422 for an empty or unreadable body; 413 over :data:`MAX_UPLOAD` bytes."""
    body = await read_body(request, MAX_UPLOAD)
    if not body:
        raise ParamError("body", "", "empty request body")
    ctype = request.headers.get("content-type", "").lower()
    files: list[tuple[str, bytes]] = []
    records: list[dict[str, Any]] = []
    if ctype.startswith("multipart/form-data"):
        files = _parse_multipart(ctype, body)
        if not files:
            raise ParamError("files", None, "no file parts in the multipart body")
    elif ctype.startswith("application/json"):
        try:
            data = json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ParamError("body", None, f"not valid JSON: {exc}") from None
        except (RecursionError, ValueError) as exc:  # nested too deep, numbers too long
            raise ParamError("body", None, f"JSON beyond limits: {type(exc).__name__}") from None
        items = data if isinstance(data, list) else [data]
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise ParamError("body", None, f"item {i} is not a JSON object")
            if "raw_text" in item and ("articles" in item or "events" in item or "entities" in item):
                records.append(item)
            else:
                data_i = json.dumps(item, ensure_ascii=False).encode("utf-8")
                files.append((f"article-{hashlib.sha1(data_i).hexdigest()[:12]}.json", data_i))
    else:
        name = filename or ("upload.html" if "html" in ctype else "upload.txt")
        files = [(name, body)]
    results: list[dict[str, Any]] = []
    if records:  # storing blocks on the store: in the thread pool, as the plain-def routes run
        results += await run_in_threadpool(lambda: [_store_record(s, rec) for rec in records])
    if files:
        results += await run_in_threadpool(extract_and_store, request.app, files)
    errors = [r for r in results if r.get("error")]
    return {"ok": not errors or len(errors) < len(results), "count": len(results) - len(errors),
            "documents": results, "errors": errors}


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as more than ``limit`` bytes have streamed in
    (never buffered whole first)."""
    chunks: list[bytes] = []
    n = 0
    async for chunk in request.stream():
        n += len(chunk)
        if n > limit:
            raise HTTPException(413, f"upload larger than {limit // (1024 * 1024)} MiB")
        chunks.append(chunk)
    return b"".join(chunks)


def _store_record(s: Any, rec: dict[str, Any]) -> dict[str, Any]:
    """Store one posted CONTRACT record; a record the store refuses is that item's error."""
    key = rec.get("doc_key") or rec.get("path")
    try:
        return {"doc_key": key, "status": s.call("ingest_record", rec)}
    except Exception as exc:  # noqa: BLE001 - one bad record: reported, the others stored
        return {"doc_key": key, "status": "error", "error": f"{type(exc).__name__}: {exc}"}


def _parse_multipart(ctype: str, body: bytes) -> list[tuple[str, bytes]]:
    """(file name, bytes) of each file part; ParamError for a body that is no multipart."""
    try:
        head = f"Content-Type: {ctype}\r\nMIME-Version: 1.0\r\n\r\n".encode("latin-1")
        msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
        out = []
        if not msg.is_multipart():
            raise ParamError("body", None, "malformed multipart body")
        for part in msg.iter_parts():
            name = part.get_filename()
            if not name:
                continue
            payload = part.get_payload(decode=True) or b""
            if not isinstance(payload, bytes):
                raise ParamError("files", name, "a file part without a body")
            out.append((Path(str(name).replace("\x00", "_")).name or "upload.txt", payload))
        return out
    except ParamError:
        raise
    except Exception as exc:  # noqa: BLE001 - the email parser raises many types on bad input
        raise ParamError("body", None, f"malformed multipart body ({type(exc).__name__})") from None


def get_extractor(app: Any) -> Any:
    """The extraction pipeline (built once per app; it may load models)."""
    ext = getattr(app.state, "extractor", None)
    if ext is None:
        try:
            from marsad.extract import Extractor
        except ImportError:
            raise HTTPException(501, "this installation has no extraction pipeline (marsad.extract); "
                                     "POST extracted CONTRACT records as JSON instead") from None
        curated = app.state.store.call("curated_persons") if hasattr(app.state.store.get(), "curated_persons") else []
        try:
            from marsad.store.provenance import StoreExtractor

            # records carry source metadata, pipeline provenance and the bytes (for reprocess)
            ext = app.state.extractor = StoreExtractor(Extractor(extra_persons=curated))
        except Exception as exc:  # noqa: BLE001 - a broken/partial install: say so, don't 500
            raise HTTPException(503, f"the extraction pipeline cannot be loaded ({type(exc).__name__}: {exc}); "
                                     "POST extracted CONTRACT records as JSON instead") from None
    return ext


def extract_and_store(app: Any, files: list[tuple[str, bytes]]) -> list[dict[str, Any]]:
    """Run the extraction pipeline over uploaded files and store the records.

    Documents are keyed ``upload/<file name>`` (``#line`` for .jsonl), so uploading the same file
    again replaces (or leaves unchanged) the stored version instead of adding a copy.
    """
    from marsad.extract import discover

    extractor = get_extractor(app)
    handle = app.state.store
    out: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="marsad-upload-") as tmp:
        updir = Path(tmp) / "upload"
        updir.mkdir()
        paths = []
        for i, (name, data) in enumerate(files):
            safe = re.sub(r"[^\w.\-]+", "_", Path(name).name)[:120].lstrip(".") or f"upload-{i}.txt"
            p = updir / safe
            if p.exists():
                p = updir / f"{p.stem}-{i}{p.suffix}"
            p.write_bytes(data)
            paths.append(str(p))
        prefix = tmp.rstrip("/") + "/"
        for src in discover(paths):
            key = str(getattr(src, "doc_key", None) or getattr(src, "path", "")).replace(prefix, "")
            try:
                rec = extractor.run(src)
            except Exception as exc:  # noqa: BLE001 - report per document
                rec = {"doc_id": getattr(src, "doc_id", None), "error": f"{type(exc).__name__}: {exc}"}
            rec["doc_key"] = key
            rec["path"] = key
            if rec.get("error"):
                rec["error"] = str(rec["error"]).replace(prefix, "")
            status = handle.call("ingest_record", rec)
            row = {"doc_key": key, "doc_id": rec.get("doc_id"), "status": status}
            if rec.get("error"):
                row["error"] = str(rec["error"]).replace(prefix, "")
            out.append(row)
    return out
