"""Document identity by content, the persistent person registry, source metadata and re-extraction,
with the real extraction pipeline over real Jawhara FM records."""
from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest

from marsad.cli_store import main as cli
from marsad.store import open_store
from marsad.store.documents import canonical_key

from .conftest import actor

ROOT = Path(__file__).resolve().parents[2]
JAWHARA = ROOT.parent / "shared" / "corpus" / "jawhara-ant-v1.jsonl.gz"
needs_corpus = pytest.mark.skipif(not JAWHARA.exists(), reason=f"corpus missing: {JAWHARA}")


def jawhara_lines(numbers: list[int]) -> list[bytes]:
    """Lines (1-based) of the Jawhara corpus, bytes as stored."""
    want = set(numbers)
    out: dict[int, bytes] = {}
    with gzip.open(JAWHARA, "rb") as fh:
        for n, line in enumerate(fh, 1):
            if n in want:
                out[n] = line
            if len(out) == len(want):
                break
    return [out[n] for n in numbers]


def _ingest(db: str, *paths: str, workers: int | None = None) -> None:
    extra = ["--workers", str(workers)] if workers else []
    assert cli(["ingest", *paths, "--db", db, "--no-progress", *extra]) == 0


def _dump(db: str) -> dict:
    """Documents, entities, mentions and events of a store, independent of paths and timing."""
    s = open_store(db)
    try:
        q = s._q
        return {
            "documents": sorted(r["doc_id"] for r in q("SELECT doc_id FROM documents")),
            "entities": sorted((r["id"], r["name"], r["country"]) for r in q(
                "SELECT id, name, country FROM entities")),
            "mentions": sorted((r["doc_id"], r["entity_id"], r["span_start"], r["span_end"]) for r in q(
                "SELECT d.doc_id, m.entity_id, m.span_start, m.span_end FROM mentions m "
                "JOIN documents d ON d.doc_key = m.doc_key")),
            "events": sorted((r["id"], r["category"], r["source_json"], r["recipient_json"], r["n_sources"])
                             for r in q("SELECT * FROM events")),
        }
    finally:
        s.close()


def test_canonical_key(tmp_path, monkeypatch):
    f = tmp_path / "d" / "a.jsonl"
    f.parent.mkdir()
    f.write_text("{}\n")
    monkeypatch.chdir(tmp_path)
    want = str(f.resolve()) + "#3"
    assert canonical_key("d/a.jsonl#3") == canonical_key("./d/a.jsonl#3") == canonical_key(f"{f}#3") == want
    assert canonical_key("d/../d/a.jsonl") == str(f.resolve())
    assert canonical_key("upload/x.txt") == "upload/x.txt"  # no such file: kept as given


@needs_corpus
def test_same_file_under_three_spellings_is_stored_once(tmp_path, monkeypatch):
    sample = tmp_path / "sample.jsonl"
    sample.write_bytes(b"".join(jawhara_lines(list(range(1, 13)))))
    db = str(tmp_path / "m.db")
    monkeypatch.chdir(tmp_path)
    _ingest(db, "sample.jsonl")
    s = open_store(db)
    first = s.stats()
    s.close()
    assert first["documents"] == 12
    for spelling in ("./sample.jsonl", str(sample)):
        _ingest(db, spelling)
        s = open_store(db)
        assert s.stats() == first
        s.close()
    s = open_store(db)
    doc = s.documents(limit=1)[0]
    # one canonical path per record, whatever the spelling
    assert s.document_paths(doc.doc_id) == [f"{sample.resolve()}#{doc.doc_key.rsplit('#', 1)[1]}"]
    s.close()


def test_same_bytes_in_two_files_is_one_document_with_two_paths(store, make_record, tmp_path):
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    raw = "نص الخبر نفسه"
    for p in (a, b):
        p.write_text(raw, encoding="utf-8")
    assert store.ingest_record(make_record(str(a), raw)) == "added"
    assert store.ingest_record(make_record(str(b), raw)) == "unchanged"
    rec = make_record(str(a), raw)
    assert store.stats()["documents"] == 1
    assert store.document_paths(rec["doc_id"]) == [str(a), str(b)]
    # a's bytes change: the old document stays (b still holds it), the new one is added
    assert store.ingest_record(make_record(str(a), raw + " محدث")) == "added"
    assert store.stats()["documents"] == 2
    assert store.document_paths(rec["doc_id"]) == [str(b)]
    # b changes too: nothing holds the first bytes any more, so that document goes
    assert store.ingest_record(make_record(str(b), raw + " ثانية")) == "replaced"
    assert store.stats()["documents"] == 2 and store.document(rec["doc_id"]) is None


def test_migration_folds_documents_stored_twice(tmp_path, records):
    """A store written before content identity may hold the same bytes under two keys."""
    import sqlite3

    db = str(tmp_path / "old.db")
    s = open_store(db)
    r = records["3850"]
    s.ingest_record(r)
    s.close()
    con = sqlite3.connect(db)
    con.execute("DROP INDEX documents_doc_id_unique")
    con.execute("INSERT INTO documents (doc_key, doc_id, path, raw_text, size, ingested_at) "
                "SELECT 'copy/' || doc_key, doc_id, path, raw_text, size, ingested_at FROM documents")
    con.execute("DELETE FROM migrations WHERE name = '003_identity'")
    for col in ("url", "record_id", "published", "pipeline", "pipeline_digest", "extracted_at"):
        con.execute(f"ALTER TABLE documents DROP COLUMN {col}")
    con.execute("ALTER TABLE curation DROP COLUMN actor")
    con.execute("ALTER TABLE curation DROP COLUMN old_value")
    for t in ("document_paths", "document_sources", "person_registry"):
        con.execute(f"DROP TABLE {t}")
    con.commit()
    assert con.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 2
    con.close()
    s = open_store(db)
    assert s.stats()["documents"] == 1
    assert len(s.document_paths(r["doc_id"])) == 2
    s.close()


@needs_corpus
def test_registry_ids_same_whether_ingested_together_or_apart(tmp_path):
    """Jawhara 402 says «كاميرون», 473 «جيمس كاميرون» (no KB person): one entity either way."""
    l402, l473 = jawhara_lines([402, 473])
    both = tmp_path / "both.jsonl"
    both.write_bytes(l402 + l473)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one.write_bytes(l402)
    two.write_bytes(l473)
    db_a, db_b = str(tmp_path / "a.db"), str(tmp_path / "b.db")
    _ingest(db_a, str(both))
    _ingest(db_b, str(one))
    _ingest(db_b, str(two))  # a new run: its linker starts from the store's registry
    da, db = _dump(db_a), _dump(db_b)
    assert da == db
    cam = [e for e in da["entities"] if "كاميرون" in (e[1] or "")]
    assert len(cam) == 1, cam
    s = open_store(db_b)
    assert [p["id"] for p in s.registry_persons() if "كاميرون" in p["name"]] == [cam[0][0]]
    s.close()


def test_store_resolves_registry_ids_of_records_extracted_apart(store, make_record):
    """Two workers minted two ids for one person; the writer gives the later one the first id."""
    raw1, raw2 = "التقى حسين العباسي السفير", "وقال العباسي إن"
    p1 = {"id": "per:aaaaaaaaaaaa", "name": "حسين العباسي", "country": "TUN", "surfaces": ["حسين العباسي"]}
    p2 = {"id": "per:bbbbbbbbbbbb", "name": "العباسي", "country": None, "surfaces": ["العباسي"]}
    store.ingest_record(make_record("a.txt", raw1, entities=[p1]))
    store.ingest_record(make_record("b.txt", raw2, entities=[p2]))
    ents = store.entities(type="PER")
    assert [e.id for e in ents] == ["per:aaaaaaaaaaaa"] and ents[0].documents == 2
    # another surname is another person
    store.ingest_record(make_record("c.txt", "محمد الطرابلسي", entities=[
        {"id": "per:cccccccccccc", "name": "محمد الطرابلسي", "surfaces": ["محمد الطرابلسي"]}]))
    assert {e.id for e in store.entities(type="PER")} == {"per:aaaaaaaaaaaa", "per:cccccccccccc"}


@needs_corpus
def test_source_metadata_and_reprocess_stale(tmp_path, monkeypatch):
    lines = jawhara_lines([3851, 7159])
    f = tmp_path / "j.jsonl"
    f.write_bytes(b"".join(lines))
    db = str(tmp_path / "m.db")
    _ingest(db, str(f))
    s = open_store(db)
    docs = s._q("SELECT doc_id, url, record_id, published, outlet, pipeline_digest FROM documents")
    assert len(docs) == 2
    recs = [json.loads(x) for x in lines]
    assert {d["url"] for d in docs} == {r.get("url") for r in recs}
    assert all(d["pipeline_digest"] for d in docs)
    evs = s.events(limit=None)
    assert evs and all(src.url for ev in evs for src in ev.sources)
    before = _dump(db)
    s.close()
    # nothing changed: nothing is stale
    assert cli(["reprocess", "--stale", "--db", db]) == 0
    # a stage version bump makes every document stale; re-extraction gives the same store
    from marsad.stages.link import LinkStage

    monkeypatch.setattr(LinkStage, "version", "99")
    s = open_store(db)
    from marsad.store.provenance import store_extractor, reprocess

    ext = store_extractor(s)
    assert len(s.stale_documents(ext.pipeline["digest"])) == 2
    rep = reprocess(s, ext, stale=True)
    assert (rep.considered, rep.reextracted, rep.errors) == (2, 2, 0)
    assert s.stale_documents(ext.pipeline["digest"]) == []
    s.close()
    assert _dump(db) == before


@needs_corpus
def test_ingest_after_an_upgrade_reextracts_stale_documents(tmp_path, monkeypatch, capsys):
    f = tmp_path / "j.jsonl"
    f.write_bytes(b"".join(jawhara_lines([3851, 7159, 7142])))
    db = str(tmp_path / "m.db")
    _ingest(db, str(f))
    before = _dump(db)
    _ingest(db, str(f))  # same pipeline: all skipped
    assert "3 skipped" in capsys.readouterr().err
    from marsad.stages.events import EventsStage

    monkeypatch.setattr(EventsStage, "version", EventsStage.version + "-bumped")
    _ingest(db, str(f), workers=1)  # the bump lives in this process only
    assert "3 replaced" in capsys.readouterr().err
    assert _dump(db) == before
    s = open_store(db)
    assert len({d["pipeline_digest"] for d in s._q("SELECT pipeline_digest FROM documents")}) == 1
    s.close()


def test_registry_id_does_not_depend_on_the_order_of_spellings(tmp_path, make_record):
    """«العباسي» then «حسين العباسي», or the other way round: one person, the fuller name's id."""
    from marsad.stages.entities import stable_id

    full = stable_id("per", "حسين العباسي|TUN")
    short = stable_id("per", "العباسي|TUN")

    def rec(path, raw, eid, name, with_event=False):
        evs = [{"event": ["CONSULT"], "date": "2020-01-02", "event_text": raw,
                "source": [actor(eid, name, "TUN")], "recipient": [actor(None, "قطر", "QAT")]}] if with_event else []
        return make_record(path, raw, entities=[{"id": eid, "name": name, "country": "TUN", "surfaces": [name]}],
                           events=evs)

    a = rec("a.txt", "استقبل العباسي سفير قطر", short, "العباسي", with_event=True)
    b = rec("b.txt", "قال حسين العباسي إن", full, "حسين العباسي")
    dumps = []
    for order in ((a, b), (b, a)):
        s = open_store(str(tmp_path / f"{len(dumps)}.db"))
        for r in order:
            s.ingest_record(dict(r))
        pers = s.entities(type="PER")
        assert [p.id for p in pers] == [full] and pers[0].documents == 2
        ev = s.events(limit=None)[0]
        assert ev.source[0].entity == full
        assert s.curation_log() == []  # a registry rename is no curation
        dumps.append(sorted((m["entity_id"], m["doc_key"]) for m in s._q("SELECT entity_id, doc_key FROM mentions")))
        s.close()
    assert dumps[0] == dumps[1]


@needs_corpus
def test_extract_db_prints_the_stores_ids(tmp_path, capsys):
    """`marsad extract --db` seeds its linker from the store: a later run prints the stored id."""
    from marsad.cli import main as marsad

    l402, l473 = jawhara_lines([402, 473])
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    one.write_bytes(l402)
    two.write_bytes(l473)
    db = str(tmp_path / "m.db")
    assert marsad(["extract", str(one), "--db", db]) == 0
    assert marsad(["extract", str(two), "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    ids = {e["id"] for line in out for e in json.loads(line)["entities"] if "كاميرون" in e["name"]}
    s = open_store(db)
    stored = [e.id for e in s.entities(type="PER", limit=500) if "كاميرون" in e.name]
    assert len(ids) == 1 and len(stored) == 1
    # the run that brought the fuller name printed the earlier id, which the store redirects
    assert s.entity(ids.pop()).id == stored[0]
    s.close()
    # later runs print the store's id
    assert marsad(["extract", str(one), "--db", db]) == 0
    out = capsys.readouterr().out.splitlines()
    assert {e["id"] for line in out for e in json.loads(line)["entities"] if "كاميرون" in e["name"]} == set(stored)


def test_stale_documents_are_exactly_those_of_another_pipeline(store, records):
    for n, (k, r) in enumerate(records.items()):
        store.ingest_record(dict(r, pipeline={"stages": {"events": "1" if n % 2 else "2"},
                                              "digest": "old" if n % 2 else "new"}))
    stale = {d["doc_id"] for d in store.stale_documents("new")}
    want = {r["doc_id"] for n, r in enumerate(records.values()) if n % 2}
    assert stale == want and len(want) == 2
    doc = store.document(next(iter(want)))
    assert doc.pipeline == {"events": "1"} and doc.pipeline_digest == "old"
