"""The writer alone: time to store records already extracted, SQLite and PostgreSQL.

    python benchmarks/bench_store.py [--corpus PATH ...] [--limit N] [--cache FILE] [--batch 50]
                                     [--pg URL] [--skip sqlite,pg] [--dump DIR]

Extracts the first ``--limit`` documents of each ``--corpus`` once (the records ``marsad ingest``
hands its writer: :func:`marsad.store.provenance.store_extractor`, in input order), keeping them in
``--cache`` (a pickle; reused when it exists, so several code versions can be timed on the same
records), then stores them with the ingest writer (``marsad.ingest._Writer``, ``--batch`` documents a
transaction) into a fresh SQLite file and a fresh PostgreSQL schema (dropped afterwards). Prints, per
backend, the wall and CPU seconds of this process (the writer's CPU), for PostgreSQL on this machine
the CPU seconds of the server process that served it, and documents per second. ``--dump DIR`` also writes every table of both
stores, row by row and sorted (timestamps left out; serial ids kept: a fresh store numbers rows in the order they were written), to ``DIR/<backend>.txt``, so the
stores two code versions wrote can be compared with ``cmp``. Figures, not assertions.
"""
from __future__ import annotations

import argparse
import itertools
import os
import pickle
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT / ".." / "shared" / "corpus"
CORPORA = [str(SHARED / "jawhara-ant-v1.jsonl.gz")]
PG = "postgresql://postgres@127.0.0.1:5432/test"
# columns that hold the time of writing, which differs between any two runs
_VOLATILE = {"ingested_at", "first_seen", "added_at", "extracted_at", "at", "applied_at"}


def extract(corpora: list[str], limit: int) -> list[dict]:
    """The writer's records (dicts) for the first ``limit`` documents of each corpus."""
    from marsad.extract import discover
    from marsad.ingest import _Runner
    from marsad.parallel import make_record
    from marsad.store.provenance import store_extractor

    class _NoStore:  # a fresh store: no curated persons, no registry
        def curated_persons(self) -> list[dict]:
            return []

    ex = store_extractor(_NoStore())
    runner = _Runner(ex)
    return [make_record(runner, src) for c in corpora for src in itertools.islice(discover([c]), limit or None)]


def _server_cpu(store) -> float:
    """CPU seconds (user + system) of the PostgreSQL backend serving ``store`` (same machine), else 0."""
    if store.backend != "postgres":
        return 0.0
    pid = store._q1("SELECT pg_backend_pid() AS pid")["pid"]
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def write(store, records: list[dict], batch: int) -> tuple[float, float, float]:
    """Store ``records`` with the ingest writer; (wall s, CPU s of this process, CPU s of the
    PostgreSQL backend: 0 for SQLite or a server on another machine)."""
    from marsad.ingest import IngestReport, _Writer

    os.environ["MARSAD_QUIET"] = "1"
    rep = IngestReport()
    w = _Writer(store, rep, batch, None, None)
    s0 = _server_cpu(store)
    t0, c0 = time.perf_counter(), time.process_time()
    for rec in records:
        w.add(dict(rec))
    w.flush()
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    return wall, cpu, _server_cpu(store) - s0


def dump(store, out: Path) -> None:
    """Every table of ``store``, sorted lines of its rows without the volatile columns."""
    if store.backend == "sqlite":
        tables = [r["name"] for r in store._q("SELECT name FROM sqlite_master WHERE type = 'table' "
                                              "AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%'")]
    else:
        tables = [r["table_name"] for r in store._q(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")]
    with open(out, "w", encoding="utf-8") as fh:
        for t in sorted(tables):
            rows = [repr(sorted((k, v if not isinstance(v, memoryview) else bytes(v)) for k, v in r.items()
                                if k not in _VOLATILE and k != "tsv")) for r in store._q(f"SELECT * FROM {t}")]
            for line in sorted(rows):
                fh.write(f"{t}\t{line}\n")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", help="corpus file (repeatable; default: Jawhara)")
    ap.add_argument("--limit", type=int, default=1000, help="documents of each corpus (0: all)")
    ap.add_argument("--cache", help="pickle of the extracted records (written when missing)")
    ap.add_argument("--batch", type=int, default=50)
    ap.add_argument("--pg", default=os.environ.get("MARSAD_PG_URL", PG))
    ap.add_argument("--skip", default="", help="comma-separated: sqlite,pg")
    ap.add_argument("--dump", help="folder for the table dumps")
    args = ap.parse_args()
    skip = set(filter(None, args.skip.split(",")))
    if args.cache and os.path.exists(args.cache):
        with open(args.cache, "rb") as fh:
            records = pickle.load(fh)
    else:
        t0 = time.process_time()
        records = extract(args.corpus or CORPORA, args.limit)
        print(f"extracted        {len(records)} records in {time.process_time() - t0:.1f} CPU-s")
        if args.cache:
            with open(args.cache, "wb") as fh:
                pickle.dump(records, fh)
    events = sum(len(r.get("events") or []) for r in records)
    mentions = sum(len(e.get("mentions") or []) for r in records for e in r.get("entities") or [])
    print(f"records          {len(records)} ({events} events, {mentions} mentions)")
    from marsad.store import open_store

    if "sqlite" not in skip:
        with tempfile.TemporaryDirectory() as tmp:
            store = open_store(os.path.join(tmp, "bench.db"))
            wall, cpu, _ = write(store, records, args.batch)
            print(f"sqlite           {wall:6.1f} s wall, {cpu:6.1f} CPU-s, {len(records) / wall:6.1f} docs/s")
            if args.dump:
                dump(store, Path(args.dump) / "sqlite.txt")
            store.close()
    if "pg" not in skip:
        schema = "bench_" + uuid.uuid4().hex[:8]
        sep = "&" if "?" in args.pg else "?"
        store = open_store(f"{args.pg}{sep}schema={schema}")
        try:
            wall, cpu, server = write(store, records, args.batch)
            print(f"postgres         {wall:6.1f} s wall, {cpu:6.1f} CPU-s (+ {server:.1f} CPU-s server), "
                  f"{len(records) / wall:6.1f} docs/s")
            if args.dump:
                dump(store, Path(args.dump) / "postgres.txt")
        finally:
            store.conn.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
