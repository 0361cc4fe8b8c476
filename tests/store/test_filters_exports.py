"""The shared event filter (CLI, exports), totals, CSV safety, and curation that reaches events."""
from __future__ import annotations

import csv
import io
import json

import pytest

from marsad.cli_store import main as cli
from marsad.store import open_store
from marsad.store.filters import FilterError, parse_filter

from .conftest import actor


def _load(store, records):
    for r in records.values():
        store.ingest_record(r)


def test_parse_filter_names_codes_and_dates():
    f = parse_filter(country=["قطر", "RUS,Iran", "لقطر"], category="consult", since="2017-03", until="2017")
    assert f.countries == ("QAT", "RUS", "IRN")
    assert f.category == "CONSULT" and f.since == "2017-03-01" and f.until == "2017-12-31"
    assert parse_filter(country="السعودية، قطر").countries == ("SAU", "QAT")
    with pytest.raises(FilterError, match="calendar"):
        parse_filter(since="2017-31-01")
    with pytest.raises(FilterError, match="CONSULT"):  # the allowed values are listed
        parse_filter(category="FOO")
    with pytest.raises(FilterError, match="unknown state"):
        parse_filter(country="Atlantis")
    with pytest.raises(FilterError, match="NUL"):
        parse_filter(person="a\x00b")
    with pytest.raises(FilterError):
        parse_filter(min_confidence="2")


def test_events_filter_total_and_sort(store, records):
    _load(store, records)
    f = parse_filter(country="تونس")
    assert store.count_events(filter=f) == 3
    page = store.events(filter=f, limit=2, offset=0)
    assert len(page) == 2 and len(store.events(filter=f, limit=2, offset=2)) == 1
    asc = store.events(filter=parse_filter(sort="date_asc"), limit=None)
    dates = [e.date for e in asc]
    assert dates == sorted(dates)
    hi = store.events(filter=parse_filter(min_confidence="0.85"), limit=None)
    assert all(e.confidence >= 0.85 for e in hi) and len(hi) < len(asc)


def test_exports_honour_the_filter(store, records):
    _load(store, records)
    f = parse_filter(country="IRN")
    buf = io.StringIO()
    n = store.export("plover", buf, f)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert n == len(lines) == 2
    for ev in lines:
        assert "IRN" in {a["code"] for a in ev["source"] + ev["recipient"]}
        assert all({"url", "outlet", "published", "record_id", "doc_id"} <= set(s) for s in ev["sources"])
    buf = io.StringIO()
    assert store.export("csv", buf, parse_filter(country="DZA")) == 3  # Sellal in Tunis (5 sources)
    assert store.export("csv", io.StringIO(), parse_filter(country="DZA", category="AID")) == 0
    buf = io.StringIO()
    store.export("gexf", buf, f)
    assert "state:DZA" not in buf.getvalue() and "state:IRN" in buf.getvalue()


def test_csv_cells_are_formula_safe_and_bom(store, make_record):
    raw = "=HYPERLINK(\"http://evil\") التقى الرئيس"
    store.ingest_record(make_record("evil.txt", raw, entities=[], events=[{
        "event": ["CONSULT"], "date": "2020-01-01", "event_text": raw,
        "source": [actor("per:x", "=cmd|' /C calc'!A0", "QAT")],
        "recipient": [actor("per:y", "+SUM(1)", "SAU")]}]))
    buf = io.StringIO()
    store.export("csv", buf, bom=True)
    text = buf.getvalue()
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert rows[0]["source_names"].startswith("'=") and rows[0]["recipient_names"].startswith("'+")
    assert rows[0]["event_text"].startswith("'=")
    for row in rows:
        assert not any(str(v).startswith(("=", "+", "-", "@")) for v in row.values())


def test_cli_export_filter_and_errors(tmp_path, records, capsys):
    db = str(tmp_path / "m.db")
    s = open_store(db)
    _load(s, records)
    s.close()
    out = tmp_path / "irn.jsonl"
    assert cli(["export", "--db", db, "--format", "plover", "--country", "إيران", "-o", str(out)]) == 0
    evs = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert len(evs) == 2
    capsys.readouterr()
    assert cli(["events", "--db", db, "--category", "FOO"]) == 2
    assert "CONSULT" in capsys.readouterr().err
    assert cli(["events", "--db", db, "--since", "2017-31-01"]) == 2
    missing = tmp_path / "typo.db"
    assert cli(["events", "--db", str(missing)]) == 2
    assert not missing.exists()  # a read command creates no store
    assert cli(["events", "--db", db, "--country", "TUN", "--format", "json", "--limit", "1"]) == 0
    cap = capsys.readouterr()
    assert len(json.loads(cap.out)) == 1 and "1 of 3 events" in cap.err


def test_curation_reaches_events_validated_and_audited(store, records, capsys):
    _load(store, records)
    with pytest.raises(ValueError):
        store.entity_set("per:ashtiani", country="XXX")
    res = store.entity_set("per:ashtiani", country="قطر", office="Minister of Defence", actor="alice")
    assert res["changes"]["country"] == ["IRN", "QAT"] and res["events"] == 1
    ev = store.events(filter=parse_filter(person="per:ashtiani"), limit=None)[0]
    codes = {a.entity: a.code for a in ev.source + ev.recipient}
    assert codes["per:ashtiani"] == "QAT"
    assert store.count_events(filter=parse_filter(country="QAT")) == 1
    # merge: the dropped id's events name the kept entity, with the kept entity's correction
    m = store.entity_merge("per:ashtiani", "per:ashtiani-b", actor="bob")
    assert m["events"] == 1 and m["mentions"] >= 1
    assert store.count_events(filter=parse_filter(country="QAT")) == 2
    log = store.curation_log()
    assert [(x["action"], x["field"], x["actor"]) for x in log] == [
        ("set", "office", "alice"), ("set", "country", "alice"), ("merge", None, "bob")]
    assert log[1]["old_value"] == "IRN" and log[1]["value"] == "QAT"
    # the correction survives re-extraction of the document
    r = records["002"]
    store.ingest_record(r, replace=True)
    ev = store.events(filter=parse_filter(person="per:ashtiani", since="2023-09-01", until="2023-09-30"),
                      limit=None)[0]
    assert "QAT" in {a.code for a in ev.recipient}


def test_cli_curation_prints_result(tmp_path, records, capsys):
    db = str(tmp_path / "m.db")
    s = open_store(db)
    _load(s, records)
    s.close()
    capsys.readouterr()
    assert cli(["entity", "--db", db, "set", "per:sellal", "--country", "XXX"]) == 2
    assert "unknown state" in capsys.readouterr().err
    assert cli(["entity", "--db", db, "set", "per:sellal", "--country", "DZA", "--office", "PM"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["changes"]["office"][1] == "PM" and out["events"] >= 1
    assert cli(["entity", "--db", db, "merge", "per:ashtiani", "per:ashtiani-b"]) == 0
    assert json.loads(capsys.readouterr().out)["drop"] == "per:ashtiani-b"


def test_igos_are_distinct_actors(store, make_record):
    raw = "التقى أمير قطر الأمين العام لحلف الناتو. واجتمع وزير المالية القطري بمديرة صندوق النقد الدولي."
    nato = {"id": "org:nato", "type": "ORG", "name": "حلف الناتو", "name_en": "NATO", "country": "IGO",
            "surfaces": ["الناتو"]}
    imf = {"id": "org:imf", "type": "ORG", "name": "صندوق النقد الدولي", "name_en": "International Monetary Fund",
           "country": "IGO", "surfaces": ["صندوق النقد الدولي"]}
    store.ingest_record(make_record("igo.txt", raw, entities=[nato, imf], events=[
        {"event": ["CONSULT"], "date": "2020-02-01", "source": [actor(None, "أمير قطر", "QAT")],
         "recipient": [actor("org:nato", "حلف الناتو", "IGO")], "event_text": "التقى أمير قطر الأمين العام لحلف الناتو."},
        {"event": ["CONSULT"], "date": "2020-02-01", "source": [actor(None, "وزير المالية القطري", "QAT")],
         "recipient": [actor("org:imf", "صندوق النقد الدولي", "IGO")],
         "event_text": "واجتمع وزير المالية القطري بمديرة صندوق النقد الدولي."}]))
    rows = store.dyads(countries=["QAT"])
    assert {(r["a"], r["b"]) for r in rows} == {("IGO:imf", "QAT"), ("IGO:nato", "QAT")}
    assert {r["a_name"] for r in rows} == {"NATO", "International Monetary Fund"}
    assert store.count_events(filter=parse_filter(country="حلف الناتو")) == 1
    assert store.count_events(filter=parse_filter(country="IGO:imf")) == 1
    assert store.count_events(filter=parse_filter(country="IGO")) == 2
    assert len(store.dyads(countries=["IGO"])) == 2
    buf = io.StringIO()
    store.export("gexf", buf)
    assert 'id="state:IGO:nato"' in buf.getvalue() and 'label="NATO"' in buf.getvalue()
