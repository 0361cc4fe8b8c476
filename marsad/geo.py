"""Distances between geocoded places, and the one rule for when two places are the same place.

:data:`PLACES` (a :class:`PlaceSettings`) holds the distance within which two geocoded places count
as one: the events stage merges two reports of an event in one article only when their places are
that close (:mod:`marsad.stages.drafts`), and the store joins events of different documents on the
same distance (:class:`marsad.store.dedup.DedupSettings` takes it as the default of ``place_km``).
This module imports nothing of Marsad, so any module may import it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["PlaceSettings", "PLACES", "great_circle_km"]

EARTH_RADIUS_KM = 6371.0  # mean radius


@dataclass(frozen=True)
class PlaceSettings:
    """Thresholds on places. ``same_place_km``: two geocoded places at most this many kilometres apart
    (great circle) are one place, as a palace and its capital or an airport and its city are."""

    same_place_km: float = 50.0


PLACES = PlaceSettings()


def great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS84 points given in degrees (haversine on a
    sphere of :data:`EARTH_RADIUS_KM`)."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
