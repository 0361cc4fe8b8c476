"""Document identity by content, source metadata, provenance and the persistent person registry.

A stored document *is* its bytes (``doc_id`` = sha1 of the raw bytes). The paths it was read
under are attributes (``document_paths``: canonical form, several per document), so ingesting
``sample.jsonl``, ``./sample.jsonl`` and ``/abs/sample.jsonl`` stores every record once.

Persons the knowledge base lacks get ids from the extractor's run-level registry; the store keeps
that registry (``person_registry``) and, under the single writer, resolves every such id of a new
record against it with the linker's own rule (same surname, no clashing first name, no clashing
country): the first spelling the store saw keeps its id, later compatible spellings take it. So
ids do not depend on how ingestion was batched, split over processes or interrupted. When a
fuller name of a registered person arrives («جيمس كاميرون» after «كاميرون»), the person takes the
id that fuller name mints (the old id redirects to it), so the order in which the spellings came
does not decide the id either.
"""
from __future__ import annotations

import os
import re
import zlib
from typing import Any

from marsad.record import Entity, Event
from marsad.textnorm import fold_key

from .migrations import now_iso
from .record import DocumentSummary, StoreRecord
from .util import dumps as _dumps, loads as _loads

_REGISTRY_ID = re.compile(r"per:[0-9a-f]{12}")


def canonical_key(doc_key: str) -> str:
    """One spelling per file: an existing path is made absolute and resolved (symlinks, ``./``,
    ``..``); a ``#line`` suffix (JSON Lines records) is kept. Other keys are returned unchanged."""
    if not doc_key:
        return doc_key
    base, sep, line = doc_key.rpartition("#")
    suffix = ""
    if sep and line.isdigit() and not os.path.exists(doc_key):
        suffix = "#" + line
    else:
        base = doc_key
    try:
        if base and os.path.exists(base):
            base = os.path.realpath(base)
    except (OSError, ValueError):
        pass
    return base + suffix


def _name_tokens(name: str) -> list[str]:
    from marsad.stages.person_spans import name_tokens as link_tokens  # the linker's own rule

    return link_tokens(name)


def _compatible(a: list[str], b: list[str]) -> bool:
    from marsad.stages.link import compatible

    return compatible(a, b) or compatible(b, a)


class DocumentsMixin:
    """Writer side of document identity; relies on the BaseStore plumbing (``_q``, ``_exec``, ``_tx``)."""

    # ------------------------------------------------------------ paths
    _expected_digest: str | None = None

    def expect_pipeline(self, digest: str | None) -> None:
        """Declare the pipeline (digest, see provenance.py) this process extracts with: from then
        on documents stored by another pipeline count as not stored (:meth:`has_document` is
        False), so an ingest after an upgrade re-extracts them in place."""
        self._expected_digest = digest

    def has_document(self, doc_key: str, doc_id: str) -> bool:
        """True when a document with these bytes is stored (under any path) and, after
        :meth:`expect_pipeline`, was extracted by that pipeline.

        Side effect: ``doc_key`` is recorded as one more path of that document, so re-reading
        a stored file under another spelling is a skip, not a copy.
        """
        doc = self._q1("SELECT pipeline_digest FROM documents WHERE doc_id = ?", (doc_id,)) if doc_id else None  # type: ignore[attr-defined]
        if doc is None:
            return False
        key = canonical_key(doc_key)
        row = self._q1("SELECT doc_id FROM document_paths WHERE doc_key = ?", (key,))  # type: ignore[attr-defined]
        if row is None or row["doc_id"] != doc_id:
            with self._tx():  # type: ignore[attr-defined]
                self._lock_writer()  # type: ignore[attr-defined]
                self._attach_path(key, doc_id, doc_key)
        return not (self._expected_digest and doc["pipeline_digest"] != self._expected_digest)

    def _attach_path(self, key: str, doc_id: str, given: str) -> bool:
        """Point path ``key`` at ``doc_id``; a document left with no path is deleted. True if one was."""
        prev = self._q1("SELECT doc_id FROM document_paths WHERE doc_key = ?", (key,))  # type: ignore[attr-defined]
        if prev is not None and prev["doc_id"] == doc_id:
            return False
        self._exec("INSERT INTO document_paths (doc_key, doc_id, given, first_seen) VALUES (?, ?, ?, ?) "  # type: ignore[attr-defined]
                   "ON CONFLICT (doc_key) DO UPDATE SET doc_id = excluded.doc_id, given = excluded.given",
                   (key, doc_id, given, now_iso()))
        self._exec("DELETE FROM errors WHERE doc_key = ? OR doc_key = ?", (key, given))  # type: ignore[attr-defined]
        if prev is None:
            return False
        if self._q1("SELECT 1 AS x FROM document_paths WHERE doc_id = ? LIMIT 1", (prev["doc_id"],)):  # type: ignore[attr-defined]
            return False
        old = self._q1("SELECT doc_key FROM documents WHERE doc_id = ?", (prev["doc_id"],))  # type: ignore[attr-defined]
        if old is None:
            return False
        touched = self._delete_document(old["doc_key"])  # type: ignore[attr-defined]
        self._exec("DELETE FROM document_sources WHERE doc_id = ?", (prev["doc_id"],))  # type: ignore[attr-defined]
        if touched:
            self._gc_entities(touched)  # type: ignore[attr-defined]
        return True

    def document_paths(self, doc_id: str) -> list[str]:
        """Every path (canonical spelling) the document with ``doc_id`` was read under."""
        return [r["doc_key"] for r in self._q(  # type: ignore[attr-defined]
            "SELECT doc_key FROM document_paths WHERE doc_id = ? ORDER BY first_seen, doc_key", (doc_id,))]

    # ------------------------------------------------------------ ingest
    def ingest_record(self, record: dict, *, replace: bool = False) -> str:
        """Store one extractor record: "added" | "replaced" | "unchanged" | "error".

        The document is identified by ``doc_id`` (its bytes): a record whose bytes are stored
        already only adds its path ("unchanged") unless ``replace`` (re-extraction: the stored
        extraction is swapped for this one, paths and curation kept; a record from another
        pipeline than the stored extraction's, i.e. after an upgrade, does the same and counts
        as "replaced"). A path that held other
        bytes before is moved; the old document goes when no path is left ("replaced").
        All in one transaction. Raises ``RecordError`` for a record the store cannot take.
        """
        rec = StoreRecord.parse(record)
        if rec.error:
            self.record_error(rec.doc_key, rec.doc_id, rec.error)  # type: ignore[attr-defined]
            return "error"
        key = canonical_key(rec.doc_key)
        doc_id = rec.doc_id or ""
        with self._tx():  # type: ignore[attr-defined]
            self._lock_writer()  # type: ignore[attr-defined]
            cur = self._q1("SELECT doc_key, pipeline_digest FROM documents WHERE doc_id = ?",  # type: ignore[attr-defined]
                           (doc_id,))
            digest = rec.pipeline.digest if rec.pipeline else None
            upgrade = bool(cur is not None and not replace and digest and cur["pipeline_digest"] != digest)
            replace = replace or upgrade
            moved = False if (replace and cur is not None) else self._attach_path(key, doc_id, rec.doc_key)
            self._exec("DELETE FROM errors WHERE doc_key = ?", (rec.doc_key,))  # type: ignore[attr-defined]
            if cur is not None and not replace:
                return "replaced" if moved else "unchanged"
            if cur is not None:
                internal = cur["doc_key"]
                touched = self._delete_document(internal)  # type: ignore[attr-defined]
            else:
                internal, touched = self._free_key(rec.doc_key, doc_id), set()
            ents, evs = self._resolve_persons(rec.entities, rec.events)
            self._insert_document(internal, doc_id, rec.model_copy(update={"entities": ents, "events": evs}))  # type: ignore[attr-defined]
            self._store_provenance(internal, doc_id, rec)
            if touched:
                self._gc_entities(touched)  # type: ignore[attr-defined]
            if cur is not None:
                return "replaced" if upgrade else "reextracted"
            return "replaced" if moved else "added"

    def _free_key(self, doc_key: str, doc_id: str) -> str:
        if self._q1("SELECT 1 AS x FROM documents WHERE doc_key = ?", (doc_key,)) is None:  # type: ignore[attr-defined]
            return doc_key
        return f"{doc_key}@{doc_id[:12]}"

    def _store_provenance(self, internal: str, doc_id: str, rec: StoreRecord) -> None:
        src = rec.source
        # the extractor's normalised date first; the record's own value when no article has one
        published = next((a.published for a in rec.articles if a.published), None) or src.published
        stages = rec.pipeline.stages if rec.pipeline else None
        self._exec(  # type: ignore[attr-defined]
            "UPDATE documents SET url = ?, record_id = ?, published = ?, pipeline = ?, pipeline_digest = ?, "
            "extracted_at = ?, outlet = COALESCE(outlet, ?) WHERE doc_key = ?",
            (src.url, src.record_id, str(published)[:40] if published else None,
             _dumps(stages) if stages else None, rec.pipeline.digest if rec.pipeline else None, now_iso(), src.outlet, internal))
        if rec.raw_bytes_z is not None:
            self._exec("DELETE FROM document_sources WHERE doc_id = ?", (doc_id,))  # type: ignore[attr-defined]
            self._exec("INSERT INTO document_sources (doc_id, kind, data) VALUES (?, ?, ?)",  # type: ignore[attr-defined]
                       (doc_id, rec.kind, bytes(rec.raw_bytes_z)))

    def document_source(self, doc_id: str) -> tuple[str | None, bytes] | None:
        """(kind, original bytes) kept for re-extraction, or None."""
        row = self._q1("SELECT kind, data FROM document_sources WHERE doc_id = ?", (doc_id,))  # type: ignore[attr-defined]
        if row is None or row["data"] is None:
            return None
        try:
            return row["kind"], zlib.decompress(bytes(row["data"]))
        except zlib.error:
            return None

    # ------------------------------------------------------------ person registry
    def _registry_resolve(self, eid: str, name: str, country: str | None) -> str:
        """The store's id for a registry person (see module docstring); registers new ones."""
        toks = _name_tokens(name or "")
        own = self._q1("SELECT seq, entity_id, tokens, country FROM person_registry WHERE entity_id = ?",  # type: ignore[attr-defined]
                       (eid,))
        if own is not None:
            other = _loads(own["tokens"], [])
            if toks and len(toks) > len(other) and _compatible(other, toks):
                return self._rename_person(own, toks, country or own["country"], name)
            return eid
        if not toks:
            return eid
        for r in self._q("SELECT seq, entity_id, tokens, country FROM person_registry WHERE surname = ? "  # type: ignore[attr-defined]
                         "ORDER BY seq", (toks[-1],)):
            other = _loads(r["tokens"], [])
            if _compatible(toks, other) and (not country or not r["country"] or country == r["country"]):
                if len(toks) > len(other) and _compatible(other, toks):
                    # a fuller name of a registered person: the person takes the id the fuller
                    # name mints, so the id does not depend on which spelling came first
                    return self._rename_person(r, toks, country or r["country"], name)
                return r["entity_id"]
        self._exec("INSERT INTO person_registry (entity_id, surname, tokens, country, added_at) "  # type: ignore[attr-defined]
                   "VALUES (?, ?, ?, ?, ?)", (eid, toks[-1], _dumps(toks), country, now_iso()))
        return eid

    def _rename_person(self, reg: dict, toks: list[str], country: str | None, name: str) -> str:
        """Give the registry person ``reg`` the id of its fuller name ``toks`` (entity, mentions,
        events move; the old id redirects to the new one). Returns the new id."""
        from marsad.stages.entities import stable_id  # the linker's own id

        old = reg["entity_id"]
        new = stable_id("per", " ".join(toks) + "|" + (country or ""))
        if new != old and self._q1("SELECT 1 AS x FROM person_registry WHERE entity_id = ?", (new,)):  # type: ignore[attr-defined]
            new = old  # the fuller name is a registered person of its own: keep them apart
        self._exec("UPDATE person_registry SET entity_id = ?, surname = ?, tokens = ?, country = ? WHERE seq = ?",  # type: ignore[attr-defined]
                   (new, toks[-1], _dumps(toks), country, reg["seq"]))
        if new == old:
            return old
        ent = self._q1("SELECT * FROM entities WHERE id = ?", (old,))  # type: ignore[attr-defined]
        if ent is not None:
            if self._q1("SELECT 1 AS x FROM entities WHERE id = ?", (new,)) is None:  # type: ignore[attr-defined]
                self._exec("INSERT INTO entities (id, type, name, name_folded, name_en, country, office, wikidata, "  # type: ignore[attr-defined]
                           "country_curated, office_curated) SELECT ?, type, ?, ?, name_en, country, office, "
                           "wikidata, country_curated, office_curated FROM entities WHERE id = ?",
                           (new, name, fold_key(name), old))
            self._merge_entities(new, old, aliases=False)  # type: ignore[attr-defined]
        else:
            self._exec("INSERT INTO entity_redirects (drop_id, keep_id) VALUES (?, ?) "  # type: ignore[attr-defined]
                       "ON CONFLICT (drop_id) DO UPDATE SET keep_id = excluded.keep_id", (old, new))
        return new

    def _resolve_persons(self, entities: list[Entity], events: list[Event]) -> tuple[list[Entity], list[Event]]:
        """Map the record's registry person ids to the store's; merge entities that meet."""
        mapping: dict[str, str] = {}
        for ent in entities:
            eid = ent.id or ""
            if (ent.type or "").upper() == "PER" and _REGISTRY_ID.fullmatch(eid) and eid not in mapping:
                # a country guessed from what the article is about tells no two persons apart
                stated = ent.country if ent.country_basis != "article" else None
                new = self._registry_resolve(eid, ent.name or "", stated)
                if new != eid:
                    mapping[eid] = new
        if not mapping:
            return entities, events
        merged: dict[str | None, Entity] = {}
        for ent in entities:
            eid = mapping.get(ent.id or "", ent.id)
            if eid in merged:
                merged[eid] = merged[eid].model_copy(update={"mentions": merged[eid].mentions + ent.mentions})
                continue
            merged[eid] = ent.model_copy(update={"id": eid})
        from .dedup import redirect_actors

        return list(merged.values()), [redirect_actors(ev, mapping) for ev in events]

    def registry_persons(self) -> list[dict]:
        """The registry in the order the store first saw each person: what the linker is seeded
        with (``{"id", "name", "tokens", "country", "registry": True}``)."""
        rows = self._q("SELECT r.entity_id, r.tokens, r.country, e.name FROM person_registry r "  # type: ignore[attr-defined]
                       "LEFT JOIN entities e ON e.id = r.entity_id ORDER BY r.seq")
        return [{"id": r["entity_id"], "name": r["name"] or " ".join(_loads(r["tokens"], [])),
                 "tokens": _loads(r["tokens"], []), "country": r["country"], "registry": True}
                for r in rows]

    # ------------------------------------------------------------ provenance
    def stale_documents(self, digest: str, limit: int | None = None) -> list[dict]:
        """Documents extracted by another pipeline than ``digest`` (stage versions, KB, models):
        ``[{"doc_key", "doc_id", "pipeline_digest"}]`` in ingest order."""
        sql = ("SELECT doc_key, doc_id, pipeline_digest FROM documents WHERE pipeline_digest IS NULL "
               "OR pipeline_digest <> ? ORDER BY ingested_at, doc_key")
        params: list[Any] = [digest]
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._q(sql, params)  # type: ignore[attr-defined]


__all__ = ["DocumentsMixin", "canonical_key"]
