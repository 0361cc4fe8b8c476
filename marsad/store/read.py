"""Read side of the store (queries for the CLI and the web UI), shared by both backends."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, Iterator

from marsad.textnorm import fold_key

from marsad.record import Article, Mention, Place

from . import dedup
from .filters import ORDER_BY, EventFilter, as_filter
from .record import (CorpusEvent, Counterpart, Counterparts, DocumentEvent, DocumentSummary, EntityDetail,
                     EntityDocument, EntitySummary, EventSource, OfficeHeld, StateCount, StoredDocument, StoredEntity)
from .search import snippet
from .exports import export as _export
from .util import actor_key, loads as _j


def _marks(n: int) -> str:
    return ",".join("?" * n)


class ReadMixin:
    """Methods rely on ``_q``/``_q1`` and ``_fts_search`` provided by the store."""

    # ------------------------------------------------------------ stats
    def stats(self) -> dict:
        """Row counts of the store (ints): documents, articles, entities, events, sources (event
        reports), errors, events_merged (events told by more than one source), mentions,
        entity_redirects."""
        def count(sql: str) -> int:
            return int(self._q1(sql)["n"])  # type: ignore[attr-defined]

        return {
            "documents": count("SELECT COUNT(*) AS n FROM documents"),
            "articles": count("SELECT COUNT(*) AS n FROM articles"),
            "entities": count("SELECT COUNT(*) AS n FROM entities"),
            "events": count("SELECT COUNT(*) AS n FROM events"),
            "sources": count("SELECT COUNT(*) AS n FROM event_sources"),
            "errors": count("SELECT COUNT(*) AS n FROM errors"),
            "events_merged": count("SELECT COUNT(*) AS n FROM events WHERE n_sources > 1"),
            "mentions": count("SELECT COUNT(*) AS n FROM mentions"),
            "entity_redirects": count("SELECT COUNT(*) AS n FROM entity_redirects"),
        }

    # ------------------------------------------------------------ events
    def _row_to_event(self, row: dict) -> CorpusEvent:
        loc = None
        if any(row[k] is not None for k in ("loc_name", "loc_name_ar", "loc_cc3", "latitude")):
            loc = Place(name=row["loc_name"], name_ar=row["loc_name_ar"], cc3=row["loc_cc3"],
                        latitude=row["latitude"], longitude=row["longitude"], geonameid=row["geonameid"])
        return CorpusEvent(
            id=row["id"],
            event=_j(row["category"], []),
            mode=_j(row["mode"], []),
            context=_j(row["context"], []),
            date=row["ev_date"],
            enddate=row["ev_enddate"],
            date_precision=row["date_precision"],
            source=_j(row["source_json"], []),
            recipient=_j(row["recipient_json"], []),
            event_loc=loc,
            confidence=row["confidence"],
        )

    def _attach_sources(self, events: list[CorpusEvent]) -> list[CorpusEvent]:
        if not events:
            return events
        ids = [e.id for e in events]
        rows = self._q(  # type: ignore[attr-defined]
            "SELECT s.event_id, s.doc_key, s.doc_event_id, s.event_text, s.span_start, s.span_end, "
            "s.merge_reason, s.article_idx, d.doc_id, d.path, d.url, d.record_id, d.outlet AS doc_outlet, "
            "d.published AS doc_published, a.title AS article_title, a.outlet, a.published "
            "FROM event_sources s JOIN documents d ON d.doc_key = s.doc_key "
            "LEFT JOIN articles a ON a.doc_key = s.doc_key AND a.idx = s.article_idx "
            f"WHERE s.event_id IN ({_marks(len(ids))}) ORDER BY s.id", ids)
        by: dict[str, list[EventSource]] = defaultdict(list)
        for r in rows:
            by[r["event_id"]].append(EventSource(
                doc_id=r["doc_id"], doc_key=r["doc_key"], path=r["path"],
                article_title=r["article_title"], event_text=r["event_text"],
                start=r["span_start"], end=r["span_end"], doc_event_id=r["doc_event_id"],
                merge_reason=r["merge_reason"], url=r["url"], record_id=r["record_id"],
                outlet=r["outlet"] or r["doc_outlet"], published=r["published"] or r["doc_published"],
            ))
        for e in events:
            srcs = by[e.id]
            e.sources = srcs
            reasons = [s.merge_reason for s in srcs if s.merge_reason]
            e.merged_reason = " | ".join(reasons) if reasons else None
            texts: list[str] = []
            for s in srcs:
                for t in (s.event_text or "").split("\n"):
                    if t and t not in texts:
                        texts.append(t)
            e.event_text = texts
        return events

    def _event_where(self, f: EventFilter) -> tuple[str, list[Any]]:
        where, params = [], []
        for c in f.countries:
            if str(c).startswith("IGO:"):  # one organisation, not every IGO
                where.append("id IN (SELECT event_id FROM event_actors WHERE code = 'IGO' AND entity_id = ?)")
                params.append("org:" + str(c)[4:])
            else:
                where.append("id IN (SELECT event_id FROM event_actors WHERE code = ?)")
                params.append(str(c).upper())
        if f.category:
            where.append("category LIKE ?")
            params.append('%"' + str(f.category).upper() + '"%')
        if f.person:
            person = f.person
            pid = dedup.resolve(self.entity_redirects(), str(person))  # type: ignore[attr-defined]
            fk = "%" + fold_key(person) + "%"
            where.append(
                "id IN (SELECT event_id FROM event_actors WHERE entity_id = ? OR "
                "(is_person = 1 AND name_folded LIKE ?) OR entity_id IN "
                "(SELECT id FROM entities WHERE type = 'PER' AND name_folded LIKE ?) OR entity_id IN "
                "(SELECT a.entity_id FROM entity_aliases a JOIN entities e ON e.id = a.entity_id "
                "WHERE e.type = 'PER' AND a.folded LIKE ?))")
            params += [pid, fk, fk, fk]
        if f.since:
            where.append("date_hi >= ?")
            params.append(str(f.since))
        if f.until:
            where.append("date_lo <= ?")
            params.append(str(f.until))
        if f.min_confidence is not None:
            where.append("confidence >= ?")
            params.append(float(f.min_confidence))
        return (" WHERE " + " AND ".join(where)) if where else "", params

    def events(self, countries=(), category=None, person=None, since=None, until=None,
               limit=100, offset=0, *, filter: EventFilter | None = None, min_confidence=None,
               sort=None) -> list[CorpusEvent]:
        """Corpus events matching a filter (``filter``, or the keyword values), in the filter's
        order (default newest first, undated last), PLOVER-shaped with their sources.
        ``limit=None``: all."""
        f = as_filter(filter, countries=countries, category=category, person=person, since=since,
                      until=until, min_confidence=min_confidence, sort=sort)
        w, p = self._event_where(f)
        sql = f"SELECT * FROM events{w} ORDER BY {ORDER_BY[f.sort]}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            p += [int(limit), int(offset)]
        rows = self._q(sql, p)  # type: ignore[attr-defined]
        return self._attach_sources([self._row_to_event(r) for r in rows])

    def count_events(self, filter: EventFilter | None = None, **kw: Any) -> int:
        """How many events match (the total behind a page of :meth:`events`)."""
        w, p = self._event_where(as_filter(filter, **kw))
        return int(self._q1(f"SELECT COUNT(*) AS n FROM events{w}", p)["n"])  # type: ignore[attr-defined]

    def event(self, event_id: str) -> CorpusEvent | None:
        """One corpus event, PLOVER-shaped with its ``sources`` (see :meth:`events`); None for an
        unknown id."""
        row = self._q1("SELECT * FROM events WHERE id = ?", (event_id,))  # type: ignore[attr-defined]
        if row is None:
            return None
        return self._attach_sources([self._row_to_event(row)])[0]

    def iter_events(self, batch: int = 500, filter: EventFilter | None = None) -> Iterator[CorpusEvent]:
        """Every event matching ``filter`` (all by default), fetched ``batch`` at a time."""
        off = 0
        while True:
            evs = self.events(limit=batch, offset=off, filter=filter or EventFilter())
            if not evs:
                return
            yield from evs
            off += batch

    # ------------------------------------------------------------ entities
    def entities(self, type=None, q=None, limit=100, offset=0) -> list[EntitySummary]:
        """Entities by mentions (most first), filtered by type and a folded name/alias/id query."""
        w, params = self._entity_where(type, q)
        rows = self._q(  # type: ignore[attr-defined]
            "SELECT e.id, e.type, e.name, e.name_en, e.country, e.office, e.wikidata, "
            "(SELECT COUNT(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions, "
            "(SELECT COUNT(DISTINCT m.doc_key) FROM mentions m WHERE m.entity_id = e.id) AS documents "
            f"FROM entities e{w} ORDER BY mentions DESC, e.id LIMIT ? OFFSET ?",
            params + [int(limit), int(offset)])
        return [EntitySummary(**dict(r, mentions=int(r["mentions"]), documents=int(r["documents"]))) for r in rows]

    def count_entities(self, type=None, q=None) -> int:
        """How many entities :meth:`entities` would list for ``type`` and ``q`` without a limit."""
        w, params = self._entity_where(type, q)
        return int(self._q1(f"SELECT COUNT(*) AS n FROM entities e{w}", params)["n"])  # type: ignore[attr-defined]

    def _entity_where(self, type=None, q=None) -> tuple[str, list[Any]]:
        where, params = [], []
        if type:
            where.append("e.type = ?")
            params.append(str(type).upper())
        if q:
            f = "%" + fold_key(q) + "%"
            where.append("(e.name_folded LIKE ? OR LOWER(e.name_en) LIKE ? OR e.id = ? OR e.id IN "
                         "(SELECT entity_id FROM entity_aliases WHERE folded LIKE ?))")
            params += [f, "%" + str(q).lower() + "%", str(q), f]
        return ((" WHERE " + " AND ".join(where)) if where else ""), params

    def entity(self, entity_id: str) -> EntityDetail | None:
        """One entity row with ``aliases``, ``offices`` (held, with the documents saying so) and
        its mentions; a merged-away id is followed to the entity it was merged into. None when unknown."""
        eid = dedup.resolve(self.entity_redirects(), str(entity_id))  # type: ignore[attr-defined]
        e = self._q1("SELECT * FROM entities WHERE id = ?", (eid,))  # type: ignore[attr-defined]
        if e is None:
            return None
        q = self._q  # type: ignore[attr-defined]
        aliases: list[str] = []
        for r in q("SELECT alias FROM entity_aliases WHERE entity_id = ? ORDER BY source, id", (eid,)):
            if r["alias"] not in aliases and r["alias"] != e["name"]:
                aliases.append(r["alias"])
        offices = [
            OfficeHeld(office=r["office"], start=r["start"], end=r["end"], source=r["source"], documents=int(r["n"]))
            for r in q("SELECT office, source, MIN(start_date) AS start, MAX(end_date) AS \"end\", "
                       "COUNT(doc_key) AS n FROM entity_offices WHERE entity_id = ? "
                       "GROUP BY office, source ORDER BY MIN(start_date), office", (eid,))
        ]
        n_mentions = int(self._q1("SELECT COUNT(*) AS n FROM mentions WHERE entity_id = ?",  # type: ignore[attr-defined]
                                  (eid,))["n"])
        docs = [
            EntityDocument(doc_id=r["doc_id"], doc_key=r["doc_key"], path=r["path"], title=r["title"],
                           mentions=int(r["n"]))
            for r in q("SELECT d.doc_id, d.doc_key, d.path, COUNT(*) AS n, "
                       "(SELECT a.title FROM articles a WHERE a.doc_key = d.doc_key ORDER BY a.idx "
                       "LIMIT 1) AS title FROM mentions m JOIN documents d ON d.doc_key = m.doc_key "
                       "WHERE m.entity_id = ? GROUP BY d.doc_id, d.doc_key, d.path "
                       "ORDER BY d.doc_key LIMIT 500", (eid,))
        ]
        events = self.events(person=eid, limit=500)
        persons: Counter = Counter()
        states: Counter = Counter()
        for ev in events:
            for _, a in dedup.actors(ev):
                if a.entity == eid:
                    continue
                if a.entity:
                    persons[a.entity] += 1
                key = actor_key(a.code, a.entity)
                if key and key != e["country"]:
                    states[key] += 1
        names: dict[str, dict] = {}
        if persons:
            ids = list(persons)
            names = {r["id"]: r for r in q(
                f"SELECT id, name, type, country FROM entities WHERE id IN ({_marks(len(ids))})", ids)}
        counterparts = Counterparts(
            entities=[Counterpart(id=k, name=names[k]["name"], type=names[k]["type"], country=names[k]["country"],
                                  count=n)
                      for k, n in persons.most_common() if k in names and names[k]["type"] == "PER"],
            states=[StateCount(code=k, count=n) for k, n in states.most_common()],
        )
        return EntityDetail(id=e["id"], type=e["type"], name=e["name"], name_en=e["name_en"], country=e["country"],
                            office=e["office"], wikidata=e["wikidata"], aliases=aliases, offices=offices,
                            mentions=n_mentions, documents=docs, events=events, counterparts=counterparts)

    # ------------------------------------------------------------ documents
    DOC_SORTS = {"ingested": "d.ingested_at DESC, d.doc_key", "path": "d.doc_key",
                 "published": "(published IS NULL), published DESC, d.doc_key",
                 "events": "events DESC, d.doc_key"}

    def documents(self, limit=100, offset=0, sort: str = "ingested") -> list[DocumentSummary]:
        """Stored documents with title, published date, source url and counts; ``sort`` one of
        ``ingested`` (newest first), ``published`` (newest first), ``path``, ``events``."""
        order = self.DOC_SORTS.get(sort)
        if order is None:
            raise ValueError(f"unknown sort {sort!r}; one of {', '.join(self.DOC_SORTS)}")
        rows = self._q(  # type: ignore[attr-defined]
            "SELECT d.doc_key, d.doc_id, d.path, d.outlet, d.size, d.ingested_at, d.url, d.record_id, "
            "(SELECT a.title FROM articles a WHERE a.doc_key = d.doc_key ORDER BY a.idx LIMIT 1) AS title, "
            "COALESCE((SELECT a.published FROM articles a WHERE a.doc_key = d.doc_key ORDER BY a.idx LIMIT 1), "
            "d.published) AS published, "
            "(SELECT COUNT(*) FROM articles a WHERE a.doc_key = d.doc_key) AS articles, "
            "(SELECT COUNT(*) FROM event_sources s WHERE s.doc_key = d.doc_key) AS events "
            f"FROM documents d ORDER BY {order} LIMIT ? OFFSET ?", (int(limit), int(offset)))
        return [DocumentSummary(**dict(r, articles=int(r["articles"]), events=int(r["events"]))) for r in rows]

    def count_documents(self) -> int:
        """How many documents are stored."""
        return int(self._q1("SELECT COUNT(*) AS n FROM documents")["n"])  # type: ignore[attr-defined]

    def document(self, doc_id: str) -> StoredDocument | None:
        """A document by doc_id (sha1) or, failing that, by doc_key."""
        q = self._q  # type: ignore[attr-defined]
        d = self._q1("SELECT * FROM documents WHERE doc_id = ? ORDER BY doc_key LIMIT 1",  # type: ignore[attr-defined]
                     (doc_id,)) or self._q1("SELECT * FROM documents WHERE doc_key = ?", (doc_id,))  # type: ignore[attr-defined]
        if d is None:
            return None
        key = d["doc_key"]
        arts = [Article(title=r["title"], outlet=r["outlet"], published=r["published"],
                        text=r["body"], start=r["span_start"], end=r["span_end"])
                for r in q("SELECT * FROM articles WHERE doc_key = ? ORDER BY idx", (key,))]
        ents: dict[str, StoredEntity] = {}
        for r in q("SELECT m.entity_id, m.span_start, m.span_end, m.surface, e.type, e.name, e.name_en, "
                   "e.country, e.office, e.wikidata FROM mentions m JOIN entities e ON e.id = m.entity_id "
                   "WHERE m.doc_key = ? ORDER BY m.span_start, m.id", (key,)):
            ent = ents.setdefault(r["entity_id"], StoredEntity(
                id=r["entity_id"], type=r["type"], name=r["name"], name_en=r["name_en"],
                country=r["country"], office=r["office"], wikidata=r["wikidata"]))
            ent.mentions.append(Mention(text=r["surface"], start=r["span_start"], end=r["span_end"]))
        events = [DocumentEvent.model_validate(_j(r["event_json"], {}) | {"corpus_event": r["event_id"],
                                                                          "merge_reason": r["merge_reason"]})
                  for r in q("SELECT event_id, event_json, merge_reason FROM event_sources WHERE doc_key = ? "
                             "ORDER BY id", (key,))]
        paths = [r["doc_key"] for r in q("SELECT doc_key FROM document_paths WHERE doc_id = ? "
                                           "ORDER BY first_seen, doc_key", (d["doc_id"],))]
        return StoredDocument(doc_id=d["doc_id"], doc_key=key, path=d["path"], outlet=d["outlet"],
                              url=d["url"], record_id=d["record_id"], published=d["published"],
                              paths=paths or [d["path"]], pipeline=_j(d["pipeline"], None),
                              pipeline_digest=d["pipeline_digest"], size=d["size"], ingested_at=d["ingested_at"],
                              raw_text=d["raw_text"], articles=arts, entities=list(ents.values()), events=events)

    # ------------------------------------------------------------ search
    def search(self, query: str, limit: int = 20) -> list[dict]:
        """Folded full-text search over article titles/texts, entity names and corpus events
        (actors, places, evidence sentences); words match with or without proclitics (قطر ~ لقطر).
        Hits: ``{"kind": "article"|"entity"|"event", "title", "snippet", ...}``."""
        if not fold_key(query):
            return []
        hits = []
        for r in self._fts_search(query, int(limit)):  # type: ignore[attr-defined]
            if r["kind"] == "article":
                a = self._q1(  # type: ignore[attr-defined]
                    "SELECT a.title, a.body, a.published, d.doc_id, d.path FROM articles a JOIN documents d "
                    "ON d.doc_key = a.doc_key WHERE a.doc_key = ? AND a.idx = ?", (r["doc_key"], int(r["ref"])))
                if a is None:
                    continue
                body_snip = snippet(a["body"], query)
                title_hit = "[" in snippet(a["title"], query)
                hits.append({"kind": "article", "doc_id": a["doc_id"], "doc_key": r["doc_key"],
                             "path": a["path"], "title": a["title"], "published": a["published"],
                             "article": int(r["ref"]),
                             "snippet": body_snip if ("[" in body_snip or not title_hit)
                             else snippet(a["title"], query)})
            elif r["kind"] == "event":
                ev = self.event(r["ref"])
                if ev is None:
                    continue
                text = " ".join(ev.event_text)
                names = "، ".join(a.name or a.code or "" for _, a in dedup.actors(ev))
                first = ev.sources[0] if ev.sources else EventSource()
                hits.append({"kind": "event", "id": ev.id, "event_id": ev.id, "event": ev.event,
                             "date": ev.date, "doc_id": first.doc_id, "path": first.path,
                             "title": "/".join(ev.event) + ": " + names,
                             "snippet": snippet(text, query)})
            else:
                e = self._q1("SELECT * FROM entities WHERE id = ?", (r["ref"],))  # type: ignore[attr-defined]
                if e is None:
                    continue
                d = self._q1(  # type: ignore[attr-defined]
                    "SELECT d.doc_id, d.path FROM mentions m JOIN documents d ON d.doc_key = m.doc_key "
                    "WHERE m.entity_id = ? ORDER BY d.doc_key LIMIT 1", (e["id"],)) or {"doc_id": None, "path": None}
                label = " / ".join(x for x in (e["name"], e["name_en"]) if x)
                hits.append({"kind": "entity", "id": e["id"], "entity_id": e["id"], "type": e["type"],
                             "doc_id": d["doc_id"], "path": d["path"], "title": e["name"],
                             "snippet": snippet(label, query)})
        return hits

    # ------------------------------------------------------------ dyads
    def _actor_keys(self, event_ids: list[str]) -> dict[str, list[str]]:
        """Actor keys per event: the state code, or ``IGO:<org id>`` for an organisation (NATO and
        the IMF are different actors), sorted."""
        out: dict[str, set[str]] = defaultdict(set)
        for i in range(0, len(event_ids), 500):
            ids = event_ids[i:i + 500]
            for r in self._q(f"SELECT event_id, code, entity_id FROM event_actors WHERE event_id IN "  # type: ignore[attr-defined]
                             f"({_marks(len(ids))}) AND code IS NOT NULL", ids):
                out[r["event_id"]].add(actor_key(r["code"], r["entity_id"]))
        return {k: sorted(v) for k, v in out.items()}

    def dyads(self, countries=(), since=None, until=None) -> list[dict]:
        """Pairs of actors (states; IGOs each by ``IGO:<org id>``) interacting per month:
        ``{a, b, month, count, categories, a_name, b_name}`` (names for IGOs, else null).

        With one country: dyads involving it; with several: dyads between two of them.
        ``IGO`` among ``countries`` stands for every organisation.
        """
        cs = {str(c) if str(c).startswith("IGO:") else str(c).upper() for c in countries or ()}
        w, p = self._event_where(as_filter(since=since, until=until))
        rows = self._q(f"SELECT id, category, countries, date_lo FROM events{w}", p)  # type: ignore[attr-defined]
        keys = self._actor_keys([r["id"] for r in rows])
        names = {r["id"]: r["name_en"] or r["name"] for r in self._q(  # type: ignore[attr-defined]
            "SELECT id, name, name_en FROM entities WHERE id IN (SELECT entity_id FROM event_actors "
            "WHERE code = 'IGO')")}

        def hit(k: str) -> set[str]:
            return {k, "IGO"} if k.startswith("IGO:") else {k}

        agg: dict[tuple[str, str, str], dict] = {}
        for r in rows:
            codes = keys.get(r["id"], [])
            month = (r["date_lo"] or "")[:7] or None
            for i, a in enumerate(codes):
                for b in codes[i + 1:]:
                    if cs:
                        if len(cs) == 1 and not ((hit(a) | hit(b)) & cs):
                            continue
                        if len(cs) > 1 and not (hit(a) & cs and hit(b) & cs):
                            continue
                    key = (a, b, month or "")
                    d = agg.setdefault(key, {"a": a, "b": b, "month": month, "count": 0, "categories": {},
                                             "a_name": names.get("org:" + a[4:]) if a.startswith("IGO:") else None,
                                             "b_name": names.get("org:" + b[4:]) if b.startswith("IGO:") else None})
                    d["count"] += 1
                    for c in _j(r["category"], []):
                        d["categories"][c] = d["categories"].get(c, 0) + 1
        return sorted(agg.values(), key=lambda d: (d["month"] or "", d["a"], d["b"]))

    # ------------------------------------------------------------ exports
    def export(self, fmt: str, fh, filter: EventFilter | None = None, bom: bool = False) -> int:
        """Events matching ``filter`` (all by default) written to ``fh`` in ``fmt`` (exports.py)."""
        return _export(self, fmt, fh, filter, bom=bom)

    def graph_entities(self) -> tuple[dict[str, dict], dict[str, dict]]:
        """The nodes an actor graph may name: persons (``id``, ``name``, ``name_en``, ``country``)
        and the organisations that act as IGO actors (``id``, ``name``, ``name_en``), each by id."""
        persons = {r["id"]: r for r in self._q("SELECT id, name, name_en, country FROM entities WHERE type = 'PER'")}
        orgs = {r["id"]: r for r in self._q(
            "SELECT id, name, name_en FROM entities WHERE id IN (SELECT entity_id FROM event_actors WHERE code = 'IGO')")}
        return persons, orgs
