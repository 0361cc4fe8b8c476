"""The store protocol and the logic both backends share (SQL, ingestion, de-duplication, curation).

Backends (``sqlite.py``, ``postgres.py``) only provide: connection and transactions, placeholder
style, DDL dialect tokens, the writer lock and the full-text index. All SQL here uses ``?``
placeholders and ``INSERT … ON CONFLICT`` upserts, which both SQLite (≥ 3.24) and PostgreSQL accept.
"""
from __future__ import annotations

import hashlib
import threading
from contextlib import AbstractContextManager, contextmanager
from datetime import timedelta
from typing import Any, Iterator, Protocol, runtime_checkable

from marsad.record import Article, Entity, Event, Place
from marsad.textnorm import fold_key

from . import dedup
from .util import dumps as _dumps, loads as _loads
from .dedup import DEFAULT_SETTINGS, DedupSettings
from .migrations import apply_migrations, now_iso
from .record import (CorpusEvent, DocumentSummary, EntityDetail, EntitySummary, StoredDocument, StoreRecord,
                     clean_text)
from .search import index_text
from .curation import CurationMixin
from .documents import DocumentsMixin
from .read import ReadMixin


@runtime_checkable
class Store(Protocol):
    """What callers (CLI, ingest, web UI) may rely on.

    Ids: ``doc_id`` is the sha1 of a document's bytes, ``doc_key`` the path it was read under;
    entity ids are the extractor's (``kb:…``, ``plc:…``, ``per:…``); dates are ISO ``YYYY-MM-DD``
    strings. Documents and events come back as typed records (``marsad.store.record``: CorpusEvent,
    StoredDocument, DocumentSummary, EntitySummary, EntityDetail); the other readers answer plain dicts of their row shapes.
    """

    def has_document(self, doc_key: str, doc_id: str) -> bool:
        """True when a document with these bytes is stored (under any path); records ``doc_key`` as
        one more of its paths."""

    def ingest_record(self, record: dict) -> str:
        """Store one CONTRACT §2 extractor record; "added", "replaced", "unchanged" or "error"."""

    def record_error(self, doc_key: str, doc_id: str | None, message: str) -> None:
        """Remember that ``doc_key`` failed with ``message`` (replacing an earlier error of that key)."""

    def stats(self) -> dict:
        """Row counts: documents, articles, entities, events, sources, errors, events_merged,
        mentions, entity_redirects (ints)."""

    def events(self, countries=(), category=None, person=None, since=None, until=None,
               limit=100, offset=0) -> list[CorpusEvent]:
        """Corpus events matching the filters (ISO3 codes, a PLOVER category, a person id, an ISO
        date range), newest first, PLOVER-shaped with their sources; ``limit=None`` for all."""

    def event(self, event_id: str) -> CorpusEvent | None:
        """One corpus event with its sources, or None for an unknown id."""

    def entities(self, type=None, q=None, limit=100, offset=0) -> list[EntitySummary]:
        """Entities by number of mentions, filtered by type (PER, ORG, …) and a folded name query."""

    def entity(self, entity_id: str) -> EntityDetail | None:
        """One entity (redirects of merged ids followed) with aliases, offices and mentions, or None."""

    def documents(self, limit=100, offset=0) -> list[DocumentSummary]:
        """Stored documents, newest ingested first, with title, published date and counts."""

    def document(self, doc_id: str) -> StoredDocument | None:
        """One document by doc_id (or doc_key) with its articles, entities and events, or None."""

    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Folded full-text hits over articles, entities and events: ``{"kind", "title", "snippet", …}``."""

    def dyads(self, countries=(), since=None, until=None) -> list[dict]:
        """Interactions per pair of actors per month: ``{a, b, month, count, categories, a_name, b_name}``."""

    def export(self, fmt: str, fh) -> int:
        """Write every event to the text stream ``fh`` in ``fmt`` (``marsad.store.exports.FORMATS``);
        the number of items written. ``ValueError`` for an unknown format."""

    def entity_merge(self, keep_id: str, drop_id: str, actor: str | None = None) -> dict:
        """Fold ``drop_id`` into ``keep_id`` (mentions, aliases, offices, events); what changed.
        ``KeyError`` for an unknown id."""

    def entity_alias_add(self, entity_id: str, alias: str, actor: str | None = None) -> dict:
        """Add a spelling the linker will take as this entity's name; what changed."""

    def entity_set(self, entity_id: str, office=None, country=None, actor: str | None = None) -> dict:
        """Correct an entity's office and/or country (ISO3) and re-code its events; what changed."""

    def curated_persons(self) -> list[dict]:
        """Persons the linker takes as known: ``{"id", "name", "aliases", "country", "office"}``."""

    def entity_redirects(self) -> dict[str, str]:
        """Merged entity id -> the id it was merged into."""

    def close(self) -> None:
        """Close the connection; the store is unusable afterwards."""


def _float(x: Any) -> float | None:
    try:
        return float(x) if x is not None else None
    except (TypeError, ValueError):
        return None


class BaseStore(CurationMixin, DocumentsMixin, ReadMixin):
    """Shared implementation; subclasses provide the backend hooks marked below."""

    backend = "base"

    def __init__(self, settings: DedupSettings | None = None) -> None:
        self.settings = settings or DEFAULT_SETTINGS
        self._depth = 0
        # one connection per store: a transaction holds the lock for its whole duration, so a
        # store shared between threads (web UI) never interleaves statements into another's write
        self._lock = threading.RLock()

    # ------------------------------------------------------------ backend hooks
    def _execute(self, sql: str, params: tuple | list = ()) -> Any:  # pragma: no cover
        raise NotImplementedError

    def _rows(self, cur: Any) -> list[dict]:  # pragma: no cover
        raise NotImplementedError

    def _executemany(self, sql: str, rows: list[tuple]) -> None:
        """``sql`` once for each parameter tuple of ``rows``, in order (backends send them in one go)."""
        for params in rows:
            self._execute(sql, params)

    def _begin(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def _commit(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def _rollback(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def _ddl(self, sql: str) -> str:  # pragma: no cover
        raise NotImplementedError

    def _lock_writer(self) -> None:
        """Serialise writers (no-op where the transaction already does)."""

    def _create_fts(self) -> None:  # pragma: no cover
        raise NotImplementedError

    def _fts_search(self, query: str, limit: int) -> list[dict]:  # pragma: no cover
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover
        """Close the backend's connection (backend hook)."""
        raise NotImplementedError

    # ------------------------------------------------------------ shared plumbing
    def _exec(self, sql: str, params: tuple | list = ()) -> Any:
        with self._lock:
            return self._execute(sql, params)

    def _exec_many(self, sql: str, rows: list[tuple]) -> None:
        if rows:
            with self._lock:
                self._executemany(sql, rows)

    def _q(self, sql: str, params: tuple | list = ()) -> list[dict]:
        with self._lock:
            return self._rows(self._execute(sql, params))

    def _q1(self, sql: str, params: tuple | list = ()) -> dict | None:
        rows = self._q(sql, params)
        return rows[0] if rows else None

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """One transaction; nested uses (same thread) join the outer one."""
        with self._lock:
            with self._tx_locked():
                yield

    @contextmanager
    def _tx_locked(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._begin()
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        self._commit()

    def _migrate(self) -> list[str]:
        return apply_migrations(_MigrationDb(self))

    def applied_migrations(self) -> list[dict]:
        """The migrations applied to this database: ``{"name", "applied_at"}`` (ISO UTC), by name."""
        return self._q("SELECT name, applied_at FROM migrations ORDER BY name")

    # ------------------------------------------------------------ documents
    def record_error(self, doc_key: str, doc_id: str | None, message: str) -> None:
        """Remember that ``doc_key`` failed (replaces an earlier error of that key). Text is made
        storable on both backends (NUL, lone surrogates -> U+FFFD)."""
        doc_key, message = clean_text(str(doc_key)), clean_text(str(message))
        doc_id = clean_text(str(doc_id)) if doc_id is not None else None
        with self._tx():
            self._lock_writer()
            self._exec(
                "INSERT INTO errors (doc_key, doc_id, message, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (doc_key) DO UPDATE SET doc_id = excluded.doc_id, "
                "message = excluded.message, at = excluded.at",
                (doc_key, doc_id, str(message), now_iso()),
            )

    def errors(self, limit: int = 100, offset: int = 0) -> list[dict]:
        """Documents that failed: ``{"doc_key", "doc_id", "message", "at"}``, latest first."""
        return self._q("SELECT doc_key, doc_id, message, at FROM errors ORDER BY at DESC, doc_key "
                       "LIMIT ? OFFSET ?", (limit, offset))

    def _delete_document(self, doc_key: str) -> set[str]:
        ev_ids = [r["event_id"] for r in self._q(
            "SELECT DISTINCT event_id FROM event_sources WHERE doc_key = ?", (doc_key,))]
        ents = {r["entity_id"] for r in self._q(
            "SELECT DISTINCT entity_id FROM mentions WHERE doc_key = ?", (doc_key,))}
        for ev in ev_ids:
            for r in self._q("SELECT entity_id FROM event_actors WHERE event_id = ? "
                             "AND entity_id IS NOT NULL", (ev,)):
                ents.add(r["entity_id"])
        for tbl in ("search_docs", "event_sources", "mentions", "entity_aliases", "entity_offices",
                    "articles"):
            self._exec(f"DELETE FROM {tbl} WHERE doc_key = ?", (doc_key,))
        self._exec("DELETE FROM documents WHERE doc_key = ?", (doc_key,))
        for ev in ev_ids:
            self._recompute_event(ev)
        return ents

    def _gc_entities(self, ids: set[str]) -> None:
        """Drop entities nothing refers to any more (no mentions, events or curation)."""
        for eid in ids:
            if self._q1("SELECT 1 AS x FROM mentions WHERE entity_id = ? LIMIT 1", (eid,)):
                continue
            if self._q1("SELECT 1 AS x FROM event_actors WHERE entity_id = ? LIMIT 1", (eid,)):
                continue
            if self._q1("SELECT 1 AS x FROM curation WHERE entity_id = ? OR other_id = ? LIMIT 1",
                        (eid, eid)):
                continue
            self._exec("DELETE FROM search_docs WHERE kind = 'entity' AND ref = ?", (eid,))
            self._exec("DELETE FROM entities WHERE id = ?", (eid,))

    def _insert_document(self, doc_key: str, doc_id: str, record: StoreRecord) -> None:
        raw = record.raw_text
        arts = record.articles
        outlet = next((a.outlet for a in arts if a.outlet), None)
        self._exec(
            "INSERT INTO documents (doc_key, doc_id, path, outlet, raw_text, size, ingested_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (doc_key, doc_id, record.path or doc_key, outlet, raw,
             len(raw.encode("utf-8")), now_iso()),
        )
        for i, a in enumerate(arts):
            self._exec(
                "INSERT INTO articles (doc_key, idx, title, outlet, published, body, span_start, "
                "span_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (doc_key, i, a.title, a.outlet, a.published, a.text, a.start, a.end),
            )
            self._exec(
                "INSERT INTO search_docs (kind, ref, doc_key, title, body) VALUES ('article', ?, ?, ?, ?)",
                (str(i), doc_key, index_text(a.title), index_text(a.text)),
            )
        redirects = self.entity_redirects()
        persons: set[str] = set()
        ents = [(dedup.resolve(redirects, ent.id), ent) for ent in record.entities if ent.id]
        # the entities' rows, read once for the document and kept as the upserts below leave them
        rows = self._entity_rows({eid for eid, _ in ents})
        later = _Rows()
        for eid, ent in ents:
            rows[eid] = self._upsert_entity(eid, ent, doc_key, arts, rows[eid] if eid in rows else None, later)
            if (ent.type or "").upper() == "PER":
                persons.add(eid)
        later.write(self)
        for i, ev in enumerate(record.events):
            self._add_event(doc_key, doc_id, i, dedup.redirect_actors(ev, redirects), arts, persons)

    def _entity_rows(self, ids: set[str]) -> dict[str, dict]:
        """The stored rows of the entities ``ids`` (those that exist), by id."""
        out: dict[str, dict] = {}
        ids_ = sorted(ids)
        for k in range(0, len(ids_), 500):
            part = ids_[k:k + 500]
            marks = ",".join("?" * len(part))
            out.update((r["id"], r) for r in self._q(f"SELECT * FROM entities WHERE id IN ({marks})", part))
        return out

    def _upsert_entity(self, eid: str, ent: Entity, doc_key: str, arts: list[Article], cur: dict | None,
                       later: "_Rows") -> dict:
        """Insert or update entity ``eid`` (stored row ``cur``, None if new) from ``ent``: its row, search
        row (when new), mentions, aliases and office go to ``later``. Returns the row as it will be stored."""
        name = ent.name or ""
        # a country guessed from what one article is about is that record's reading, not a fact
        # about the person: the store keeps only what some text states
        country = None if ent.country_basis == "article" else ent.country
        if cur is None:
            row = {"id": eid, "type": ent.type, "name": name, "name_folded": fold_key(name), "name_en": ent.name_en,
                   "country": country, "office": ent.office, "wikidata": ent.wikidata,
                   "country_curated": 0, "office_curated": 0}
            # its search row is what _index_entity would read back: the row written; a new entity has no
            # curated alias yet (entity_aliases.entity_id references entities: its aliases went with any
            # earlier row)
            later.indexed.append((eid, index_text(name), index_text(ent.name_en or "")))
        else:
            # keep curated fields; otherwise the latest non-null value wins
            country = cur["country"] if cur["country_curated"] else (country or cur["country"])
            office = cur["office"] if cur["office_curated"] else (ent.office or cur["office"])
            new_name = cur["name"] or name
            row = dict(cur, type=cur["type"] or ent.type, name=new_name, name_folded=fold_key(new_name),
                       name_en=ent.name_en or cur["name_en"], country=country, office=office,
                       wikidata=ent.wikidata or cur["wikidata"])
        # inserted, or updated in place (ON CONFLICT), in the order the entities come
        later.entities.append((eid, row["type"], row["name"], row["name_folded"], row["name_en"], row["country"],
                               row["office"], row["wikidata"]))
        mentions = ent.mentions
        later.mentions += [(eid, doc_key, m.start, m.end, m.text) for m in mentions]
        seen = {fold_key(name)}
        for m in mentions:
            s = (m.text or "").strip()
            f = fold_key(s)
            if s and f not in seen:
                seen.add(f)
                later.aliases.append((eid, s, f, doc_key))
        if ent.office:
            start = mentions[0].start if mentions else None
            art = _article_of(arts, start)
            day = art.published if art is not None else None
            later.offices.append((eid, ent.office, day, day, doc_key))
        return row

    def _index_entity(self, eid: str) -> None:
        e = self._q1("SELECT name, name_en FROM entities WHERE id = ?", (eid,))
        if e is None:
            return
        aliases = [r["alias"] for r in self._q(
            "SELECT alias FROM entity_aliases WHERE entity_id = ? AND source = 'curation'", (eid,))]
        self._exec("DELETE FROM search_docs WHERE kind = 'entity' AND ref = ?", (eid,))
        self._exec(
            "INSERT INTO search_docs (kind, ref, doc_key, title, body) VALUES ('entity', ?, NULL, ?, ?)",
            (eid, index_text(e["name"]), index_text(" ".join([e["name_en"] or ""] + aliases))),
        )

    # ------------------------------------------------------------ events
    def _add_event(self, doc_key: str, doc_id: str, idx: int, ev: Event, arts: list[Article],
                   persons: set[str]) -> str:
        person_ids = persons | self._person_ids(ev)
        new_p = dedup.persons_by_country(ev, person_ids)
        target, reason = None, None
        if self.settings.enabled:
            target, reason = self._find_duplicate(doc_key, ev, new_p)
        doc_ev_id = ev.id if ev.id is not None else str(idx)
        if target is None:
            # from the document's bytes, not its path: the same event id whatever path it was read under
            target = "ev-" + hashlib.sha1(f"{doc_id}\0{doc_ev_id}\0{idx}".encode()).hexdigest()[:16]
            self._exec("INSERT INTO events (id, category, n_sources) VALUES (?, ?, 0)",
                       (target, _dumps(ev.event)))
        start, end = ev.text_info.start, ev.text_info.end
        art = _article_index(arts, start)
        self._exec(
            "INSERT INTO event_sources (event_id, doc_key, doc_event_id, article_idx, event_text, "
            "span_start, span_end, event_json, merge_reason, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (target, doc_key, doc_ev_id, art, "\n".join(t for t in ev.event_text if t), start, end,
             _dumps(ev.model_dump()), reason, now_iso()),
        )
        self._recompute_event(target)
        return target

    def _person_ids(self, ev: Event) -> set[str]:
        ids = [a.entity for _, a in dedup.actors(ev) if a.entity]
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        return {r["id"] for r in self._q(
            f"SELECT id FROM entities WHERE type = 'PER' AND id IN ({marks})", ids)}

    def _find_duplicate(self, doc_key: str, ev: Event, new_p: dict) -> tuple[str | None, str | None]:
        win = dedup.window(ev)
        countries = dedup.countries_of(ev)
        if win is None or not countries:
            return None, None
        tol = timedelta(days=self.settings.date_tolerance_days)
        params: list[Any] = [(win[1] + tol).isoformat(), (win[0] - tol).isoformat(), doc_key]
        sql = ("SELECT * FROM events WHERE date_lo <= ? AND date_hi >= ? AND id NOT IN "
               "(SELECT event_id FROM event_sources WHERE doc_key = ?)")
        if self.settings.require_same_countries:
            sql += " AND countries = ?"
            params.append(",".join(sorted(countries)))
        best: tuple[Any, ...] | None = None
        for row in self._q(sql + " ORDER BY id", params):
            old = self._row_to_event(row)
            old_p: dict[str, set[str]] = {}
            for a in self._q("SELECT entity_id, code FROM event_actors WHERE event_id = ? "
                             "AND is_person = 1", (row["id"],)):
                old_p.setdefault(a["code"] or "", set()).add(a["entity_id"])
            why = dedup.match(ev, old, new_p, old_p, self.settings)
            if why is None:
                continue
            ow = dedup.window(old)
            gap = abs((ow[0] - win[0]).days) if ow else 999
            score = ("place missing" in why, -why.count(";"), gap, row["id"])
            if best is None or score < best[0]:
                best = (score, row["id"], why)
        if best is None:
            return None, None
        return best[1], best[2]

    def _recompute_event(self, event_id: str) -> None:
        rows = self._q("SELECT event_json FROM event_sources WHERE event_id = ? ORDER BY id", (event_id,))
        self._exec("DELETE FROM event_actors WHERE event_id = ?", (event_id,))
        self._exec("DELETE FROM search_docs WHERE kind = 'event' AND ref = ?", (event_id,))
        if not rows:
            self._exec("DELETE FROM events WHERE id = ?", (event_id,))
            return
        redirects = self.entity_redirects()
        srcs = self._correct_actors([dedup.redirect_actors(Event.model_validate(_loads(r["event_json"], {})), redirects)
                                     for r in rows])
        agg = dedup.aggregate(srcs, event_id)
        win = dedup.window(agg)
        loc = agg.event_loc or Place()
        self._exec(
            "UPDATE events SET category = ?, mode = ?, context = ?, ev_date = ?, ev_enddate = ?, "
            "date_precision = ?, date_lo = ?, date_hi = ?, loc_name = ?, loc_name_ar = ?, loc_cc3 = ?, "
            "latitude = ?, longitude = ?, geonameid = ?, source_json = ?, recipient_json = ?, "
            "countries = ?, confidence = ?, n_sources = ? WHERE id = ?",
            (_dumps(agg.event), _dumps(agg.mode), _dumps(agg.context), agg.date,
             agg.enddate, agg.date_precision, win[0].isoformat() if win else None,
             win[1].isoformat() if win else None, loc.name, loc.name_ar, loc.cc3,
             _float(loc.latitude), _float(loc.longitude), loc.geonameid,
             _dumps([a.model_dump() for a in agg.source]), _dumps([a.model_dump() for a in agg.recipient]),
             ",".join(sorted(dedup.countries_of(agg))), agg.confidence, len(rows), event_id),
        )
        ids = [a.entity for _, a in dedup.actors(agg) if a.entity]
        persons = set()
        if ids:
            marks = ",".join("?" * len(ids))
            persons = {r["id"] for r in self._q(
                f"SELECT id FROM entities WHERE type = 'PER' AND id IN ({marks})", ids)}
        texts = [t for r in self._q("SELECT event_text FROM event_sources WHERE event_id = ?", (event_id,))
                 for t in (r["event_text"] or "").split("\n") if t]
        names = [n or "" for _, a in dedup.actors(agg) for n in (a.identifier_text, a.actor_text)]
        self._exec("INSERT INTO search_docs (kind, ref, doc_key, title, body) VALUES ('event', ?, NULL, ?, ?)",
                   (event_id, index_text(" ".join(names + [loc.name_ar or "", loc.name or ""])),
                    index_text(" ".join(dict.fromkeys(texts)))))
        for role, a in dedup.actors(agg):
            self._exec(
                "INSERT INTO event_actors (event_id, role, entity_id, code, name_folded, is_person) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (event_id, role, a.entity, a.code, fold_key(a.identifier_text or a.actor_text),
                 1 if a.entity in persons else 0),
            )


class _Rows:
    """A document's entity rows, the search rows of its new entities, and its mention, alias and office
    rows, written after its entities have been read, one statement a kind (each table's rows in the
    order the entities gave them; nothing reads them in between, and a search row's DELETE and INSERT
    concern its own entity only, so deleting first for all new entities changes nothing)."""

    __slots__ = ("entities", "indexed", "mentions", "aliases", "offices")

    def __init__(self) -> None:
        self.entities: list[tuple] = []  # (id, type, name, name_folded, name_en, country, office, wikidata)
        self.indexed: list[tuple] = []  # (entity_id, title, body) of the search row of a new entity
        self.mentions: list[tuple] = []  # (entity_id, doc_key, start, end, surface)
        self.aliases: list[tuple] = []  # (entity_id, alias, folded, doc_key)
        self.offices: list[tuple] = []  # (entity_id, office, start_date, end_date, doc_key)

    def write(self, store: BaseStore) -> None:
        store._exec_many("INSERT INTO entities (id, type, name, name_folded, name_en, country, office, wikidata) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET type = excluded.type, "
                         "name = excluded.name, name_folded = excluded.name_folded, name_en = excluded.name_en, "
                         "country = excluded.country, office = excluded.office, wikidata = excluded.wikidata",
                         self.entities)
        store._exec_many("DELETE FROM search_docs WHERE kind = 'entity' AND ref = ?", [(r[0],) for r in self.indexed])
        store._exec_many("INSERT INTO search_docs (kind, ref, doc_key, title, body) VALUES ('entity', ?, NULL, ?, ?)",
                         self.indexed)
        store._exec_many("INSERT INTO mentions (entity_id, doc_key, span_start, span_end, surface) "
                         "VALUES (?, ?, ?, ?, ?)", self.mentions)
        store._exec_many("INSERT INTO entity_aliases (entity_id, alias, folded, doc_key, source) "
                         "VALUES (?, ?, ?, ?, 'mention')", self.aliases)
        store._exec_many("INSERT INTO entity_offices (entity_id, office, start_date, end_date, source, doc_key) "
                         "VALUES (?, ?, ?, ?, 'extract', ?)", self.offices)


class _MigrationDb:
    """The :class:`~marsad.store.migrations.MigrationBackend` of one store: the plumbing migrations
    need, under the interface's public names, so migrations never reach into the store."""

    def __init__(self, store: BaseStore) -> None:
        self._store = store

    def execute(self, sql: str, params: tuple | list = ()) -> Any:
        return self._store._exec(sql, params)

    def query(self, sql: str, params: tuple | list = ()) -> list[dict]:
        return self._store._q(sql, params)

    def ddl(self, sql: str) -> str:
        return self._store._ddl(sql)

    def create_fts(self) -> None:
        self._store._create_fts()

    def transaction(self) -> AbstractContextManager[None]:
        return self._store._tx()

    def lock_writer(self) -> None:
        self._store._lock_writer()

    def delete_document(self, doc_key: str) -> set[str]:
        return self._store._delete_document(doc_key)

    def gc_entities(self, ids: set[str]) -> None:
        self._store._gc_entities(ids)

    def index_entity(self, entity_id: str) -> None:
        self._store._index_entity(entity_id)

    def recompute_event(self, event_id: str) -> None:
        self._store._recompute_event(event_id)


def _article_index(arts: list[Article], pos: int | None) -> int | None:
    if not arts:
        return None
    if pos is not None:
        for i, a in enumerate(arts):
            if a.start is not None and a.end is not None and a.start <= pos < a.end:
                return i
    return 0 if len(arts) == 1 or pos is None else None


def _article_of(arts: list[Article], pos: int | None) -> Article | None:
    i = _article_index(arts, pos)
    return arts[i] if i is not None else (arts[0] if arts else None)
