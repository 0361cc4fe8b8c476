"""Corpus-level de-duplication, event filters, dyads and Arabic-folded search."""
from __future__ import annotations

from marsad.store import DedupSettings, open_store

from .conftest import TUNIS, actor


def _ingest(store, records, *keys):
    for k in keys:
        store.ingest_record(records[k])


def test_dedup_merges_two_reports_of_one_meeting(store, records):
    # 7141 announces (the day before) the joint committee Sellal–Chahed in Tunis on Thursday
    # 2017-03-09; 3850 reports it the same day. One corpus event with two sources.
    _ingest(store, records, "3850", "7141")
    st = store.stats()
    assert st["sources"] == 3 and st["events"] == 2 and st["events_merged"] == 1
    merged = [e for e in store.events() if len(e.sources) == 2][0]
    assert {s.doc_id for s in merged.sources} == {records["3850"]["doc_id"], records["7141"]["doc_id"]}
    ids = {a.entity for a in merged.source + merged.recipient}
    assert ids == {"per:sellal", "per:chahed"}
    assert merged.date == "2017-03-09" and merged.event == ["CONSULT"]
    assert merged.event_loc.name == "Tunis"
    reason = merged.merged_reason
    assert "category CONSULT" in reason and "countries DZA,TUN" in reason
    assert "per:chahed" in reason and "per:sellal" in reason and "dates overlap" in reason
    assert "same place" in reason
    # each source keeps its own evidence
    texts = {s.doc_id: s.event_text for s in merged.sources}
    assert "يوسف الشاهد" in texts[records["3850"]["doc_id"]]
    assert "غدا الخميس" in texts[records["7141"]["doc_id"]]
    for s in merged.sources:
        raw = records["3850" if s.doc_id == records["3850"]["doc_id"] else "7141"]["raw_text"]
        assert raw[s.start:s.end] == s.event_text
        assert s.article_title
    assert merged.confidence > 0.8  # two sources: noisy-or of 0.8 and 0.8


def test_dedup_keeps_different_meetings_apart(store, records):
    # Same day, same place, same countries, Sellal in all: but he met three different Tunisian
    # officials (Ennaceur, Chahed, Essebsi) -> three events (CONTRACT §3).
    _ingest(store, records, "3850", "7158")
    assert store.stats()["events"] == 3 and store.stats()["events_merged"] == 0
    # Shoigu–Ashtiani in Tehran (2023) and in Astana (2024): same people, different meetings
    _ingest(store, records, "002", "003")
    assert store.stats()["events"] == 5


def test_same_document_events_never_merge(store, make_record):
    raw = "التقى عبد المالك سلال يوسف الشاهد في تونس. ثم التقى عبد المالك سلال يوسف الشاهد مجددا."
    ev = {"event": ["CONSULT"], "mode": ["visit"], "date": "2017-03-09", "event_loc": TUNIS,
          "source": [actor("per:sellal", "عبد المالك سلال", "DZA")],
          "recipient": [actor("per:chahed", "يوسف الشاهد", "TUN")]}
    rec = make_record("same.txt", raw, events=[dict(ev, id="a"), dict(ev, id="b")],
                      entities=[{"id": "per:sellal", "name": "عبد المالك سلال", "country": "DZA"},
                                {"id": "per:chahed", "name": "يوسف الشاهد", "country": "TUN"}])
    store.ingest_record(rec)
    assert store.stats()["events"] == 2
    # a third report in another document joins exactly one of them
    store.ingest_record(make_record("other.txt", raw + " ", events=[dict(ev, id="c")],
                                    entities=[{"id": "per:sellal", "name": "عبد المالك سلال"}]))
    st = store.stats()
    assert st["events"] == 2 and st["sources"] == 3 and st["events_merged"] == 1


def test_dedup_tolerance_and_place_rules(store_url, make_record):
    s = open_store(store_url, settings=DedupSettings(date_tolerance_days=0))
    ev = {"event": ["CONSULT"], "date": "2017-03-09", "source": [actor(None, "الجزائر", "DZA")],
          "recipient": [actor(None, "تونس", "TUN")], "event_loc": TUNIS}
    s.ingest_record(make_record("a.txt", "a", events=[ev]))
    s.ingest_record(make_record("b.txt", "b", events=[dict(ev, date="2017-03-10")]))  # outside ±0
    assert s.stats()["events"] == 2
    s.ingest_record(make_record("c.txt", "c", events=[dict(ev, event_loc=None)]))  # place missing
    s.ingest_record(make_record("d.txt", "d", events=[dict(ev, event_loc={
        "name": "Algiers", "cc3": "DZA", "latitude": 36.75, "longitude": 3.04})]))  # other place
    s.ingest_record(make_record("e.txt", "e", events=[dict(ev, event=["AGREE"])]))  # other category
    s.ingest_record(make_record("f.txt", "f", events=[dict(ev, date="2017-03", date_precision="month")]))
    st = s.stats()
    # c joins a; f (whole March) joins a too; d and e stand alone
    assert st["events"] == 4 and st["sources"] == 6
    s.close()


def test_events_filters(store, records):
    _ingest(store, records, "3850", "7141", "7158", "002", "003")
    assert len(store.events()) == 5
    assert {e.date for e in store.events(countries=["IRN"])} == {"2023-09-19", "2024-04-26"}
    assert len(store.events(countries=["RUS", "IRN"])) == 2
    assert store.events(countries=["RUS", "TUN"]) == []
    assert len(store.events(countries=["tun"])) == 3
    assert len(store.events(category="CONSULT")) == 5
    assert store.events(category="SANCTION") == []
    assert len(store.events(person="per:sellal")) == 3
    assert len(store.events(person="شويغو")) == 2
    assert len(store.events(person="السبسي")) == 1
    assert len(store.events(since="2024-01-01")) == 1
    assert len(store.events(until="2017-12-31")) == 3
    assert len(store.events(since="2017-03-09", until="2017-03-09")) == 3
    assert store.events(since="2017-03-10", until="2023-09-18") == []
    evs = store.events()
    assert [e.date for e in evs][:2] == ["2024-04-26", "2023-09-19"]  # newest first
    assert len(store.events(limit=2)) == 2 and store.events(limit=2, offset=4)[0].id == evs[4].id
    e = store.event(evs[0].id)
    for k in ("id", "event", "mode", "context", "date", "enddate", "date_precision", "source",
              "recipient", "event_loc", "confidence", "sources", "merged_reason"):
        assert k in e.model_dump()
    s = e.sources[0]
    assert set(s.model_dump()) >= {"doc_id", "path", "article_title", "event_text", "start", "end"}
    assert store.event("nope") is None


def test_dyads(store, records):
    _ingest(store, records, "3850", "7141", "7158", "002", "003")
    d = store.dyads()
    assert {(x["a"], x["b"], x["month"], x["count"]) for x in d} == {
        ("DZA", "TUN", "2017-03", 3), ("IRN", "RUS", "2023-09", 1), ("IRN", "RUS", "2024-04", 1)}
    assert d[0]["categories"] == {"CONSULT": 3}
    assert [x["month"] for x in store.dyads(countries=["IRN"])] == ["2023-09", "2024-04"]
    assert store.dyads(countries=["IRN", "TUN"]) == []
    assert len(store.dyads(since="2024-01-01")) == 1


def test_search_arabic_folding(store, records):
    _ingest(store, records, "002", "003", "3850")
    hits = store.search("اشتياني")
    arts = {h["doc_id"] for h in hits if h["kind"] == "article"}
    assert arts == {records["002"]["doc_id"], records["003"]["doc_id"]}
    ents = {h["entity_id"] for h in hits if h["kind"] == "entity"}
    assert {"per:ashtiani", "per:ashtiani-b"} <= ents
    for h in hits:
        assert set(h) >= {"kind", "doc_id", "path", "title", "snippet"}
    snips = [h["snippet"] for h in hits if h["kind"] == "article"]
    assert any("[آشتياني]" in s for s in snips) and any("[أشتياني]" in s for s in snips)
    # each spelling of the query finds both spellings in the text
    for q in ("آشتياني", "أشتياني", "اشتيانى"):
        assert {h["doc_id"] for h in store.search(q) if h["kind"] == "article"} == arts
    # taa marbuta / alef maqsura / hamza folding, multi-word AND
    assert {h["doc_id"] for h in store.search("العلاقات الثنائيه") if h["kind"] == "article"} == {
        records["3850"]["doc_id"]}
    assert any(h["kind"] == "entity" and h["entity_id"] == "per:shoigu" for h in store.search("Shoigu"))
    assert store.search("") == [] and store.search("!!!") == []
    assert store.search("كلمةغيرموجودة") == []
    assert len(store.search("ايران", limit=1)) == 1


def test_search_finds_clitic_forms_and_events(store, make_record):
    raw = "وصل وزير الخارجية لقطر أمس، ثم توجه بالسعودية إلى جدة. وقال إن العلاقات بقطر متينة."
    store.ingest_record(make_record("q.txt", raw, title="زيارة لقطر", events=[{
        "event": ["CONSULT"], "date": "2021-05-01", "event_text": "وصل وزير الخارجية لقطر أمس",
        "source": [{"entity": None, "actor_text": "وزير الخارجية العماني", "identifier_text": "وزير الخارجية العماني",
                    "code": "OMN", "sector": "GOV", "office": None}],
        "recipient": [{"entity": None, "actor_text": "قطر", "identifier_text": "قطر", "code": "QAT",
                       "sector": "GOV", "office": None}]}]))
    hits = store.search("قطر")
    assert {h["kind"] for h in hits} >= {"article", "event"}
    assert any(h["kind"] == "article" and "[لقطر]" in h["snippet"] or "[قطر]" in h["snippet"] for h in hits)
    assert any(h["kind"] == "article" for h in store.search("السعودية"))  # بالسعودية in the text
    ev = next(h for h in hits if h["kind"] == "event")
    assert ev["id"].startswith("ev-") and "CONSULT" in ev["title"]
    assert store.search("العماني")[0]["kind"] == "event"
