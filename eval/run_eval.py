"""Run ``marsad extract`` on a gold set and score it with the reference scorer.

    python eval/run_eval.py [--gold ../shared/gold/seeds.json] [--json report.json]

Used by the evaluation gate (tests/test_eval_gate.py) and by developers.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
SCORER = SHARED / "eval" / "score.py"
GOLD_SETS = {"seeds": SHARED / "gold" / "seeds.json", "dev": ROOT / "tests" / "gold" / "dev.json"}


def evaluate(gold: Path) -> dict:
    """Extract the gold set's corpus and return the scorer's report."""
    g = json.loads(gold.read_text("utf-8"))
    corpus = (gold.parent / g["corpus_dir"]).resolve()
    with tempfile.TemporaryDirectory() as tmp:
        pred, report = Path(tmp) / "pred.jsonl", Path(tmp) / "report.json"
        with open(pred, "w", encoding="utf-8") as fh:
            subprocess.run([sys.executable, "-m", "marsad", "extract", str(corpus)], stdout=fh, check=False,
                           stderr=subprocess.DEVNULL, env=os.environ | {"PYTHONPATH": str(ROOT)})
        subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json", str(report)],
                       check=True, stdout=subprocess.DEVNULL)
        return json.loads(report.read_text("utf-8"))


def headline(report: dict) -> dict[str, float]:
    """The figures the floors pin: F1 for P/R/F1 blocks, accuracy for ratios."""
    out = {}
    for k, v in report.items():
        if isinstance(v, dict) and "f1" in v:
            out[k] = v["f1"]
        elif isinstance(v, dict) and v.get("accuracy") is not None:
            out[k] = v["accuracy"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--gold", action="append", help="gold file(s); default: seeds and dev")
    ap.add_argument("--json", help="write the headline figures here")
    args = ap.parse_args()
    golds = [Path(g) for g in args.gold] if args.gold else [p for p in GOLD_SETS.values() if p.exists()]
    result = {}
    for gold in golds:
        result[gold.stem] = headline(evaluate(gold))
        print(f"== {gold}")
        for k, v in result[gold.stem].items():
            print(f"  {k:26s} {v:.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
