"""Parallel and distributed ingest (marsad.parallel): the same records and store as one process,
resumable after a kill; Dask with a real scheduler and two worker processes on PostgreSQL."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from marsad.doc import Document
from marsad.extract import Extractor, discover
from marsad.ingest import ingest
from marsad.parallel import Reconciler, Spec, WorkerExtractor, _stage
from marsad.stages.read import identify
from marsad.store import open_store

HERE = Path(__file__).resolve().parent
DOCS = HERE / "test_parallel_docs.jsonl"  # Jawhara records whose unknown persons recur across documents
PG = os.environ.get("MARSAD_TEST_PG") or "postgresql://postgres@127.0.0.1:5432/test"


def _stubs(paths):
    return [identify(d) for d in discover([str(p) for p in paths])]


def _txt(key: str, text: str) -> Document:
    return identify(Document(doc_key=key, path=key, raw_bytes=text.encode("utf-8"), kind="txt"))


def test_worker_records_settled_in_order_equal_sequential_records():
    seq = Extractor()
    expected = [seq.run(s) for s in _stubs([DOCS])]
    worker = WorkerExtractor(Spec())
    recon = Reconciler(make_extractor=Extractor)
    got = [recon.settle(s, worker.run(s)) for s in _stubs([DOCS])]
    assert got == expected
    # the worker alone (empty registry per document) gives other ids: the renaming did the work
    assert recon.renamed >= 3 and recon.reextracted == 0
    ids = [e["id"] for r in expected for e in r.get("entities", []) if e["id"].startswith("per:")]
    assert len(ids) > len(set(ids))  # one person id shared by several documents


def test_a_merge_the_worker_could_not_see_is_extracted_again_by_the_writer():
    text = "قال المحلل الزغلامي إن الحكومة تواجه أزمة وقال سامي الزغلامي ذلك ثم قال محمد الزغلامي شيئا آخر."
    seed = (["الزغلامي"], "per:000000000001", None)  # a bare surname from earlier: both persons match it
    seq = Extractor()
    _stage(seq, "link").registry = {"الزغلامي": [seed]}
    expected = seq.run(_txt("x", text))
    recon = Reconciler(make_extractor=Extractor, registry={"الزغلامي": [seed]})
    got = recon.settle(_txt("x", text), WorkerExtractor(Spec()).run(_txt("x", text)))
    assert got == expected
    assert recon.reextracted == 1
    assert "per:000000000001" in {e["id"] for e in got["entities"]}


def _dump(db: str) -> dict[str, list]:
    skip = {"ingested_at", "at", "applied_at", "first_seen", "added_at", "extracted_at", "seq"}
    c = sqlite3.connect(db)
    out = {}
    for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'search_fts%' "
                          "AND name NOT LIKE 'sqlite_%'"):
        cols = [r[1] for r in c.execute(f"PRAGMA table_info({t})") if r[1] not in skip]
        cols = [x for x in cols if x != "id"] if t not in ("entities", "events") else cols
        out[t] = sorted(repr(r) for r in c.execute(f"SELECT {','.join(cols)} FROM {t}"))
    c.close()
    return out


def test_two_workers_store_equals_one_process_store(tmp_path):
    one, two = str(tmp_path / "one.db"), str(tmp_path / "two.db")
    for db, workers in ((one, 1), (two, 2)):
        store = open_store(db)
        rep = ingest([str(DOCS)], store, Extractor(extra_persons=store.curated_persons()), progress=False,
                     workers=workers, batch=3, chunk=2)
        assert (rep.seen, rep.added, rep.errors) == (8, 8, 0)
        store.close()
    a, b = _dump(one), _dump(two)
    assert a == b and len(a["entities"]) > 10 and a["documents"]
    # a rerun skips everything without extracting
    store = open_store(two)
    rep = ingest([str(DOCS)], store, Extractor(), progress=False, workers=2)
    assert (rep.skipped, rep.added) == (8, 0)
    store.close()


def test_parallel_ingest_killed_then_resumed_stores_everything_once(tmp_path):
    corpus = tmp_path / "c.jsonl"
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    # the same records under other keys and bytes: 8 x 12 documents
    import json

    with corpus.open("w", encoding="utf-8") as fh:
        for k in range(12):
            for line in lines:
                rec = json.loads(line)
                rec["id"] = f"{rec.get('id')}-{k}"
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    db = str(tmp_path / "k.db")
    cmd = [sys.executable, "-m", "marsad", "ingest", str(corpus), "--db", db, "--workers", "2",
           "--batch", "4", "--no-progress"]
    env = dict(os.environ, MARSAD_QUIET="1")
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    observer = open_store(db)
    try:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and proc.poll() is None:
            if observer.stats()["documents"] >= 12:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "ingest finished before it could be killed"
        os.killpg(proc.pid, signal.SIGKILL)  # the writer and its workers
        proc.wait(timeout=30)
        done = observer.stats()["documents"]
        assert 12 <= done < 96
    finally:
        observer.close()
    subprocess.run(cmd, env=env, check=True, timeout=600, capture_output=True)
    ref = str(tmp_path / "ref.db")
    subprocess.run(cmd[:5] + ["--db", ref, "--workers", "1", "--no-progress"], env=env, check=True,
                   timeout=600, capture_output=True)
    got, want = _dump(db), _dump(ref)
    assert len(got["documents"]) == 96
    for table in ("documents", "articles", "mentions", "events", "event_actors", "search_docs"):
        assert got[table] == want[table], table


def _pg_or_skip() -> str:
    try:
        import psycopg

        with psycopg.connect(PG, connect_timeout=3) as c:
            c.execute("SELECT 1")
    except Exception as e:  # noqa: BLE001
        pytest.skip(f"PostgreSQL not reachable at {PG}: {e}")
    return PG


def _pg_dump(url: str) -> dict[str, list]:
    import psycopg

    base, _, schema = url.partition("?schema=")
    skip = {"ingested_at", "at", "applied_at", "first_seen", "added_at", "extracted_at", "seq", "tsv"}
    out = {}
    with psycopg.connect(base) as c:
        tables = [r[0] for r in c.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s",
                                          (schema,))]
        for t in tables:
            cols = [r[0] for r in c.execute("SELECT column_name FROM information_schema.columns WHERE "
                                            "table_schema = %s AND table_name = %s", (schema, t)) if r[0] not in skip]
            cols = [x for x in cols if x != "id"] if t not in ("entities", "events") else cols
            out[t] = sorted(repr(r) for r in c.execute(f'SELECT {",".join(cols)} FROM "{schema}"."{t}"'))
    return out


@pytest.mark.postgres
def test_dask_scheduler_and_two_worker_processes_store_equals_sequential_postgres():
    distributed = pytest.importorskip("distributed")
    base = _pg_or_skip()
    schemas = [f"t15_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    urls = [f"{base}?schema={s}" for s in schemas]
    try:
        store = open_store(urls[0])
        ingest([str(DOCS)], store, Extractor(), progress=False, workers=1)
        store.close()
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster:
            store = open_store(urls[1])
            rep = ingest([str(DOCS)], store, Extractor(), progress=False, dask=cluster.scheduler_address,
                         batch=3, chunk=1)
            store.close()
            assert (rep.added, rep.errors) == (8, 0)
        a, b = _pg_dump(urls[0]), _pg_dump(urls[1])
        assert a == b and a["entities"] and a["documents"]
    finally:
        import psycopg

        with psycopg.connect(base, autocommit=True) as c:
            for s in schemas:
                c.execute(f'DROP SCHEMA IF EXISTS "{s}" CASCADE')


@pytest.mark.parametrize("workers", [1, 2])
def test_a_document_given_twice_in_one_run_is_stored_once(tmp_path, workers):
    store = open_store(str(tmp_path / "twice.db"))
    rep = ingest([str(DOCS), str(DOCS)], store, Extractor(), progress=False, workers=workers, batch=50)
    assert (rep.seen, rep.added, rep.skipped, rep.errors) == (16, 8, 8, 0)
    assert store.stats()["documents"] == 8
    store.close()
