"""The one GeoJSON builder and the one actor-graph builder (marsad.store.builders) on hand-made
corpus events: what they keep, drop and link."""
from __future__ import annotations

from marsad.store.builders import FEATURE_PROPERTIES, actor_graph, event_label, geojson
from marsad.store.record import CorpusEvent

TEHRAN = {"name": "Tehran", "name_ar": "طهران", "cc3": "IRN", "latitude": 35.69, "longitude": 51.39,
          "geonameid": 112931}
PERSONS = {"per:shoigu": {"name": "سيرغي شويغو", "name_en": "Sergei Shoigu", "country": "RUS"},
           "per:dehghan": {"name": "حسين دهقان", "name_en": None, "country": "IRN"}}
ORGS = {"org:nato": {"name": "حلف الناتو", "name_en": "NATO"}}


def actor(entity, text, code):
    return {"entity": entity, "actor_text": text, "identifier_text": text, "code": code, "sector": "GOV",
            "office": None}


def event(eid, source, recipient=(), loc=None, cats=("CONSULT",), date="2016-01-20"):
    return CorpusEvent(id=eid, event=list(cats), date=date, source=list(source), recipient=list(recipient),
                       event_loc=loc, confidence=0.9,
                       sources=[{"doc_id": "d1", "doc_key": "k1", "path": "a.txt", "event_text": "…"}])


VISIT = event("ev-1", [actor("per:shoigu", "شويغو", "RUS")], [actor("per:dehghan", "دهقان", "IRN")], TEHRAN)
SUMMIT = event("ev-2", [actor(None, "روسيا", "RUS"), actor(None, "إيران", "IRN"), actor("per:shoigu", "شويغو", "RUS")],
               cats=("AGREE",))
NATO = event("ev-3", [actor("org:nato", "حلف الناتو", "IGO")], [actor("per:unknown", "مسؤول", "RUS")],
             {**TEHRAN, "latitude": 135.0}, cats=("DEMAND",))


def test_geojson_keeps_valid_points_in_lon_lat_order():
    fc = geojson([VISIT, SUMMIT, NATO])
    assert fc["type"] == "FeatureCollection"
    (f,) = fc["features"]  # SUMMIT has no place, NATO's latitude is outside WGS84
    assert f["type"] == "Feature" and f["id"] == "ev-1"
    assert f["geometry"] == {"type": "Point", "coordinates": [51.39, 35.69]}
    assert tuple(f["properties"]) == FEATURE_PROPERTIES
    p = f["properties"]
    assert (p["name"], p["name_ar"], p["cc3"], p["geonameid"]) == ("Tehran", "طهران", "IRN", 112931)
    assert p["event"] == ["CONSULT"] and p["n_sources"] == 1 and p["sources"][0]["path"] == "a.txt"
    assert p["label"] == event_label(VISIT) == "CONSULT: شويغو ← دهقان"


def test_actor_graph_is_directed_from_visitor_to_host():
    g = actor_graph([VISIT, SUMMIT, NATO], PERSONS, ORGS)
    assert set(g.nodes) == {"state:RUS", "state:IRN", "per:per:shoigu", "per:per:dehghan", "state:IGO:nato"}
    assert g.nodes["per:per:shoigu"].label == "Sergei Shoigu" and g.nodes["per:per:dehghan"].label == "حسين دهقان"
    assert g.nodes["state:IGO:nato"].label == "NATO" and g.nodes["state:IGO:nato"].kind == "igo"
    assert "per:per:unknown" not in g.nodes  # not a person the store knows: its state stands for it
    assert (g.nodes["per:per:shoigu"].weight, g.nodes["state:IRN"].weight, g.nodes["state:RUS"].weight) == (2, 2, 3)
    # the visit: every visiting node -> every host node, never a person to its own state
    assert g.edges[("state:RUS", "state:IRN")] == 2 and g.edges[("state:IRN", "state:RUS")] == 1
    assert g.edges[("per:per:shoigu", "per:per:dehghan")] == 1 and ("per:per:dehghan", "per:per:shoigu") not in g.edges
    assert g.edges[("per:per:shoigu", "state:IRN")] == 2
    assert not any({a, b} in ({"per:per:shoigu", "state:RUS"}, {"per:per:dehghan", "state:IRN"}) for a, b in g.edges)
    assert g.categories[("state:RUS", "state:IRN")] == {"CONSULT": 1, "AGREE": 1}
    assert g.edges[("state:IGO:nato", "state:RUS")] == 1


def test_actor_graph_json_is_the_undirected_view():
    data = actor_graph([VISIT, SUMMIT, NATO], PERSONS, ORGS).as_json()
    assert data["nodes"][0] == {"id": "state:RUS", "label": "RUS", "kind": "state", "weight": 3, "country": "RUS"}
    shoigu = next(n for n in data["nodes"] if n["id"] == "per:per:shoigu")
    assert shoigu["entity"] == "per:shoigu" and shoigu["kind"] == "person" and shoigu["country"] == "RUS"
    edges = {(e["source"], e["target"]): e["weight"] for e in data["edges"]}
    assert edges[("state:IRN", "state:RUS")] == 2  # linked in two events, whichever way
    assert all(a < b for a, b in edges)
    assert data["edges"][0]["weight"] == max(edges.values())
