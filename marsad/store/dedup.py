"""Corpus-level event de-duplication and aggregation.

A per-document event (CONTRACT §2) joins an existing corpus event when all of these hold:

- category: their PLOVER category lists share a category;
- countries: the set of ISO codes of all their actors is the same;
- persons: for every country for which *both* name persons, the person sets overlap (so a visitor
  meeting two different host officials stays two events, as CONTRACT §3 asks);
- dates: their windows (date..enddate, a whole month/year for coarser precision) overlap once
  widened by ``date_tolerance_days``; events without a date never merge;
- place: same geonameid / folded name, or within ``place_km``, or one side has no place;
- the corpus event has no source from the same document yet.

A corpus event's fields are always recomputed from its sources (:func:`aggregate`), so removing a
source (document replaced) or merging entities just re-aggregates.
"""
from __future__ import annotations

import calendar
import math
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

from marsad.textnorm import fold_key


@dataclass(frozen=True)
class DedupSettings:
    """Thresholds for corpus-level event merging."""

    date_tolerance_days: int = 1
    place_km: float = 50.0
    require_category: bool = True
    require_same_countries: bool = True
    enabled: bool = True


DEFAULT_SETTINGS = DedupSettings()


# ---------------------------------------------------------------- dates

def parse_day(s: Any) -> date | None:
    """First day a (possibly partial) ISO date names: 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD…'."""
    if not s or not isinstance(s, str):
        return None
    s = s.strip()[:10]
    try:
        parts = [int(p) for p in s.split("-") if p]
        if len(parts) >= 3:
            return date(parts[0], parts[1], parts[2])
        if len(parts) == 2:
            return date(parts[0], parts[1], 1)
        if len(parts) == 1 and 1 <= parts[0] <= 9999:
            return date(parts[0], 1, 1)
    except (ValueError, TypeError):
        return None
    return None


def window(ev: dict) -> tuple[date, date] | None:
    """The date window an event claims: [date, enddate] widened to its precision."""
    d = parse_day(ev.get("date"))
    if d is None:
        return None
    prec = (ev.get("date_precision") or "day").lower()
    raw = str(ev.get("date") or "")
    if prec == "year" or (len(raw.strip()) == 4):
        lo, hi = date(d.year, 1, 1), date(d.year, 12, 31)
    elif prec == "month" or len(raw.strip()) == 7:
        lo = date(d.year, d.month, 1)
        hi = date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    else:
        lo = hi = d
    e = parse_day(ev.get("enddate"))
    if e is not None and e > hi:
        hi = e
    return lo, hi


def windows_overlap(a: tuple[date, date] | None, b: tuple[date, date] | None, tol: int) -> bool:
    """True when the date windows ``(first, last)`` overlap or lie within ``tol`` days of each
    other; False when either is unknown (None)."""
    if a is None or b is None:
        return False
    t = timedelta(days=tol)
    return a[0] <= b[1] + t and b[0] <= a[1] + t


# ---------------------------------------------------------------- actors and places

def actors(ev: dict) -> list[tuple[str, dict]]:
    """``(role, actor)`` pairs of an event record, role "source" or "recipient" (non-dict items skipped)."""
    out = []
    for role in ("source", "recipient"):
        for a in ev.get(role) or []:
            if isinstance(a, dict):
                out.append((role, a))
    return out


def actor_key(a: dict) -> str:
    """Identity of an actor for matching reports: ``e:<entity id>``, or ``t:<code>:<folded text>``
    for an actor linked to no entity."""
    if a.get("entity"):
        return "e:" + str(a["entity"])
    return "t:" + str(a.get("code") or "") + ":" + fold_key(a.get("identifier_text") or a.get("actor_text"))


def countries_of(ev: dict) -> frozenset[str]:
    """The actor codes (ISO3, IGO) of an event record."""
    return frozenset(str(a["code"]) for _, a in actors(ev) if a.get("code"))


def persons_by_country(ev: dict, person_ids: set[str]) -> dict[str, set[str]]:
    """country code -> set of person keys (entity ids of PER entities)."""
    out: dict[str, set[str]] = {}
    for _, a in actors(ev):
        if a.get("entity") and a["entity"] in person_ids:
            out.setdefault(str(a.get("code") or ""), set()).add(str(a["entity"]))
    return out


def _haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def has_place(loc: Any) -> bool:
    """True when ``loc`` is an event location dict with a name, geonameid or latitude."""
    return isinstance(loc, dict) and any(loc.get(k) for k in ("name", "name_ar", "geonameid", "latitude"))


def place_match(a: Any, b: Any, km: float) -> tuple[bool, str]:
    """(compatible, reason)."""
    if not has_place(a) or not has_place(b):
        return True, "place missing on one side"
    if a.get("geonameid") and b.get("geonameid") and a["geonameid"] == b["geonameid"]:
        return True, f"same place ({a.get('name') or a.get('name_ar')})"
    names_a = {fold_key(a.get(k)) for k in ("name", "name_ar") if a.get(k)}
    names_b = {fold_key(b.get(k)) for k in ("name", "name_ar") if b.get(k)}
    if names_a & names_b:
        return True, f"same place ({a.get('name') or a.get('name_ar')})"
    try:
        pa = (float(a["latitude"]), float(a["longitude"]))
        pb = (float(b["latitude"]), float(b["longitude"]))
    except (KeyError, TypeError, ValueError):
        return False, ""
    d = _haversine_km(pa, pb)
    if d <= km:
        return True, f"places {d:.0f} km apart"
    return False, ""


# ---------------------------------------------------------------- matching

def match(new: dict, old: dict, new_persons: dict[str, set[str]], old_persons: dict[str, set[str]],
          settings: DedupSettings = DEFAULT_SETTINGS) -> str | None:
    """Why ``new`` is the same event as corpus event ``old`` (a reason string), or None.

    ``old`` is a corpus event in PLOVER shape (event/date/enddate/date_precision/source/recipient/
    event_loc); the person maps come from :func:`persons_by_country`.
    """
    reasons = []
    cats = set(new.get("event") or []) & set(old.get("event") or [])
    if settings.require_category:
        if not cats:
            return None
        reasons.append("category " + ",".join(sorted(cats)))
    ca, cb = countries_of(new), countries_of(old)
    if settings.require_same_countries:
        if ca != cb or not ca:
            return None
        reasons.append("countries " + ",".join(sorted(ca)))
    shared_persons = set()
    for cc in set(new_persons) & set(old_persons):
        common = new_persons[cc] & old_persons[cc]
        if not common:
            return None
        shared_persons |= common
    if shared_persons:
        reasons.append("persons " + ",".join(sorted(shared_persons)))
    tol = settings.date_tolerance_days
    if not windows_overlap(window(new), window(old), tol):
        return None
    reasons.append(f"dates overlap (±{tol}d)")
    ok, why = place_match(new.get("event_loc"), old.get("event_loc"), settings.place_km)
    if not ok:
        return None
    reasons.append(why)
    return "; ".join(reasons)


# ---------------------------------------------------------------- aggregation

_PREC_RANK = {"day": 0, "month": 1, "year": 2}


def _union(lists: Iterable[Iterable[Any]]) -> list[Any]:
    out: list[Any] = []
    for lst in lists:
        for x in lst or []:
            if x not in out:
                out.append(x)
    return out


def redirect_actors(ev: dict, redirects: dict[str, str]) -> dict:
    """A copy of ``ev`` with actor entity ids mapped through ``redirects``."""
    if not redirects:
        return ev
    ev = dict(ev)
    for role in ("source", "recipient"):
        new = []
        for a in ev.get(role) or []:
            if isinstance(a, dict) and a.get("entity") in redirects:
                a = dict(a, entity=resolve(redirects, a["entity"]))
            new.append(a)
        ev[role] = new
    return ev


def resolve(redirects: dict[str, str], eid: str) -> str:
    """The entity ``eid`` stands for after following ``redirects`` (merged id -> kept id) to the end;
    a redirect loop stops at the first id seen twice."""
    seen = set()
    while eid in redirects and eid not in seen:
        seen.add(eid)
        eid = redirects[eid]
    return eid


def aggregate(sources: list[dict]) -> dict:
    """One corpus event from its sources' per-document events (already redirected).

    Category/mode/context: union in source order. Date: the finest-precision, most confident
    source's date. Actors: union (by entity id or code+name), keeping their role; an actor that is
    a source somewhere is not repeated as a recipient. Place: the first geocoded one.
    Confidence: noisy-or of the sources' confidences.
    """
    if not sources:
        raise ValueError("no sources")
    best = min(
        sources,
        key=lambda e: (e.get("date") is None, _PREC_RANK.get((e.get("date_precision") or "day"), 3),
                       -(e.get("confidence") or 0.0)),
    )
    src: list[dict] = []
    rec: list[dict] = []
    seen: set[str] = set()
    for role, bucket in (("source", src), ("recipient", rec)):
        for ev in sources:
            for a in ev.get(role) or []:
                if not isinstance(a, dict):
                    continue
                k = actor_key(a)
                if k in seen:
                    continue
                seen.add(k)
                bucket.append(a)
    loc = None
    for ev in sorted(sources, key=lambda e: not (isinstance(e.get("event_loc"), dict)
                                                 and e["event_loc"].get("latitude") is not None)):
        if has_place(ev.get("event_loc")):
            loc = ev["event_loc"]
            break
    p = 1.0
    for ev in sources:
        c = ev.get("confidence")
        c = 0.5 if c is None else max(0.0, min(1.0, float(c)))
        p *= 1.0 - c
    return {
        "event": _union(e.get("event") for e in sources),
        "mode": _union(e.get("mode") for e in sources),
        "context": _union(e.get("context") for e in sources),
        "date": best.get("date"),
        "enddate": best.get("enddate"),
        "date_precision": best.get("date_precision") or ("day" if best.get("date") else None),
        "source": src,
        "recipient": rec,
        "event_loc": loc,
        "confidence": round(1.0 - p, 4),
    }
