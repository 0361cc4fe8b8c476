"""Throughput and peak memory of the pipeline on the Jawhara corpus (10,159 real articles).

    python benchmarks/bench_pipeline.py [--limit N] [--stages foundation|full] [--corpus PATH]

Prints articles/s (wall clock, one process = one core), the number of documents with errors, and
the peak resident memory. Figures, not assertions: speed is measured here, never in unit tests.
"""
from __future__ import annotations

import argparse
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
    ap.add_argument("--corpus", default=str(CORPUS))
    ap.add_argument("--limit", type=int, default=0, help="stop after N documents (0: all)")
    ap.add_argument("--stages", choices=["foundation", "full"], default="full")
    args = ap.parse_args()
    stages = FOUNDATION if args.stages == "foundation" else DEFAULT_STAGES
    t0 = time.perf_counter()
    ex = Extractor(stages=stages)
    load = time.perf_counter() - t0
    n = errors = articles = events = entities = 0
    chars = 0
    t1 = time.perf_counter()
    for doc in discover([args.corpus]):
        doc = ex.process(doc)
        n += 1
        if doc.error:
            errors += 1
        articles += len(doc.articles)
        events += len(doc.events)
        entities += len(doc.entities)
        chars += len(doc.raw)
        if args.limit and n >= args.limit:
            break
    dt = time.perf_counter() - t1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"stages           {','.join(stages)}")
    print(f"model load       {load:.2f} s")
    print(f"documents        {n} ({errors} errors)")
    print(f"articles         {articles}")
    print(f"entities/events  {entities} / {events}")
    print(f"time             {dt:.1f} s")
    print(f"articles/s       {articles / dt:.1f} (one core)")
    print(f"chars/s          {chars / dt / 1e6:.2f} M")
    print(f"peak RSS         {peak_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
