"""Corpus-level event de-duplication and aggregation.

A per-document event (CONTRACT §2) joins an existing corpus event when all of these hold:

- category: their PLOVER category lists share a category;
- countries: the set of ISO codes of all their actors is the same;
- persons: for every country for which *both* name persons, the person sets overlap (so a visitor
  meeting two different host officials stays two events, as CONTRACT §3 asks);
- dates: their windows (date..enddate, a whole month/year for coarser precision) overlap once
  widened by ``date_tolerance_days``; events without a date never merge;
- place: same geonameid / folded name, or within ``place_km`` (default: the one same-place distance,
  :data:`marsad.geo.PLACES`), or one side has no place;
- the corpus event has no source from the same document yet.

A corpus event's fields are always recomputed from its sources (:func:`aggregate`), so removing a
source (document replaced) or merging entities just re-aggregates.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable

from marsad.geo import PLACES, great_circle_km
from marsad.record import Actor, Event, Place, PloverEvent, actors
from marsad.textnorm import fold_key

from .record import CorpusEvent


@dataclass(frozen=True)
class DedupSettings:
    """Thresholds for corpus-level event merging."""

    date_tolerance_days: int = 1
    place_km: float = PLACES.same_place_km
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


def window(ev: PloverEvent) -> tuple[date, date] | None:
    """The date window an event claims: [date, enddate] widened to its precision."""
    d = parse_day(ev.date)
    if d is None:
        return None
    prec = (ev.date_precision or "day").lower()
    raw = str(ev.date or "")
    if prec == "year" or (len(raw.strip()) == 4):
        lo, hi = date(d.year, 1, 1), date(d.year, 12, 31)
    elif prec == "month" or len(raw.strip()) == 7:
        lo = date(d.year, d.month, 1)
        hi = date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    else:
        lo = hi = d
    e = parse_day(ev.enddate)
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

def actor_key(a: Actor) -> str:
    """Identity of an actor for matching reports: ``e:<entity id>``, or ``t:<code>:<folded text>``
    for an actor linked to no entity."""
    if a.entity:
        return "e:" + a.entity
    return "t:" + (a.code or "") + ":" + fold_key(a.identifier_text or a.actor_text)


def countries_of(ev: PloverEvent) -> frozenset[str]:
    """The actor codes (ISO3, IGO) of an event record."""
    return frozenset(a.code for _, a in actors(ev) if a.code)


def persons_by_country(ev: PloverEvent, person_ids: set[str]) -> dict[str, set[str]]:
    """country code -> set of person keys (entity ids of PER entities)."""
    out: dict[str, set[str]] = {}
    for _, a in actors(ev):
        if a.entity and a.entity in person_ids:
            out.setdefault(a.code or "", set()).add(a.entity)
    return out


def has_place(loc: Place | None) -> bool:
    """True when ``loc`` is an event location with a name, geonameid or latitude."""
    return loc is not None and loc.is_known()


def place_match(a: Place | None, b: Place | None, km: float) -> tuple[bool, str]:
    """(compatible, reason)."""
    if a is None or b is None or not a.is_known() or not b.is_known():
        return True, "place missing on one side"
    if a.geonameid and b.geonameid and a.geonameid == b.geonameid:
        return True, f"same place ({a.name or a.name_ar})"
    names_a = {fold_key(n) for n in (a.name, a.name_ar) if n}
    names_b = {fold_key(n) for n in (b.name, b.name_ar) if n}
    if names_a & names_b:
        return True, f"same place ({a.name or a.name_ar})"
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return False, ""
    d = great_circle_km(float(a.latitude), float(a.longitude), float(b.latitude), float(b.longitude))
    if d <= km:
        return True, f"places {d:.0f} km apart"
    return False, ""


# ---------------------------------------------------------------- matching

def match(new: Event, old: CorpusEvent, new_persons: dict[str, set[str]], old_persons: dict[str, set[str]],
          settings: DedupSettings = DEFAULT_SETTINGS) -> str | None:
    """Why ``new`` is the same event as corpus event ``old`` (a reason string), or None.

    ``old`` is a corpus event in PLOVER shape (event/date/enddate/date_precision/source/recipient/
    event_loc); the person maps come from :func:`persons_by_country`.
    """
    reasons = []
    cats = set(new.event) & set(old.event)
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
    ok, why = place_match(new.event_loc, old.event_loc, settings.place_km)
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


def redirect_actors(ev: Event, redirects: dict[str, str]) -> Event:
    """A copy of ``ev`` with actor entity ids mapped through ``redirects`` (``ev`` itself when none applies)."""
    if not redirects or not any(a.entity in redirects for _, a in actors(ev)):
        return ev
    return ev.model_copy(update={role: [a.model_copy(update={"entity": resolve(redirects, a.entity)})
                                        if a.entity in redirects else a for a in getattr(ev, role)]
                                 for role in ("source", "recipient")})


def resolve(redirects: dict[str, str], eid: str) -> str:
    """The entity ``eid`` stands for after following ``redirects`` (merged id -> kept id) to the end;
    a redirect loop stops at the first id seen twice."""
    seen = set()
    while eid in redirects and eid not in seen:
        seen.add(eid)
        eid = redirects[eid]
    return eid


def aggregate(sources: list[Event], event_id: str) -> CorpusEvent:
    """Corpus event ``event_id`` from its sources' per-document events (already redirected).

    Category/mode/context: union in source order. Date: the finest-precision, most confident
    source's date. Actors: union (by entity id or code+name), keeping their role; an actor that is
    a source somewhere is not repeated as a recipient. Place: the first geocoded one.
    Confidence: noisy-or of the sources' confidences.
    """
    if not sources:
        raise ValueError("no sources")
    best = min(
        sources,
        key=lambda e: (e.date is None, _PREC_RANK.get(e.date_precision or "day", 3), -(e.confidence or 0.0)),
    )
    src: list[Actor] = []
    rec: list[Actor] = []
    seen: set[str] = set()
    for role, bucket in (("source", src), ("recipient", rec)):
        for ev in sources:
            for a in getattr(ev, role):
                k = actor_key(a)
                if k in seen:
                    continue
                seen.add(k)
                bucket.append(a)
    loc = None
    for ev in sorted(sources, key=lambda e: not (e.event_loc is not None and e.event_loc.latitude is not None)):
        if has_place(ev.event_loc):
            loc = ev.event_loc
            break
    p = 1.0
    for ev in sources:
        c = ev.confidence
        c = 0.5 if c is None else max(0.0, min(1.0, float(c)))
        p *= 1.0 - c
    return CorpusEvent(
        id=event_id,
        event=_union(e.event for e in sources),
        mode=_union(e.mode for e in sources),
        context=_union(e.context for e in sources),
        date=best.date,
        enddate=best.enddate,
        date_precision=best.date_precision or ("day" if best.date else None),
        source=src,
        recipient=rec,
        event_loc=loc,
        confidence=round(1.0 - p, 4),
    )
