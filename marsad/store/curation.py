"""Curation: corrections to entities that reach the stored events, validated and audited.

    store.entity_merge("per:a", "per:b", actor="alice")   -> {"action": "merge", "keep", "drop",
                                                            "events": n events re-linked, "mentions": n}
    store.entity_alias_add("per:a", "العباسي", actor=...) -> {"action": "alias", "entity", "alias", "added"}
    store.entity_set("per:a", country="QAT", office=...)  -> {"action": "set", "entity",
                                                            "changes": {field: [old, new]}, "events": n}

Errors: ``KeyError`` for an unknown entity id; ``ValueError`` (``FilterError``) for a country that
is no ISO 3166-1 alpha-3 code or state name the KB knows and no IGO/NGO code, or an empty alias.

A correction is stored on the entity (``country_curated``/``office_curated``) and applied to every
event in which the entity acts (its actor's ``code`` and ``office`` re-coded, merged ids re-linked),
now and whenever an event is recomputed later, so re-ingestion and re-extraction keep it. Every
change is written to the audit log (``curation``: action, entity, field, old and new value, who —
the write API's token name or the CLI user — and when).
"""
from __future__ import annotations

import getpass
from typing import Any

from marsad.record import Event
from marsad.textnorm import fold_key

from . import dedup
from .filters import OTHER_CODES, resolve_country
from .migrations import now_iso


def _who(actor: str | None) -> str:
    if actor:
        return actor
    try:
        return "cli:" + getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name: still audited
        return "cli"


def valid_code(country: str) -> str:
    """An actor code for ``country``: ISO alpha-3 (or a state name the KB knows), IGO or NGO."""
    c = (country or "").strip()
    if c.upper() in OTHER_CODES:
        return c.upper()
    return resolve_country(c, "country")


class CurationMixin:
    """Relies on the BaseStore plumbing (``_q``, ``_exec``, ``_tx``, ``_recompute_event``)."""

    def entity_redirects(self) -> dict[str, str]:
        """Every merged-away entity id -> the id it was merged into (one step; see ``dedup.resolve``)."""
        return {r["drop_id"]: r["keep_id"] for r in self._q("SELECT drop_id, keep_id FROM entity_redirects")}  # type: ignore[attr-defined]

    def _require_entity(self, eid: str) -> dict:
        e = self._q1("SELECT * FROM entities WHERE id = ?", (eid,))  # type: ignore[attr-defined]
        if e is None:
            raise KeyError(f"no entity {eid!r}")
        return e

    def _audit(self, action: str, eid: str, actor: str | None, *, other: str | None = None,
               field: str | None = None, value: str | None = None, old: str | None = None) -> None:
        self._exec("INSERT INTO curation (action, entity_id, other_id, field, value, old_value, actor, at) "  # type: ignore[attr-defined]
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", (action, eid, other, field, value, old, _who(actor), now_iso()))

    def _events_of(self, eid: str) -> list[str]:
        return [r["event_id"] for r in self._q(  # type: ignore[attr-defined]
            "SELECT DISTINCT event_id FROM event_actors WHERE entity_id = ? ORDER BY event_id", (eid,))]

    def _correct_actors(self, events: list[Event]) -> list[Event]:
        """Apply curated countries and offices to the actors of ``events`` (in place, returned)."""
        ids = sorted({a.entity for ev in events for _, a in dedup.actors(ev) if a.entity})
        if not ids:
            return events
        marks = ",".join("?" * len(ids))
        cur = {r["id"]: r for r in self._q(  # type: ignore[attr-defined]
            f"SELECT id, country, office, country_curated, office_curated FROM entities WHERE id IN ({marks}) "
            "AND (country_curated = 1 OR office_curated = 1)", ids)}
        if not cur:
            return events
        for ev in events:
            for _, a in dedup.actors(ev):
                c = cur.get(a.entity)
                if c is None:
                    continue
                if c["country_curated"] and c["country"] and a.code not in OTHER_CODES:
                    a.code = c["country"]
                if c["office_curated"] and c["office"]:
                    a.office = c["office"]
        return events

    def entity_merge(self, keep_id: str, drop_id: str, actor: str | None = None) -> dict:
        """Fold ``drop_id`` into ``keep_id``: mentions, aliases, offices and events move; later
        records naming ``drop_id`` are redirected. Returns what changed (module docstring)."""
        redirects = self.entity_redirects()
        keep_id, drop_id = dedup.resolve(redirects, keep_id), dedup.resolve(redirects, drop_id)
        out = {"action": "merge", "keep": keep_id, "drop": drop_id, "events": 0, "mentions": 0}
        if keep_id == drop_id:
            return out
        with self._tx():  # type: ignore[attr-defined]
            self._lock_writer()  # type: ignore[attr-defined]
            drop = self._require_entity(drop_id)
            out["events"], out["mentions"] = self._merge_entities(keep_id, drop_id)
            self._audit("merge", keep_id, actor, other=drop_id, value=drop["name"])
        return out

    def _merge_entities(self, keep_id: str, drop_id: str, aliases: bool = True) -> tuple[int, int]:
        """Move everything of ``drop_id`` to ``keep_id`` and redirect it (inside a transaction);
        returns (events re-linked, mentions moved)."""
        keep = self._require_entity(keep_id)
        drop = self._require_entity(drop_id)
        n_mentions = int(self._q1("SELECT COUNT(*) AS n FROM mentions WHERE entity_id = ?",  # type: ignore[attr-defined]
                                  (drop_id,))["n"])
        for tbl in ("mentions", "entity_aliases", "entity_offices", "curation"):
            self._exec(f"UPDATE {tbl} SET entity_id = ? WHERE entity_id = ?", (keep_id, drop_id))  # type: ignore[attr-defined]
        self._exec("UPDATE curation SET other_id = ? WHERE other_id = ?", (keep_id, drop_id))  # type: ignore[attr-defined]
        self._exec("UPDATE person_registry SET entity_id = ? WHERE entity_id = ? AND NOT EXISTS "  # type: ignore[attr-defined]
                   "(SELECT 1 FROM person_registry r WHERE r.entity_id = ?)", (keep_id, drop_id, keep_id))
        own = {fold_key(keep["name"]), fold_key(keep["name_en"])}
        for alias in (drop["name"], drop["name_en"]) if aliases else ():
            if alias and fold_key(alias) not in own:
                self._add_alias(keep_id, alias)
        ev_ids = self._events_of(drop_id)
        self._exec("UPDATE entity_redirects SET keep_id = ? WHERE keep_id = ?", (keep_id, drop_id))  # type: ignore[attr-defined]
        self._exec("INSERT INTO entity_redirects (drop_id, keep_id) VALUES (?, ?) "  # type: ignore[attr-defined]
                   "ON CONFLICT (drop_id) DO UPDATE SET keep_id = excluded.keep_id", (drop_id, keep_id))
        self._exec("DELETE FROM search_docs WHERE kind = 'entity' AND ref = ?", (drop_id,))  # type: ignore[attr-defined]
        self._exec("DELETE FROM entities WHERE id = ?", (drop_id,))  # type: ignore[attr-defined]
        for ev in ev_ids:
            self._recompute_event(ev)  # type: ignore[attr-defined]
        self._index_entity(keep_id)  # type: ignore[attr-defined]
        return len(ev_ids), n_mentions

    def _add_alias(self, eid: str, alias: str) -> bool:
        f = fold_key(alias)
        if not f or self._q1("SELECT 1 AS x FROM entity_aliases WHERE entity_id = ? AND folded = ? "  # type: ignore[attr-defined]
                             "AND source = 'curation'", (eid, f)):
            return False
        self._exec("INSERT INTO entity_aliases (entity_id, alias, folded, doc_key, source) "  # type: ignore[attr-defined]
                   "VALUES (?, ?, ?, NULL, 'curation')", (eid, alias.strip(), f))
        return True

    def entity_alias_add(self, entity_id: str, alias: str, actor: str | None = None) -> dict:
        """Add a spelling; the linker treats it as this person's name from then on."""
        if not fold_key(alias or ""):
            raise ValueError("the alias is empty once spaces and diacritics are folded")
        eid = dedup.resolve(self.entity_redirects(), entity_id)
        with self._tx():  # type: ignore[attr-defined]
            self._lock_writer()  # type: ignore[attr-defined]
            self._require_entity(eid)
            added = self._add_alias(eid, alias)
            if added:
                self._audit("alias", eid, actor, field="alias", value=alias.strip())
            self._index_entity(eid)  # type: ignore[attr-defined]
        return {"action": "alias", "entity": eid, "alias": alias.strip(), "added": added}

    def entity_set(self, entity_id: str, office: str | None = None, country: str | None = None,
                   actor: str | None = None) -> dict:
        """Correct an entity's office and/or country and re-code the events it acts in."""
        code = valid_code(country) if country is not None else None
        eid = dedup.resolve(self.entity_redirects(), entity_id)
        changes: dict[str, list[Any]] = {}
        with self._tx():  # type: ignore[attr-defined]
            self._lock_writer()  # type: ignore[attr-defined]
            e = self._require_entity(eid)
            if office is not None:
                office = office.strip()
                self._exec("UPDATE entities SET office = ?, office_curated = 1 WHERE id = ?", (office, eid))  # type: ignore[attr-defined]
                self._exec("INSERT INTO entity_offices (entity_id, office, start_date, end_date, source, "  # type: ignore[attr-defined]
                           "doc_key) VALUES (?, ?, NULL, NULL, 'curation', NULL)", (eid, office))
                self._audit("set", eid, actor, field="office", value=office, old=e["office"])
                changes["office"] = [e["office"], office]
            if code is not None:
                self._exec("UPDATE entities SET country = ?, country_curated = 1 WHERE id = ?", (code, eid))  # type: ignore[attr-defined]
                self._audit("set", eid, actor, field="country", value=code, old=e["country"])
                changes["country"] = [e["country"], code]
            ev_ids = self._events_of(eid)
            for ev in ev_ids:
                self._recompute_event(ev)  # type: ignore[attr-defined]
        return {"action": "set", "entity": eid, "changes": changes, "events": len(ev_ids)}

    def curated_persons(self, registry: bool = True) -> list[dict]:
        """What the linker takes as known persons: curated persons (``{"id", "name", "aliases",
        "country", "office"}``), then (``registry``) the store's person registry in the order
        it was built (``{"id", "name", "tokens", "country", "registry": True}``), so ids from
        ``marsad extract --db`` and ``marsad ingest`` agree with earlier runs."""
        rows = self._q(  # type: ignore[attr-defined]
            "SELECT * FROM entities WHERE type = 'PER' AND id IN (SELECT entity_id FROM curation) ORDER BY id")
        out = []
        for e in rows:
            aliases = [r["alias"] for r in self._q(  # type: ignore[attr-defined]
                "SELECT alias FROM entity_aliases WHERE entity_id = ? AND source = 'curation' ORDER BY id",
                (e["id"],))]
            out.append({"id": e["id"], "name": e["name"], "aliases": aliases, "country": e["country"],
                        "office": e["office"]})
        return out + (self.registry_persons() if registry else [])  # type: ignore[attr-defined]

    def curation_log(self, limit: int | None = None) -> list[dict]:
        """The audit log, oldest first: action, entity_id, other_id, field, value, old_value, actor, at."""
        sql = "SELECT action, entity_id, other_id, field, value, old_value, actor, at FROM curation ORDER BY id"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._q(sql)  # type: ignore[attr-defined]


__all__ = ["CurationMixin", "valid_code"]
