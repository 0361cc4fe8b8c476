"""Scale-out figures in one run, as ratios (issue 15): whole pipeline / foundation floor, ingest with
N workers / 1 worker, Dask / local pool, RSS after 1k and 10k documents, articles/s per core.

    python benchmarks/bench_scale.py [--corpus PATH ...] [--limit N] [--workers N] [--pg URL]
                                     [--skip foundation,rss,ingest,pg,dask] [--repeat R]
    python benchmarks/bench_scale.py --scale 100000 [--every 5000] [--workers N] [--db URL]
                                     --corpus A.jsonl.gz --corpus B.jsonl.gz
    python benchmarks/bench_scale.py --dask-compare [--limit N] [--workers N] [--pg URL]

``--scale N`` runs only the flat-memory ingest: the records of every ``--corpus`` concatenated and
repeated (copies after the first with other ids) up to N documents, ingested by ``marsad.ingest`` in
this process (one writer, ``--workers`` extracting) into a fresh SQLite store (or ``--db``), printing
every ``--every`` stored documents the seconds, documents/s, and the resident memory of the writer, of
its worker processes and of both.

``--dask-compare`` runs only the cluster check: ``marsad ingest --workers 1`` into one PostgreSQL schema,
then a ``dask scheduler`` and ``--workers`` ``dask worker`` processes (one thread each) started here and
``marsad ingest --dask tcp://…`` into another; prints both times and whether every table holds the same
rows (timestamps and row numbers aside; entity and event ids compared).

Everything is measured in this run on this machine, so the ratios are comparable even when other
processes share the cores (the absolute figures are not): run it twice and compare. Timings are
wall clock; "per core" divides by the worker count. Ingest runs the ``marsad ingest`` command in a
subprocess on a fresh store each time (SQLite in a temporary folder; PostgreSQL in a schema of its
own, dropped afterwards). Figures, not assertions.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "jawhara-ant-v1.jsonl.gz"
FOUNDATION = ("read", "decode", "clean", "metadata", "normalise")


def rss_mb() -> float:
    """Current resident memory of this process, MB (``/proc/self/statm``)."""
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _records(corpus: str, limit: int) -> list[bytes]:
    opener = gzip.open if corpus.endswith(".gz") else open
    out = []
    with opener(corpus, "rb") as fh:
        for line in fh:
            if line.strip():
                out.append(line)
                if limit and len(out) >= limit:
                    break
    return out


def _corpus_file(lines: list[bytes], folder: str, repeat: int = 1, total: int = 0) -> str:
    """The records as one JSON Lines file; copies after the first get other ids and bytes. With
    ``total``, as many copies as reach ``total`` records, the last one cut there."""
    if total:
        repeat = -(-total // len(lines))
    path = os.path.join(folder, f"corpus-{len(lines)}x{repeat}.jsonl")
    with open(path, "wb") as fh:
        for r in range(repeat):
            for line in lines[:total - r * len(lines)] if total else lines:
                if r:
                    rec = json.loads(line)
                    rec["id"] = f"{rec.get('id')}~{r}"
                    line = (json.dumps(rec, ensure_ascii=False) + "\n").encode("utf-8")
                fh.write(line if line.endswith(b"\n") else line + b"\n")
    return path


def in_process(path: str, stages: tuple[str, ...] | None, every: int = 0) -> dict:
    """Extract ``path`` in this process: articles, seconds, RSS every ``every`` documents."""
    from marsad.extract import DEFAULT_STAGES, Extractor, discover

    t0 = time.perf_counter()
    ex = Extractor(stages=stages or DEFAULT_STAGES)
    load = time.perf_counter() - t0
    n = articles = 0
    rss: dict[int, float] = {}
    t1 = time.perf_counter()
    for doc in discover([path]):
        doc = ex.process(doc)
        n += 1
        articles += len(doc.articles)
        if every and n % every == 0:
            rss[n] = rss_mb()
            print(f"  rss after {n:>7,d} documents: {rss[n]:.0f} MB", flush=True)
    return {"docs": n, "articles": articles, "seconds": time.perf_counter() - t1, "load": load, "rss": rss}


def _pss_mb(pid: int) -> float:
    """Proportional resident memory of process ``pid`` (pages shared with its forks counted once
    among them), MB, from ``/proc/PID/smaps_rollup``; 0 when it has ended."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _descendants(pid: int) -> list[int]:
    """The processes forked by ``pid`` and theirs (``/proc``)."""
    out = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as fh:
                out += [int(x) for x in fh.read().split()]
    except OSError:  # ended meanwhile
        return out
    return out + [d for kid in out for d in _descendants(kid)]


def scale_ingest(path: str, db: str, workers: int, every: int) -> dict[int, tuple[float, float, float]]:
    """Ingest ``path`` into ``db`` in this process with ``workers`` extracting; every ``every`` stored
    documents print and keep ``(seconds, writer MB, workers MB)``: proportional set sizes, so pages the
    forked workers share with the writer count once."""
    from marsad.ingest import ingest
    from marsad.store import open_store
    from marsad.store.provenance import store_extractor

    store = open_store(db)
    extractor = store_extractor(store)
    store.expect_pipeline(extractor.pipeline["digest"])
    seen: dict[int, tuple[float, float, float]] = {}
    t0, n = time.perf_counter(), 0
    print(f"{'stored':>8} {'seconds':>8} {'docs/s':>7} {'writer RSS':>10} {'writer PSS':>10} {'workers PSS':>11} {'total PSS':>9}  (MB)", flush=True)

    def tick(rec: dict, status: str) -> None:
        nonlocal n
        n += 1
        if n % every == 0:
            dt, mine, kids = time.perf_counter() - t0, _pss_mb(os.getpid()), sum(map(_pss_mb, _descendants(os.getpid())))
            seen[n] = (dt, mine, kids)
            print(f"{n:8,d} {dt:8.0f} {n / dt:7.1f} {rss_mb():10.0f} {mine:10.0f} {kids:11.0f} {mine + kids:9.0f}",
                  flush=True)

    try:
        rep = ingest([path], store, extractor, progress=False, workers=workers, on_record=tick)
    finally:
        store.close()
    print(rep.summary())
    return seen


def ingest_cli(path: str, db: str, workers: int, dask: str | None = None) -> dict:
    """``marsad ingest`` in a subprocess; wall seconds and its JSON report."""
    cmd = [sys.executable, "-m", "marsad", "ingest", path, "--db", db, "--no-progress", "--format", "json",
           "--workers", str(workers)]
    if dask:
        cmd += ["--dask"] if dask == "local" else ["--dask", dask]
    import resource

    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, MARSAD_QUIET="1"))
    dt = time.perf_counter() - t0
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (r1.ru_utime + r1.ru_stime) - (r0.ru_utime + r0.ru_stime)  # the run and its reaped workers
    if out.returncode not in (0, 1):
        raise RuntimeError(f"ingest failed ({out.returncode}): {out.stderr[-2000:]}")
    rep = json.loads(out.stdout) if out.stdout.strip() else {}
    return {"seconds": dt, "cpu": cpu, "report": rep}


def sqlite_tables(db: str) -> dict[str, list[str]]:
    """Every table of a SQLite store as sorted row reprs, without timestamps and row numbers."""
    import sqlite3

    skip = {"ingested_at", "at", "applied_at", "first_seen", "added_at", "extracted_at", "seq"}
    c = sqlite3.connect(db)
    out = {}
    for (t,) in c.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'search_fts%' "
                          "AND name NOT LIKE 'sqlite_%'"):
        cols = [r[1] for r in c.execute(f"PRAGMA table_info({t})") if r[1] not in skip
                and (r[1] != "id" or t in ("entities", "events"))]
        out[t] = sorted(repr(r) for r in c.execute(f"SELECT {','.join(cols)} FROM {t}"))
    c.close()
    return out


def pg_tables(url: str) -> dict[str, list[str]]:
    """Every table of the PostgreSQL schema named in ``url`` (``?schema=``) as sorted row reprs, without
    timestamps, row numbers and search vectors."""
    import psycopg

    base, _, schema = url.partition("?schema=")
    skip = {"ingested_at", "at", "applied_at", "first_seen", "added_at", "extracted_at", "seq", "tsv"}
    out = {}
    with psycopg.connect(base) as c:
        q = "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = %s ORDER BY ordinal_position"
        cols: dict[str, list[str]] = {}
        for t, col in c.execute(q, (schema,)):
            if col not in skip and (col != "id" or t in ("entities", "events")):
                cols.setdefault(t, []).append(col)
        for t, cs in cols.items():
            out[t] = sorted(repr(r) for r in c.execute(f'SELECT {",".join(cs)} FROM "{schema}"."{t}"'))
    return out


def dask_compare(path: str, pg: str, workers: int) -> dict[str, float]:
    """Sequential ingest and ingest on a local Dask scheduler with ``workers`` worker processes, each into
    a fresh schema of ``pg``: seconds, and 1.0 when the two stores hold the same rows."""
    import socket

    with socket.socket() as sk:
        sk.bind(("127.0.0.1", 0))
        port = sk.getsockname()[1]
    dask = os.path.join(os.path.dirname(sys.executable), "dask")
    schemas = [f"bench_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    procs: list[subprocess.Popen] = []
    res: dict[str, float] = {}
    try:
        seq = ingest_cli(path, f"{pg}?schema={schemas[0]}", 1)
        res["postgres ingest sequential s"] = seq["seconds"]
        address = f"tcp://127.0.0.1:{port}"
        log = open(os.devnull, "w")
        procs.append(subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                       "--dashboard-address", ":0"], stdout=log, stderr=log))
        procs += [subprocess.Popen([dask, "worker", address, "--nworkers", "1", "--nthreads", "1",
                                    "--dashboard-address", ":0"], stdout=log, stderr=log) for _ in range(workers)]
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(workers, timeout=120)
        dk = ingest_cli(path, f"{pg}?schema={schemas[1]}", workers, dask=address)
        res[f"postgres ingest dask scheduler + {workers} workers s"] = dk["seconds"]
        a, b = pg_tables(f"{pg}?schema={schemas[0]}"), pg_tables(f"{pg}?schema={schemas[1]}")
        res["stores equal (sequential vs dask): 1 = yes"] = float(a == b)
        print(f"sequential: {seq['report'].get('added')} added; dask: {dk['report'].get('added')} added, "
              f"{dk['report'].get('reextracted', 0)} re-extracted, {dk['report'].get('renamed', 0)} renamed; "
              f"rows per table {dict((t, len(v)) for t, v in sorted(a.items()))}")
        for t in sorted(set(a) | set(b)):
            if a.get(t) != b.get(t):
                print(f"  table {t} differs: {len(a.get(t, []))} vs {len(b.get(t, []))} rows")
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            p.wait(timeout=30)
        for s in schemas:
            _drop_schema(pg, s)
    return res


def _drop_schema(base: str, schema: str) -> None:
    import psycopg

    with psycopg.connect(base, autocommit=True) as c:
        c.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", help="JSON Lines corpus (repeatable: concatenated); "
                    "default: the Jawhara corpus")
    ap.add_argument("--limit", type=int, default=0, help="first N records (0: all)")
    ap.add_argument("--workers", type=int, default=0, help="N for the N-worker runs (default: the cores)")
    ap.add_argument("--pg", default=os.environ.get("MARSAD_TEST_PG") or "postgresql://postgres@127.0.0.1:5432/test")
    ap.add_argument("--skip", default="", help="comma-separated parts to skip: foundation,rss,ingest,pg,dask")
    ap.add_argument("--repeat", type=int, default=1, help="the RSS run reads the corpus this many times")
    ap.add_argument("--scale", type=int, default=0, metavar="N", help="only the flat-memory ingest of N documents")
    ap.add_argument("--every", type=int, default=5000, help="--scale: print memory every this many documents")
    ap.add_argument("--db", help="--scale: the store (default: a fresh SQLite file in a temporary folder)")
    ap.add_argument("--dask-compare", action="store_true", help="only the Dask scheduler + workers vs sequential check")
    args = ap.parse_args()
    corpora = args.corpus or [str(CORPUS)]
    from marsad.parallel import default_workers

    skip = set(filter(None, args.skip.split(",")))
    workers = args.workers or default_workers()
    tmp = tempfile.mkdtemp(prefix="marsad-bench-")
    lines = [line for c in corpora for line in _records(c, args.limit)]
    print(f"corpus {' + '.join(corpora)}: {len(lines):,d} records; {workers} workers; {os.cpu_count()} cores seen")
    if args.scale:
        try:
            path = _corpus_file(lines, tmp, total=args.scale)
            seen = scale_ingest(path, args.db or os.path.join(tmp, "scale.db"), workers, args.every)
            if seen:
                first, last = seen[min(seen)], seen[max(seen)]
                print(f"total PSS after {max(seen):,d} / after {min(seen):,d} documents: "
                      f"{(last[1] + last[2]) / (first[1] + first[2]):.2f}; writer alone {last[1] / first[1]:.2f}")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return 0
    path = _corpus_file(lines, tmp)
    res: dict[str, float] = {}
    if args.dask_compare:
        try:
            res = dask_compare(path, args.pg, workers)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        for k, v in res.items():
            print(f"{k:45s} {v:10.2f}")
        return 0
    try:
        if "foundation" not in skip:
            f = in_process(path, FOUNDATION)
            w = in_process(path, None)
            res["whole/foundation"] = w["seconds"] / f["seconds"]
            res["articles/s per core (whole, in process)"] = w["articles"] / w["seconds"]
            res["extractor start-up s"] = w["load"]
            print(f"foundation {f['articles'] / f['seconds']:.0f} articles/s, whole {w['articles'] / w['seconds']:.0f} "
                  f"articles/s (one core), start-up {w['load']:.2f} s")
        if "rss" not in skip:
            rpath = _corpus_file(lines, tmp, args.repeat) if args.repeat > 1 else path
            r = in_process(rpath, None, every=1000)
            first, last = r["rss"].get(1000), r["rss"].get(max(r["rss"]) if r["rss"] else 0)
            if first and last:
                res["RSS 1k MB"], res[f"RSS {max(r['rss']) // 1000}k MB"] = first, last
                res["RSS last/1k"] = last / first
        if "ingest" not in skip:
            one = ingest_cli(path, os.path.join(tmp, "w1.db"), 1)
            many = ingest_cli(path, os.path.join(tmp, f"w{workers}.db"), workers)
            res["sqlite ingest 1 worker s"], res[f"sqlite ingest {workers} workers s"] = one["seconds"], many["seconds"]
            res[f"{workers} workers / 1 (throughput)"] = one["seconds"] / many["seconds"]
            # on cores shared with other work the wall ratio understates the pool: CPU-s per run
            # (workers included) shows what parallelism costs, wall/CPU how much of the cores the run got
            res["sqlite ingest 1 worker CPU s"], res[f"sqlite ingest {workers} workers CPU s"] = one["cpu"], many["cpu"]
            res[f"{workers} workers CPU / 1 worker CPU"] = many["cpu"] / one["cpu"]
            res[f"cores used by the {workers}-worker run"] = many["cpu"] / many["seconds"]
            a, b = sqlite_tables(os.path.join(tmp, "w1.db")), sqlite_tables(os.path.join(tmp, f"w{workers}.db"))
            res[f"stores equal (1 vs {workers} workers): 1 = yes"] = float(a == b)
            res["sqlite articles/s per core"] = len(lines) / many["seconds"] / workers
            print(f"sqlite ingest: 1 worker {one['seconds']:.1f} s, {workers} workers {many['seconds']:.1f} s "
                  f"({many['report'].get('reextracted', 0)} re-extracted, {many['report'].get('renamed', 0)} renamed)")
        if "pg" not in skip:
            schema = f"bench_{uuid.uuid4().hex[:8]}"
            try:
                pg = ingest_cli(path, f"{args.pg}?schema={schema}", workers)
                res[f"postgres ingest {workers} workers s"] = pg["seconds"]
            finally:
                _drop_schema(args.pg, schema)
            if "dask" not in skip:
                schema = f"bench_{uuid.uuid4().hex[:8]}"
                try:
                    dk = ingest_cli(path, f"{args.pg}?schema={schema}", workers, dask="local")
                    res[f"postgres ingest dask LocalCluster({workers}) s"] = dk["seconds"]
                    res["dask / local pool (throughput)"] = pg["seconds"] / dk["seconds"]
                finally:
                    _drop_schema(args.pg, schema)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print()
    for k, v in res.items():
        print(f"{k:45s} {v:10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
