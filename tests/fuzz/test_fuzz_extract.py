"""Fuzzing on a small budget: the readers and decoder in-process, the whole command in a child, and
the reproducers of issue 14 as regression files. ``MARSAD_FUZZ_SEED`` picks other seeds; the full
run (>= 3,000 inputs, heavy ones included) is ``benchmarks/fuzz_extract.py``."""
import json
import os

import pytest

from marsad.extract import Extractor, discover

from .generator import GOOD, SEEDS, generate, write
from .harness import MOJIBAKE, Tally, judge, run_extract, summary

SEED = int(os.environ.get("MARSAD_FUZZ_SEED", "14"))
HERE = os.path.dirname(__file__)

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="../shared corpora not available")


def test_readers_and_decoder_are_total_on_generated_inputs(tmp_path):
    cases = generate(400, seed=SEED)
    paths = write(cases, tmp_path)
    ex = Extractor(stages=("read", "decode"))
    docs = [ex.process(d) for d in discover(paths)]  # nothing may raise
    by_key: dict[str, list] = {}
    prefix = str(tmp_path) + "/"
    for d in docs:
        by_key.setdefault(d.doc_key.removeprefix(prefix), []).append(d)
        assert d.doc_key.encode("utf-8")  # keys are valid Unicode, even for non-UTF-8 names
        if d.error:
            assert d.doc_key in d.error
        else:
            assert not any(m in d.raw for m in MOJIBAKE), d.doc_key
            assert "\x00" not in d.raw
            assert ("\ufffd" not in d.raw) or d.meta.get("warnings"), d.doc_key
    for c in cases:
        for k in c.keys or ():
            assert len(by_key.get(k, ())) == 1, (k, c.mutation)
        for k in c.good_keys:
            (d,) = by_key[k]
            assert d.error is None and not d.meta.get("warnings"), (k, d.error)


def test_whole_command_on_generated_inputs(tmp_path):
    cases = generate(50, seed=SEED + 1, n_good=10)
    paths = write(cases, tmp_path)
    res = run_extract(paths, timeout=120)
    tally = Tally()
    judge(cases, res, tmp_path, tally, label=f"seed {SEED + 1}")
    s = summary(tally)
    assert tally.good_docs >= 10
    assert (s["crashed runs"], s["good docs lost"], s["silent mojibake"], s["documents missing or doubled"],
            s["error records not naming their document"], s["tracebacks"]) == (0, 0, 0, 0, 0, 0), tally.problems
    assert s["error records"] > 0 and s["peak RSS MB"] <= 600


def test_issue_14_reproducers(tmp_path):
    folder = os.path.join(HERE, "regressions")
    expected = json.load(open(os.path.join(folder, "expected.json"), encoding="utf-8"))
    html = tmp_path / "html-unclosed.html"  # 335 KB: made here, not stored
    html.write_text("<html><title>" + "<h1>عنوان " * 20000 + "<title>" * 5000, "utf-8")
    names = sorted(n for n in os.listdir(folder) if n != "expected.json")
    res = run_extract([os.fsencode(os.path.join(folder, n)) for n in names] + [os.fsencode(html)], timeout=120)
    assert res.rc == 0 and b"Traceback" not in res.stderr, res.stderr[-2000:]
    recs = {}
    for line in res.stdout.decode("utf-8").splitlines():
        r = json.loads(line)
        recs.setdefault(r["path"].rsplit("/", 1)[-1], []).append(r)
    assert len(recs["html-unclosed.html"]) == 1 and res.seconds < 60
    for name, exp in expected.items():
        if "last_error" in exp:  # a corrupt stream: the records before the break, then one error
            got = [r for k, v in recs.items() if k.startswith(name + "#") for r in v]
            assert exp["last_error"] in got[-1]["error"], name
            assert len(got) > exp["ok_first"] and all("error" not in r for r in got[:exp["ok_first"]]), name
            continue
        (r,) = recs[name]
        if "error" in exp:
            assert exp["error"] in r.get("error", ""), (name, r)
            continue
        assert "error" not in r, (name, r["error"])
        if "warning" in exp:
            assert any(exp["warning"] in w for w in r.get("warnings", [])), (name, r.get("warnings"))
        if "published" in exp:
            assert all(a["published"] == exp["published"] for a in r["articles"]), name
        if "starts" in exp:
            assert r["articles"][0]["text"].startswith(exp["starts"]), name
