"""Exports (PLOVER JSONL, CSV, GeoJSON, GEXF) and curation (merge, alias, set)."""
from __future__ import annotations

import csv
import io
import json
from xml.etree import ElementTree as ET

from marsad.store import open_store


def _load(store, records, *keys):
    for k in keys or records:
        store.ingest_record(records[k])


def test_export_plover(store, records):
    _load(store, records)
    buf = io.StringIO()
    n = store.export("plover", buf)
    lines = buf.getvalue().splitlines()
    assert n == len(lines) == store.stats()["events"] == 5
    recs = [json.loads(x) for x in lines]
    for r in recs:
        for k in ("id", "date", "event", "mode", "context", "source", "recipient", "event_loc",
                  "event_text", "sources", "confidence"):
            assert k in r
        assert r["event_text"] and r["sources"]
    assert sum(len(r["sources"]) for r in recs) == store.stats()["sources"]


def test_export_csv(store, records):
    _load(store, records)
    buf = io.StringIO()
    n = store.export("csv", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert n == len(rows) == 5
    assert {r["event"] for r in rows} == {"CONSULT"}
    row = [r for r in rows if r["n_sources"] == "2"][0]
    assert row["source_codes"] == "DZA" and row["recipient_codes"] == "TUN"
    assert row["location"] == "Tunis" and float(row["latitude"]) > 36


def test_export_geojson(store, records):
    _load(store, records)
    buf = io.StringIO()
    n = store.export("geojson", buf)
    fc = json.loads(buf.getvalue())
    assert fc["type"] == "FeatureCollection" and n == len(fc["features"]) == 5
    f = fc["features"][0]
    assert f["type"] == "Feature" and f["geometry"]["type"] == "Point"
    lon, lat = f["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    tehran = [f for f in fc["features"] if f["properties"]["name"] == "Tehran"][0]
    assert tehran["geometry"]["coordinates"][0] > 50  # [lon, lat] order


def test_export_gexf(store, records):
    _load(store, records)
    buf = io.StringIO()
    n = store.export("gexf", buf)
    root = ET.fromstring(buf.getvalue().encode("utf-8"))
    ns = {"g": "http://gexf.net/1.3"}
    assert root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3"
    nodes = root.findall(".//g:nodes/g:node", ns)
    edges = root.findall(".//g:edges/g:edge", ns)
    assert n == len(nodes) + len(edges)
    ids = {x.get("id") for x in nodes}
    assert {"per:sellal", "per:chahed", "per:shoigu"} <= {i[4:] for i in ids if i.startswith("per:")}
    for e in edges:
        assert e.get("source") in ids and e.get("target") in ids and float(e.get("weight")) >= 1
    w = {(e.get("source"), e.get("target")): float(e.get("weight")) for e in edges}
    # directed: the visitor (source) -> the host (recipient)
    assert root.find(".//g:graph", ns).get("defaultedgetype") == "directed"
    assert w[("per:per:sellal", "per:per:chahed")] == 1.0  # the merged meeting counts once
    assert ("per:per:chahed", "per:per:sellal") not in w
    assert w[("state:DZA", "state:TUN")] == 3.0 and ("state:TUN", "state:DZA") not in w
    # Shoigu visits Tehran (RUS -> IRN), then meets Ashtiani in Astana (no host: both ways)
    assert w[("state:RUS", "state:IRN")] == 2.0 and w[("state:IRN", "state:RUS")] == 1.0


def test_export_rejects_unknown_format(store):
    import pytest

    with pytest.raises(ValueError):
        store.export("xml", io.StringIO())


def test_entity_merge_and_redirect(store, records, make_record):
    _load(store, records, "002", "003")
    assert store.stats()["entities"] == 3
    store.entity_merge("per:ashtiani", "per:ashtiani-b")
    assert store.entity_redirects() == {"per:ashtiani-b": "per:ashtiani"}
    assert store.entity("per:ashtiani-b").id == "per:ashtiani"  # redirect followed
    e = store.entity("per:ashtiani")
    assert "محمد أشتياني" in e.aliases and e.mentions >= 5 and len(e.documents) == 2
    assert len(e.events) == 2
    assert store.stats()["entities"] == 2
    for ev in store.events(countries=["IRN"]):
        assert "per:ashtiani-b" not in {a.entity for a in ev.source + ev.recipient}
    # a later record still naming the dropped id is redirected on arrival
    raw = "استقبل محمد أشتياني وزيرا روسيا في طهران"
    later = make_record("later.txt", raw, entities=[{"id": "per:ashtiani-b", "name": "محمد أشتياني",
                                                      "country": "IRN"}],
                        events=[{"event": ["CONSULT"], "date": "2024-05-01",
                                 "source": [{"entity": None, "actor_text": "روسيا", "code": "RUS"}],
                                 "recipient": [{"entity": "per:ashtiani-b", "actor_text": "محمد أشتياني",
                                                "code": "IRN"}]}])
    store.ingest_record(later)
    assert store.entity("per:ashtiani-b").id == "per:ashtiani"
    assert store.stats()["entities"] == 2
    assert len(store.events(person="per:ashtiani")) == 3
    d = store.document(later["doc_id"])
    assert [e.id for e in d.entities] == ["per:ashtiani"]
    # merging into a previously dropped id follows the chain; merging with itself is a no-op
    store.entity_merge("per:ashtiani-b", "per:ashtiani")
    assert store.stats()["entities"] == 2
    store.entity_merge("per:shoigu", "per:ashtiani")
    assert store.entity_redirects()["per:ashtiani-b"] == "per:shoigu"


def test_curation_persists(store_url, records):
    s = open_store(store_url)
    _load(s, records, "002", "003")
    s.entity_merge("per:ashtiani", "per:ashtiani-b")
    s.entity_alias_add("per:ashtiani", "اشتیانی")
    s.entity_alias_add("per:ashtiani", "اشتیانی")  # idempotent
    s.entity_set("per:ashtiani", office="Minister of Defence (2021-2024)", country="IRN")
    cp = {p["id"]: p for p in s.curated_persons()}
    assert set(cp) == {"per:ashtiani"}
    assert cp["per:ashtiani"]["aliases"] == ["محمد أشتياني", "اشتیانی"]
    assert cp["per:ashtiani"]["office"] == "Minister of Defence (2021-2024)"
    # curated fields survive later records that say otherwise
    s.ingest_record(dict(records["002"], doc_key="copy.txt", path="copy.txt"))
    assert s.entity("per:ashtiani").office == "Minister of Defence (2021-2024)"
    offices = [o.office for o in s.entity("per:ashtiani").offices]
    assert "Minister of Defence (2021-2024)" in offices and "Minister of Defence" in offices
    # aliases are searchable
    assert any(h.get("entity_id") == "per:ashtiani" for h in s.search("اشتیانی"))
    if store_url != ":memory:":
        s.close()
        s = open_store(store_url)
        assert s.entity_redirects() == {"per:ashtiani-b": "per:ashtiani"}
        assert [p["id"] for p in s.curated_persons()] == ["per:ashtiani"]
        assert [c["action"] for c in s.curation_log()] == ["merge", "alias", "set", "set"]
    s.close()


def test_curation_unknown_entity(store):
    import pytest

    with pytest.raises(KeyError):
        store.entity_set("nobody", office="x")
    with pytest.raises(KeyError):
        store.entity_alias_add("nobody", "x")
