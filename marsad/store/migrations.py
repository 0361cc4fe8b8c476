"""Schema migrations: named Python functions applied in order and recorded in ``migrations``.

Each migration receives a :class:`MigrationBackend` (the small public interface a store gives its
migrations; :class:`marsad.store.base.BaseStore` builds one over itself) and runs inside one
transaction; the DDL is shared between the backends, with a few dialect tokens filled in by the
backend (``{pk}`` for an auto-increment key, ``{real}`` for a float column). Full-text search differs
per backend, so the FTS migration calls ``db.create_fts()``.
"""
from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import datetime, timezone
from typing import Any, Callable, Protocol


class MigrationBackend(Protocol):
    """What a migration may do to a store: SQL with ``?`` placeholders, dialect DDL, transactions,
    and the few store operations that keep derived tables right (search index, event rollups)."""

    def execute(self, sql: str, params: tuple | list = ()) -> Any:
        """Run one statement (``?`` placeholders); the backend's cursor result."""

    def query(self, sql: str, params: tuple | list = ()) -> list[dict]:
        """Run one query; its rows as dicts keyed by column name."""

    def ddl(self, sql: str) -> str:
        """``sql`` with the dialect tokens (``{pk}``, ``{real}``) filled in for this backend."""

    def create_fts(self) -> None:
        """Create this backend's full-text search table(s)."""

    def transaction(self) -> AbstractContextManager[None]:
        """One transaction (nested uses join the outer one); rolled back on an exception."""

    def lock_writer(self) -> None:
        """Serialise writers for the rest of the transaction (no-op where it already does)."""

    def delete_document(self, doc_key: str) -> set[str]:
        """Remove one document and its rows; the ids of the entities it touched."""

    def gc_entities(self, ids: set[str]) -> None:
        """Drop those of ``ids`` that no document mentions any more."""

    def index_entity(self, entity_id: str) -> None:
        """(Re)write the search index entry of one entity."""

    def recompute_event(self, event_id: str) -> None:
        """(Re)compute one event's rollups (reports, dates, search entry) from its reports."""


SCHEMA_V1 = [
    """CREATE TABLE IF NOT EXISTS documents (
        doc_key TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        path TEXT,
        outlet TEXT,
        raw_text TEXT,
        size INTEGER,
        ingested_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS documents_doc_id ON documents (doc_id)",
    """CREATE TABLE IF NOT EXISTS articles (
        id {pk},
        doc_key TEXT NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        title TEXT,
        outlet TEXT,
        published TEXT,
        body TEXT,
        span_start INTEGER,
        span_end INTEGER
    )""",
    "CREATE INDEX IF NOT EXISTS articles_doc ON articles (doc_key, idx)",
    """CREATE TABLE IF NOT EXISTS entities (
        id TEXT PRIMARY KEY,
        type TEXT,
        name TEXT,
        name_folded TEXT,
        name_en TEXT,
        country TEXT,
        office TEXT,
        wikidata TEXT,
        country_curated INTEGER NOT NULL DEFAULT 0,
        office_curated INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX IF NOT EXISTS entities_type ON entities (type)",
    "CREATE INDEX IF NOT EXISTS entities_folded ON entities (name_folded)",
    # aliases from extraction carry the document they came from (deleted with it); curated ones
    # have doc_key NULL
    """CREATE TABLE IF NOT EXISTS entity_aliases (
        id {pk},
        entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        folded TEXT NOT NULL,
        doc_key TEXT REFERENCES documents (doc_key) ON DELETE CASCADE,
        source TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS entity_aliases_entity ON entity_aliases (entity_id)",
    "CREATE INDEX IF NOT EXISTS entity_aliases_doc ON entity_aliases (doc_key)",
    """CREATE TABLE IF NOT EXISTS entity_offices (
        id {pk},
        entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
        office TEXT NOT NULL,
        start_date TEXT,
        end_date TEXT,
        source TEXT NOT NULL,
        doc_key TEXT REFERENCES documents (doc_key) ON DELETE CASCADE
    )""",
    "CREATE INDEX IF NOT EXISTS entity_offices_entity ON entity_offices (entity_id)",
    "CREATE INDEX IF NOT EXISTS entity_offices_doc ON entity_offices (doc_key)",
    """CREATE TABLE IF NOT EXISTS mentions (
        id {pk},
        entity_id TEXT NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
        doc_key TEXT NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
        span_start INTEGER,
        span_end INTEGER,
        surface TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS mentions_entity ON mentions (entity_id)",
    "CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_key)",
    """CREATE TABLE IF NOT EXISTS events (
        id TEXT PRIMARY KEY,
        category TEXT NOT NULL,
        mode TEXT,
        context TEXT,
        ev_date TEXT,
        ev_enddate TEXT,
        date_precision TEXT,
        date_lo TEXT,
        date_hi TEXT,
        loc_name TEXT,
        loc_name_ar TEXT,
        loc_cc3 TEXT,
        latitude {real},
        longitude {real},
        geonameid BIGINT,
        source_json TEXT,
        recipient_json TEXT,
        countries TEXT,
        confidence {real},
        n_sources INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX IF NOT EXISTS events_window ON events (date_lo, date_hi)",
    "CREATE INDEX IF NOT EXISTS events_countries ON events (countries)",
    """CREATE TABLE IF NOT EXISTS event_actors (
        id {pk},
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        role TEXT NOT NULL,
        entity_id TEXT,
        code TEXT,
        name_folded TEXT,
        is_person INTEGER NOT NULL DEFAULT 0
    )""",
    "CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id)",
    "CREATE INDEX IF NOT EXISTS event_actors_entity ON event_actors (entity_id)",
    "CREATE INDEX IF NOT EXISTS event_actors_code ON event_actors (code)",
    """CREATE TABLE IF NOT EXISTS event_sources (
        id {pk},
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        doc_key TEXT NOT NULL REFERENCES documents (doc_key) ON DELETE CASCADE,
        doc_event_id TEXT,
        article_idx INTEGER,
        event_text TEXT,
        span_start INTEGER,
        span_end INTEGER,
        event_json TEXT NOT NULL,
        merge_reason TEXT,
        added_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS event_sources_event ON event_sources (event_id)",
    "CREATE INDEX IF NOT EXISTS event_sources_doc ON event_sources (doc_key)",
    """CREATE TABLE IF NOT EXISTS errors (
        doc_key TEXT PRIMARY KEY,
        doc_id TEXT,
        message TEXT NOT NULL,
        at TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS entity_redirects (
        drop_id TEXT PRIMARY KEY,
        keep_id TEXT NOT NULL
    )""",
    """CREATE TABLE IF NOT EXISTS curation (
        id {pk},
        action TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        other_id TEXT,
        field TEXT,
        value TEXT,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS curation_entity ON curation (entity_id)",
]


def m001_initial(db: MigrationBackend) -> None:
    """The first schema (:data:`SCHEMA_V1`): documents, articles, entities with aliases and offices,
    mentions, events with their actors and sources."""
    for ddl in SCHEMA_V1:
        db.execute(db.ddl(ddl))


SEARCH_DOCS = [
    """CREATE TABLE IF NOT EXISTS search_docs (
        id {pk},
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        doc_key TEXT,
        title TEXT,
        body TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS search_docs_ref ON search_docs (kind, ref)",
    "CREATE INDEX IF NOT EXISTS search_docs_doc ON search_docs (doc_key)",
]


def m002_fts(db: MigrationBackend) -> None:
    """Folded search text (shared table) plus the backend's full-text index over it."""
    for ddl in SEARCH_DOCS:
        db.execute(db.ddl(ddl))
    db.create_fts()


IDENTITY = [
    # every path spelling (canonical form) a document was read under; the document is its bytes
    """CREATE TABLE IF NOT EXISTS document_paths (
        doc_key TEXT PRIMARY KEY,
        doc_id TEXT NOT NULL,
        given TEXT,
        first_seen TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS document_paths_doc ON document_paths (doc_id)",
    "ALTER TABLE documents ADD COLUMN url TEXT",
    "ALTER TABLE documents ADD COLUMN record_id TEXT",
    "ALTER TABLE documents ADD COLUMN published TEXT",
    "ALTER TABLE documents ADD COLUMN pipeline TEXT",
    "ALTER TABLE documents ADD COLUMN pipeline_digest TEXT",
    "ALTER TABLE documents ADD COLUMN extracted_at TEXT",
    # the bytes the document was read from (zlib), so ``marsad reprocess`` needs no source files
    """CREATE TABLE IF NOT EXISTS document_sources (
        doc_id TEXT PRIMARY KEY,
        kind TEXT,
        data {blob}
    )""",
    # persons the KB lacks, in the order the store first saw them: new names resolve against it
    """CREATE TABLE IF NOT EXISTS person_registry (
        seq {pk},
        entity_id TEXT NOT NULL UNIQUE,
        surname TEXT NOT NULL,
        tokens TEXT NOT NULL,
        country TEXT,
        added_at TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS person_registry_surname ON person_registry (surname)",
    "ALTER TABLE curation ADD COLUMN actor TEXT",
    "ALTER TABLE curation ADD COLUMN old_value TEXT",
]


def m003_identity(db: MigrationBackend) -> None:
    """Documents by content: paths as attributes, source metadata, extraction provenance, the
    persistent person registry and the curation audit columns. Documents stored twice under
    other paths by older versions are folded into the first one."""
    for ddl in IDENTITY:
        db.execute(db.ddl(ddl))
    rows = db.query("SELECT doc_key, doc_id, path FROM documents ORDER BY ingested_at, doc_key")
    keep: dict[str, str] = {}
    for r in rows:
        db.execute("INSERT INTO document_paths (doc_key, doc_id, given, first_seen) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (doc_key) DO NOTHING", (r["doc_key"], r["doc_id"], r["path"], now_iso()))
        if r["doc_id"] in keep:
            touched = db.delete_document(r["doc_key"])
            db.gc_entities(touched)
        else:
            keep[r["doc_id"]] = r["doc_key"]
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS documents_doc_id_unique ON documents (doc_id)")


def m004_search_clitics_events(db: MigrationBackend) -> None:
    """Rebuild the search index: clitic-free word forms (قطر finds لقطر) and corpus events."""
    from .search import index_text

    db.execute("DELETE FROM search_docs")
    for a in db.query("SELECT doc_key, idx, title, body FROM articles ORDER BY doc_key, idx"):
        db.execute("INSERT INTO search_docs (kind, ref, doc_key, title, body) VALUES ('article', ?, ?, ?, ?)",
                    (str(a["idx"]), a["doc_key"], index_text(a["title"]), index_text(a["body"])))
    for e in db.query("SELECT id FROM entities ORDER BY id"):
        db.index_entity(e["id"])
    for ev in db.query("SELECT id FROM events ORDER BY id"):
        db.recompute_event(ev["id"])


MIGRATIONS: list[tuple[str, Callable[[MigrationBackend], None]]] = [
    ("001_initial", m001_initial),
    ("002_fts", m002_fts),
    ("003_identity", m003_identity),
    ("004_search_clitics_events", m004_search_clitics_events),
]


def now_iso() -> str:
    """Now in UTC as ISO 8601 to the second (``2026-12-01T04:20:00+00:00``): the store's timestamps."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def apply_migrations(db: MigrationBackend) -> list[str]:
    """Apply pending migrations in order, each in its own transaction; return the names applied.

    Every transaction takes the writer lock (PostgreSQL: an advisory lock) before its first
    statement, so processes opening a new database at once wait for each other instead of
    racing on ``CREATE TABLE`` (which PostgreSQL reports as a ``UniqueViolation``).
    """
    with db.transaction():
        db.lock_writer()
        db.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
    applied = {r["name"] for r in db.query("SELECT name FROM migrations")}
    done = []
    for name, fn in MIGRATIONS:
        if name in applied:
            continue
        with db.transaction():
            db.lock_writer()
            # another writer may have applied it while we waited for the lock
            if db.query("SELECT name FROM migrations WHERE name = ?", (name,)):
                continue
            fn(db)
            db.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, now_iso()))
        done.append(name)
    return done
