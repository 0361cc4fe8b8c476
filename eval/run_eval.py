"""Run ``marsad extract`` on a gold set and score it with the reference scorer, overall and per
PLOVER category.

    python eval/run_eval.py [--set seeds --set multisource ...] [--json report.json]

Gold sets (name: gold file, corpus folder):
  seeds             ../shared/gold/seeds.json, the five founding pages
  dev               tests/gold/dev.json, 37 Jawhara FM articles (ours, tuned on)
  multisource       ../shared/gold/dev-multisource.json, 80 BBC/CNN/France 24 articles (tuned on)
  dev-world         tests/gold/dev-world.json, 30 random world/Middle East articles of the same corpus (tuned on)
  holdout-world     tests/gold/holdout-world.json, 25 random world/Middle East articles (never tuned on)
  holdout-ordinary  tests/gold/holdout-ordinary.json, 30 random ordinary articles (never tuned on)

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
GOLD_SETS = {
    "seeds": SHARED / "gold" / "seeds.json",
    "dev": ROOT / "tests" / "gold" / "dev.json",
    "multisource": SHARED / "gold" / "dev-multisource.json",
    "dev-world": ROOT / "tests" / "gold" / "dev-world.json",
    "holdout-world": ROOT / "tests" / "gold" / "holdout-world.json",
    "holdout-ordinary": ROOT / "tests" / "gold" / "holdout-ordinary.json",
}
CORPORA = {"multisource": SHARED / "corpus" / "dev-multisource"}


def corpus_of(gold: Path) -> Path:
    """The folder of documents a gold file describes (its ``corpus_dir``, or the shared set's folder)."""
    name = next((k for k, v in GOLD_SETS.items() if v == gold), None)
    if name in CORPORA:
        return CORPORA[name]
    g = json.loads(gold.read_text("utf-8"))
    return (gold.parent / g["corpus_dir"]).resolve()


def evaluate(gold: Path, details: bool = False) -> dict:
    """Extract the gold set's corpus and return the scorer's report (with per-document details)."""
    corpus = corpus_of(gold)
    with tempfile.TemporaryDirectory() as tmp:
        pred, report = Path(tmp) / "pred.jsonl", Path(tmp) / "report.json"
        with open(pred, "w", encoding="utf-8") as fh:
            subprocess.run([sys.executable, "-m", "marsad", "extract", str(corpus)], stdout=fh, check=False,
                           stderr=subprocess.DEVNULL, env=os.environ | {"PYTHONPATH": str(ROOT)})
        errors = [json.loads(line).get("error") for line in pred.read_text("utf-8").splitlines() if '"error"' in line]
        errors = [e for e in errors if e and "no text" not in e]  # records without text are the corpus's, not ours
        if errors:
            print(f"warning: {gold.name}: {len(errors)} documents failed to extract, e.g. {errors[0]}", file=sys.stderr)
        subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json", str(report), "--corpus",
                        str(corpus)] + (["--details"] if details else []), check=True, stdout=subprocess.DEVNULL)
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


def per_category(gold: Path, report: dict) -> dict[str, dict[str, float]]:
    """Events P/R/F1 per PLOVER category from a detailed report. A gold event counts for each of its
    categories; a prediction for its own category. Optional gold events are neither required nor
    counted as false positives, as in the scorer."""
    g = json.loads(gold.read_text("utf-8"))["documents"]
    counts: dict[str, list[int]] = {}  # category -> [tp, pred, gold]
    for name, d in report["documents"].items():
        gold_evs = {e["id"]: e for e in g.get(name, {}).get("events", [])}
        for e in d["events"]:
            ge = gold_evs[e["id"]]
            for cat in ge["event"]:
                row = counts.setdefault(cat, [0, 0, 0])
                if e["required"]:
                    row[2] += 1
                    row[0] += int(e["found"])
                    row[1] += int(e["found"])
        for u in d.get("unmatched_predictions", []):
            for cat in u["event"] or []:
                counts.setdefault(cat, [0, 0, 0])[1] += 1
    out = {}
    for cat, (tp, pred, n) in sorted(counts.items()):
        if not pred and not n:
            continue  # a category only optional gold uses
        p, r = (tp / pred if pred else 0.0), (tp / n if n else 0.0)
        out[cat] = {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "pred": pred,
                    "gold": n}
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", choices=sorted(GOLD_SETS), help="gold set(s); default: all present")
    ap.add_argument("--json", help="write the headline figures and per-category tables here")
    args = ap.parse_args()
    names = args.set or [k for k, p in GOLD_SETS.items() if p.exists()]
    result = {}
    for name in names:
        gold = GOLD_SETS[name]
        report = evaluate(gold, details=True)
        cats = per_category(gold, report)
        result[name] = {"headline": headline(report), "categories": cats}
        print(f"== {name} ({gold})")
        for k, v in result[name]["headline"].items():
            print(f"  {k:26s} {v:.3f}")
        print(f"  {'category':12s} {'P':>6s} {'R':>6s} {'F1':>6s}   tp/pred/gold")
        for cat, v in cats.items():
            print(f"  {cat:12s} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f}   {v['tp']}/{v['pred']}/{v['gold']}")
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
