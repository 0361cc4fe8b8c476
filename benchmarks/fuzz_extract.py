"""Fuzz ``marsad extract`` with >= 3,000 generated bad inputs mixed with good documents (issue 14).

    .venv/bin/python benchmarks/fuzz_extract.py [--bad 3000] [--seed 14] [--batch 100] [--no-heavy]
        [--timeout 120] [--mem-mb 3072] [--repo DIR] [--json]

Inputs come from the seeded generator in ``tests/fuzz/generator.py`` (the seeds and dev-multisource
articles of ../shared are the good documents and the material mutated). They run through the real
command in batches of ``--batch`` paths, each heavy input (gzip bomb, 25 MB line, 12 MB page, ...)
alone, plus one run over a folder holding a FIFO, a broken link and a link to /dev/zero; every run
is a child process capped at ``--mem-mb`` of address space and ``--timeout`` seconds.
``--repo`` runs another checkout's code (e.g. an export of an older commit) for before/after figures.

Prints: crashed runs, good documents lost, silent mojibake, error records (and whether each names
its document), documents missing or doubled, tracebacks, the worst seconds per MB of a run (a run
under 1 MB counted as 1 MB, so start-up does not dominate), and the peak RSS of any run.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.fuzz.generator import GOOD, Case, generate, write  # noqa: E402
from tests.fuzz.harness import Tally, judge, run_extract, summary  # noqa: E402


def folder_case(folder: Path) -> list[Case]:
    """A folder to walk: good pages beside a FIFO, a broken link, a link to /dev/zero and an
    unreadable subfolder (root reads it anyway), each special file one error record."""
    good = generate(0, seed=99, n_good=3)
    for c in good:
        c.name = c.keys[0] if isinstance(c.name, bytes) else c.name
    write(good, folder)
    os.mkfifo(folder / "pipe.txt")
    os.symlink(folder / "nowhere", folder / "dangling.txt")
    os.symlink("/dev/zero", folder / "zero.txt")
    (folder / "locked").mkdir()
    (folder / "locked" / "inside.txt").write_text("نص", "utf-8")
    os.chmod(folder / "locked", 0)
    specials = [Case(n, None, "special", n, [n]) for n in ("dangling.txt", "pipe.txt", "zero.txt")]
    return good + specials


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bad", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--batch", type=int, default=100)
    ap.add_argument("--no-heavy", action="store_true")
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--mem-mb", type=int, default=3072)
    ap.add_argument("--repo", default=str(ROOT))
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    repo = Path(args.repo).resolve()

    t0 = time.monotonic()
    cases = generate(args.bad, seed=args.seed, heavy=not args.no_heavy)
    tmp = Path(tempfile.mkdtemp(prefix="marsad-fuzz-"))
    tally = Tally()
    try:
        light = [c for c in cases if not str(c.name).startswith("heavy-")]
        heavy = [c for c in cases if str(c.name).startswith("heavy-")]
        batches = [light[i:i + args.batch] for i in range(0, len(light), args.batch)]
        batches += [[c] for c in heavy]
        for i, batch in enumerate(batches):
            folder = tmp / f"run{i:03d}"
            paths = write(batch, folder)
            res = run_extract(paths, timeout=args.timeout, mem_mb=args.mem_mb, cwd=repo)
            judge(batch, res, folder, tally, label=f"run{i:03d}")
            print(f"run {i + 1}/{len(batches) + 1}: {len(batch)} inputs, {res.input_mb:.1f} MB, "
                  f"{res.seconds:.1f} s, rc {res.rc}, {res.max_rss_mb:.0f} MB RSS", file=sys.stderr)
            shutil.rmtree(folder, ignore_errors=True)
        folder = tmp / "walk"
        walk = folder_case(folder)
        res = run_extract([os.fsencode(folder)], timeout=args.timeout, mem_mb=args.mem_mb, cwd=repo)
        judge(walk, res, folder, tally, label="walk")
        locked = res.stdout.count(b"locked")
        print(f"folder walk: {res.seconds:.1f} s, rc {res.rc}; unreadable subfolder records: {locked} "
              f"({'root reads it' if os.geteuid() == 0 else 'expected 1'})", file=sys.stderr)
        os.chmod(folder / "locked", 0o700)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    figures = summary(tally) | {"bad inputs": sum(c.kind != GOOD for c in cases),
                                "good inputs": sum(c.kind == GOOD for c in cases),
                                "wall seconds": round(time.monotonic() - t0, 1), "repo": str(repo)}
    if args.json:
        print(json.dumps(figures | {"problems": tally.problems}, ensure_ascii=False, indent=1))
    else:
        for k, v in figures.items():
            print(f"{k:48} {v}")
        for p in tally.problems:
            print("  -", p)
    ok = not (tally.crashed_runs or tally.good_lost or tally.silent_mojibake or tally.unnamed_errors
              or tally.missing_or_doubled) and tally.peak_rss_mb <= 600 and tally.worst_s_per_mb <= 30
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
