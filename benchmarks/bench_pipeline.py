"""Throughput and peak memory of the pipeline on the Jawhara corpus (10,159 real articles).

    python benchmarks/bench_pipeline.py [--limit N] [--stages foundation|full] [--corpus PATH ...] [--profile K]

Prints articles/s (wall clock, one process = one core), CPU seconds (steadier than wall clock when
others share the cores) and articles per CPU-second, each stage's CPU seconds and share, the number of
documents with errors, and the peak resident memory. ``--corpus`` may be given several times (e.g. the
Jawhara and the multi-outlet corpora); ``--limit`` then takes the first N documents of each. With
``--profile K`` the run is under cProfile (slower) and the K functions of marsad with the most
cumulative time follow, each with its share of the run. Figures, not assertions: speed is measured
here, never in unit tests.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import sys
import time
from pathlib import Path

from marsad.extract import DEFAULT_STAGES, Extractor, discover

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "jawhara-ant-v1.jsonl.gz"
FOUNDATION = ("read", "decode", "clean", "metadata", "normalise")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", action="append", help=f"corpus file (repeatable; default {CORPUS.name})")
    ap.add_argument("--limit", type=int, default=0, help="the first N documents of each corpus (0: all)")
    ap.add_argument("--stages", choices=["foundation", "full"], default="full")
    ap.add_argument("--profile", type=int, default=0, metavar="K", help="profile the run; print the top K functions")
    args = ap.parse_args()
    stages = FOUNDATION if args.stages == "foundation" else DEFAULT_STAGES
    t0 = time.perf_counter()
    ex = Extractor(stages=stages)
    load = time.perf_counter() - t0
    n = errors = articles = events = entities = 0
    chars = 0
    prof = cProfile.Profile() if args.profile else None
    spent: dict[str, float] = dict.fromkeys(stages, 0.0)  # stage -> CPU seconds
    now: list = [None, 0.0]  # the stage running and the CPU clock when it started

    def on_stage(name: str | None) -> None:
        c = time.process_time()
        if now[0] is not None:
            spent[now[0]] += c - now[1]
        now[0], now[1] = name, c

    t1, c1 = time.perf_counter(), time.process_time()
    if prof is not None:
        prof.enable()
    for corpus in args.corpus or [str(CORPUS)]:
        for k, doc in enumerate(discover([corpus])):
            if args.limit and k >= args.limit:
                break
            doc = ex.pipeline(doc, on_stage=on_stage)
            on_stage(None)
            n += 1
            if doc.error:
                errors += 1
            articles += len(doc.articles)
            events += len(doc.events)
            entities += len(doc.entities)
            chars += len(doc.raw)
    if prof is not None:
        prof.disable()
    dt, cpu = time.perf_counter() - t1, time.process_time() - c1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"stages           {','.join(stages)}")
    print(f"model load       {load:.2f} s")
    print(f"documents        {n} ({errors} errors)")
    print(f"articles         {articles}")
    print(f"entities/events  {entities} / {events}")
    print(f"time             {dt:.1f} s ({cpu:.1f} CPU-s)")
    print(f"articles/s       {articles / dt:.1f} (one core)")
    print(f"articles/CPU-s   {articles / cpu:.1f}")
    for name, sec in spent.items():
        print(f"  {name:<14} {sec:7.2f} CPU-s {sec / cpu:6.1%}")
    print(f"chars/s          {chars / dt / 1e6:.2f} M")
    print(f"peak RSS         {peak_mb:.0f} MB")
    if prof is not None:
        _print_profile(prof, args.profile)
    return 0


def _print_profile(prof: cProfile.Profile, k: int) -> None:
    """The ``k`` functions of marsad with the most cumulative time: calls, own and cumulative seconds, share."""
    stats = pstats.Stats(prof).stats  # (file, line, name) -> (primitive calls, calls, own s, cumulative s, callers)
    total = max((cum for (_, _, _, cum, _) in stats.values()), default=0.0) or 1.0
    rows = sorted(((cum, own, calls, f"{Path(f).name}:{line}({name})") for (f, line, name), (_, calls, own, cum, _)
                   in stats.items() if "/marsad/" in f), reverse=True)[:k]
    print(f"{'share':>6} {'cum s':>7} {'own s':>7} {'calls':>8}  function (profiled run, {total:.1f} s)")
    for cum, own, calls, where in rows:
        print(f"{cum / total:6.1%} {cum:7.2f} {own:7.2f} {calls:8d}  {where}")


if __name__ == "__main__":
    sys.exit(main())
