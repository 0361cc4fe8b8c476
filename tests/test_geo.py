"""One distance within which two geocoded places are the same place (marsad.geo, issue 16)."""
from marsad.geo import PLACES, great_circle_km
from marsad.stages.drafts import _km
from marsad.record import Place
from marsad.store.dedup import DedupSettings, place_match


def test_great_circle_distances():
    assert round(great_circle_km(48.8566, 2.3522, 51.5074, -0.1278)) == 344  # Paris - London
    assert great_circle_km(33.5, 36.3, 33.5, 36.3) == 0.0


def test_the_events_stage_and_the_store_use_one_same_place_distance():
    assert DedupSettings().place_km == PLACES.same_place_km
    a = {"name": "A", "latitude": 33.0, "longitude": 36.0}
    near = {"name": "B", "latitude": 33.0 + 0.9 * PLACES.same_place_km / 111.2, "longitude": 36.0}
    far = {"name": "C", "latitude": 33.0 + 1.1 * PLACES.same_place_km / 111.2, "longitude": 36.0}
    for other, same in ((near, True), (far, False)):
        assert (_km(a, other) <= PLACES.same_place_km) is same
        assert place_match(Place(**a), Place(**other), DedupSettings().place_km)[0] is same
