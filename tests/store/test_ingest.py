"""ingest(): skip/resume, per-document errors, SIGKILL safety; the CLI; the real extractor."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from marsad.ingest import IngestReport, estimate_total, ingest
from marsad.store import open_store

from . import fake_extract

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def _make_docs(d: Path, n: int, start: int = 0) -> None:
    d.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        (d / f"doc{i:04d}.txt").write_text(
            f"زيارة رقم {i} للوزير الأول الجزائري عبد المالك سلال إلى تونس\nنص الخبر {i}.", encoding="utf-8")


def test_ingest_skips_resumes_and_records_errors(store, tmp_path):
    docs = tmp_path / "docs"
    _make_docs(docs, 8)
    (docs / "doc0100.txt").write_text("BAD", encoding="utf-8")
    (docs / "doc0101.txt").write_text("RAISE", encoding="utf-8")
    (docs / "doc0102.txt").write_bytes(b"\xff\xfe not utf-8")
    ex = fake_extract.Extractor()
    rep = ingest([str(docs)], store, ex, progress=False, discover=fake_extract.discover)
    assert isinstance(rep, IngestReport)
    assert (rep.seen, rep.added, rep.errors, rep.skipped) == (11, 8, 3, 0)
    st = store.stats()
    assert st["documents"] == 8 and st["errors"] == 3 and st["events"] == 8 and st["sources"] == 8
    assert "extractor crashed" in {e["message"].split(": ", 1)[-1] for e in store.errors()}
    # rerun: stored documents are skipped without extraction; errored ones are retried
    ex2 = fake_extract.Extractor()
    rep2 = ingest([str(docs)], store, ex2, progress=False, discover=fake_extract.discover)
    assert (rep2.skipped, rep2.added, rep2.errors) == (8, 0, 3) and ex2.calls == 3
    assert store.stats() == st
    # fix one bad file, change one good file: added + replaced
    (docs / "doc0100.txt").write_text("عبد المالك سلال في تونس", encoding="utf-8")
    (docs / "doc0003.txt").write_text("عبد المالك سلال في تونس مجددا", encoding="utf-8")
    rep3 = ingest([str(docs)], store, fake_extract.Extractor(), progress=False,
                  discover=fake_extract.discover)
    assert (rep3.added, rep3.replaced, rep3.errors) == (1, 1, 2)
    st3 = store.stats()
    assert st3["documents"] == 9 and st3["errors"] == 2 and st3["events"] == 9


def test_ingest_progress_bar_to_stderr(store, tmp_path, capsys):
    _make_docs(tmp_path / "d", 3)
    assert estimate_total([str(tmp_path / "d")]) == 3
    ingest([str(tmp_path / "d")], store, fake_extract.Extractor(), progress=True,
           discover=fake_extract.discover)
    cap = capsys.readouterr()
    assert cap.out == "" and "3/3" in cap.err


SCRIPT = textwrap.dedent("""
    import sys
    sys.path.insert(0, {here!r})
    sys.path.insert(0, {root!r})
    import fake_extract
    from marsad.ingest import ingest
    from marsad.store import open_store
    store = open_store(sys.argv[1])
    rep = ingest([sys.argv[2]], store, fake_extract.Extractor(), progress=False,
                 discover=fake_extract.discover)
    print(rep.added, rep.skipped, rep.errors, flush=True)
""")


def test_sigkill_mid_run_then_resume(durable_url, tmp_path):
    n = 150
    docs = tmp_path / "docs"
    _make_docs(docs, n)
    script = tmp_path / "run_ingest.py"
    script.write_text(SCRIPT.format(here=str(HERE), root=str(ROOT)), encoding="utf-8")
    env = dict(os.environ, FAKE_EXTRACT_SLEEP="0.02", MARSAD_QUIET="1")
    proc = subprocess.Popen([sys.executable, str(script), durable_url, str(docs)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    observer = open_store(durable_url)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if observer.stats()["documents"] >= 20 or proc.poll() is not None:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "ingest finished before it could be killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        st = observer.stats()
        assert 20 <= st["documents"] < n
        # nothing half-written: every stored document has its article, mention, event source
        assert st["articles"] == st["documents"] == st["sources"] == st["events"]
        assert st["mentions"] == st["documents"]
        done = st["documents"]
    finally:
        observer.close()
    env["FAKE_EXTRACT_SLEEP"] = "0"
    out = subprocess.run([sys.executable, str(script), durable_url, str(docs)], env=env,
                         capture_output=True, text=True, timeout=300, check=True).stdout.split()
    added, skipped, errors = map(int, out)
    assert skipped == done and added == n - done and errors == 0
    s = open_store(durable_url)
    st = s.stats()
    assert st["documents"] == st["articles"] == st["events"] == st["sources"] == n
    keys = [d.doc_key for d in s.documents(limit=1000)]
    assert len(keys) == len(set(keys)) == n
    assert {Path(k).name for k in keys} == {f"doc{i:04d}.txt" for i in range(n)}
    s.close()


# ------------------------------------------------------------------ CLI

def _cli(argv, capsys):
    from marsad.cli_store import main

    rc = main(argv)
    return rc, capsys.readouterr()


def test_cli_commands(tmp_path, records, capsys, monkeypatch):
    db = str(tmp_path / "cli.db")
    s = open_store(db)
    for r in records.values():
        s.ingest_record(r)
    s.close()
    rc, cap = _cli(["stats", "--db", db], capsys)
    assert rc == 0 and json.loads(cap.out)["events"] == 5
    monkeypatch.setenv("MARSAD_DB", db)  # --db defaults to $MARSAD_DB
    rc, cap = _cli(["stats", "--format", "table"], capsys)
    assert rc == 0 and "documents" in cap.out
    rc, cap = _cli(["events", "--country", "IRN", "--format", "json"], capsys)
    assert rc == 0 and len(json.loads(cap.out)) == 2
    rc, cap = _cli(["events", "--person", "سلال", "--category", "CONSULT", "--since", "2017-01-01",
                    "--until", "2017-12-31", "--format", "plover"], capsys)
    assert rc == 0 and len(cap.out.splitlines()) == 3 and json.loads(cap.out.splitlines()[0])["id"]
    rc, cap = _cli(["events", "--format", "csv", "--limit", "2"], capsys)
    assert rc == 0 and len(cap.out.strip().splitlines()) == 3
    rc, cap = _cli(["events"], capsys)
    assert rc == 0 and "CONSULT" in cap.out
    rc, cap = _cli(["entities", "--type", "PER", "--q", "اشتياني", "--format", "json"], capsys)
    assert [e["id"] for e in json.loads(cap.out)] == ["per:ashtiani", "per:ashtiani-b"]
    rc, cap = _cli(["entities"], capsys)
    assert rc == 0 and "per:sellal" in cap.out
    rc, cap = _cli(["search", "أشتياني", "--format", "json", "--limit", "5"], capsys)
    assert rc == 0 and any(h["kind"] == "article" for h in json.loads(cap.out))
    rc, cap = _cli(["search", "اشتياني"], capsys)
    assert rc == 0 and "article" in cap.out
    rc, cap = _cli(["dyads", "--country", "IRN", "--format", "json"], capsys)
    assert [d["month"] for d in json.loads(cap.out)] == ["2023-09", "2024-04"]
    rc, cap = _cli(["dyads"], capsys)
    assert rc == 0 and "DZA" in cap.out
    for fmt in ("plover", "csv", "geojson", "gexf"):
        out = tmp_path / f"x.{fmt}"
        rc, cap = _cli(["export", "--format", fmt, "-o", str(out)], capsys)
        assert rc == 0 and out.stat().st_size > 0
    assert json.loads((tmp_path / "x.geojson").read_text())["type"] == "FeatureCollection"
    rc, cap = _cli(["entity", "--db", db, "merge", "per:ashtiani", "per:ashtiani-b"], capsys)
    assert rc == 0
    rc, cap = _cli(["entity", "alias", "add", "per:ashtiani", "اشتیانی", "--db", db], capsys)
    assert rc == 0
    rc, cap = _cli(["entity", "set", "per:ashtiani", "--office", "Minister of Defence", "--country", "IRN"],
                   capsys)
    assert rc == 0
    rc, cap = _cli(["entity", "set", "nobody", "--office", "x"], capsys)
    assert rc == 1 and "nobody" in cap.err
    rc, cap = _cli(["entity", "show", "per:ashtiani-b"], capsys)
    assert rc == 0 and json.loads(cap.out)["id"] == "per:ashtiani"
    s = open_store(db)
    assert s.entity_redirects() == {"per:ashtiani-b": "per:ashtiani"}
    assert s.curated_persons()[0]["aliases"] == ["محمد أشتياني", "اشتیانی"]
    s.close()


def test_cli_register_sets_func():
    import argparse

    from marsad.cli_store import register

    p = argparse.ArgumentParser()
    register(p.add_subparsers(dest="cmd"))
    for argv in (["ingest", "x", "--no-progress"], ["events"], ["entities"], ["search", "q"],
                 ["dyads"], ["stats"], ["export", "--format", "csv", "-o", "f"],
                 ["entity", "merge", "a", "b"], ["entity", "alias", "add", "a", "b"],
                 ["entity", "set", "a", "--office", "o"]):
        args = p.parse_args(argv)
        assert callable(args.func)
        assert hasattr(args, "db")


# ------------------------------------------------------------------ the real extractor

def test_real_extractor_ingest(tmp_path):
    extract = pytest.importorskip("marsad.extract")
    seeds = ROOT.parent / "shared" / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip("shared seeds not found")
    store = open_store(str(tmp_path / "real.db"))
    try:
        ex = extract.Extractor(extra_persons=store.curated_persons())
    except ImportError as e:  # the extractor is still being assembled
        pytest.skip(f"marsad.extract not usable yet: {e}")
    rep = ingest([str(seeds)], store, ex, progress=False)
    assert rep.seen == 5 and rep.added + rep.errors == 5
    assert store.stats()["errors"] == rep.errors  # every failure recorded, none aborted the run
    if rep.added == 0 and all(not m.startswith("store:") for _, m in rep.error_samples):
        pytest.skip(f"marsad.extract failed on every seed (not a store problem): {rep.error_samples[0]}")
    assert rep.added >= 4
    st = store.stats()
    assert st["documents"] == rep.added and st["articles"] >= rep.added
    rep2 = ingest([str(seeds)], store, extract.Extractor(extra_persons=store.curated_persons()),
                  progress=False)
    assert rep2.skipped == rep.added and store.stats() == st
    assert store.search("اشتياني")
    store.close()
