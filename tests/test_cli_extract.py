"""`marsad extract` as a user runs it: JSON Lines per CONTRACT.md, errors per document, exit codes."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / ".." / "shared" / "corpus" / "seeds"
CORPUS = ROOT / ".." / "shared" / "corpus" / "jawhara-ant-v1.jsonl.gz"


def extract(*paths):
    return subprocess.run([sys.executable, "-m", "marsad", "extract", *map(str, paths)],
                          capture_output=True, text=True, cwd=ROOT)


def test_records_follow_the_contract(tmp_path):
    page = tmp_path / "page.txt"
    page.write_text("الأحد 2018/04/15\n\nاستقبل العاهل الأردني الملك عبد الله الثاني، اليوم الأحد في عمان، وزير "
                    "الخارجية الأمريكي مايك بومبيو، وبحث معه تطورات الأوضاع في المنطقة.\n", "utf-8")
    res = extract(page)
    assert res.returncode == 0
    (rec,) = [json.loads(line) for line in res.stdout.splitlines()]
    assert set(rec) >= {"doc_id", "path", "articles", "entities", "events"}
    assert len(rec["doc_id"]) == 40
    raw = page.read_text("utf-8")
    for ent in rec["entities"]:
        assert ent["type"] in {"PER", "ORG", "GPE", "LOC", "FAC", "WEAPON", "EVENT", "DATE"}
        for m in ent["mentions"]:
            assert raw[m["start"]:m["end"]] == m["text"]
    (ev,) = rec["events"]
    assert ev["event"] == ["CONSULT"] and ev["date"] == "2018-04-15"
    assert {"entity", "actor_text", "identifier_text", "code", "sector", "office"} <= set(ev["source"][0])
    assert raw[ev["text_info"]["start"]:ev["text_info"]["end"]] == ev["event_text"][0]
    ids = {e["id"] for e in rec["entities"]}
    assert all(a["entity"] in ids for a in ev["source"] + ev["recipient"] if a["entity"] and not a["entity"].startswith("gpe:"))


def test_bad_documents_are_reported_and_exit_code_follows_successes(tmp_path):
    (tmp_path / "bad.json").write_text("{", "utf-8")
    (tmp_path / "empty.txt").write_text("", "utf-8")
    res = extract(tmp_path / "bad.json", tmp_path / "empty.txt")
    assert res.returncode == 1
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert [("error" in r) for r in recs] == [True, True]
    assert "bad.json" in res.stderr and "empty.txt" in res.stderr
    good = tmp_path / "good.txt"
    good.write_text("قال وزير الخارجية إن المحادثات مع الجانب الفرنسي كانت مثمرة وتناولت التعاون الثنائي.", "utf-8")
    res = extract(tmp_path / "bad.json", good)
    assert res.returncode == 0
    assert [("error" in json.loads(line)) for line in res.stdout.splitlines()] == [True, False]


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared seeds not available")
def test_same_person_same_id_across_seed_documents():
    res = extract(SEEDS)
    ids = {}
    for line in res.stdout.splitlines():
        rec = json.loads(line)
        for e in rec["entities"]:
            if e["type"] == "PER" and e["id"] == "kb:ashtiani_mohammadreza":
                ids.setdefault(e["id"], set()).add(rec["path"])
    assert len(ids) == 1 and len(next(iter(ids.values()))) == 3


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="Jawhara corpus not available")
def test_whole_jawhara_corpus_processes_without_crash():
    from marsad.extract import Extractor, discover

    ex = Extractor(stages=("read", "decode", "clean", "metadata", "normalise"))
    n = errors = 0
    for doc in discover([str(CORPUS)]):
        doc = ex.process(doc)
        n += 1
        if doc.error:
            errors += 1
            assert "no text" in doc.error  # the only bad records are the ones with an empty body
    assert n == 10159 and errors < 50


def test_min_confidence_filters_printed_events(tmp_path):
    import json
    import subprocess
    import sys
    page = tmp_path / "p.txt"
    page.write_text("الثلاثاء 2024/03/05\n\nاستقبل الرئيس التونسي قيس سعيد وزير الخارجية الإيطالي أنطونيو تاياني "
                    "في قصر قرطاج.\n", "utf-8")
    def events(*flags):
        out = subprocess.run([sys.executable, "-m", "marsad", "extract", str(page), *flags], capture_output=True,
                             text=True, check=True).stdout
        return json.loads(out)["events"]
    everything = events("--min-confidence", "0")
    assert everything and not events("--min-confidence", "1")
    assert all(e["confidence"] >= 0.3 for e in events("--min-confidence", "0.3"))
    bad = subprocess.run([sys.executable, "-m", "marsad", "extract", str(page), "--min-confidence", "1.5"],
                         capture_output=True, text=True)
    assert bad.returncode == 2 and "between 0 and 1" in bad.stderr
