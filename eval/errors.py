"""Error report: the events Marsad missed and the ones it should not have given, per PLOVER category,
each with its evidence, so that the next fix is a kind of sentence and not one document.

    python eval/errors.py [--set multisource] [--category ACCUSE] [--kind miss|fp]

For every gold set (see ``run_eval.GOLD_SETS``) it runs ``marsad extract`` and the reference scorer,
then prints, per category:
  MISS  document, gold event id, gold countries and the annotator's note (gold carries no sentence);
  FP    document, predicted actors and the evidence sentence (``event_text``) the extractor gave.
Optional gold events are neither misses nor false positives, as in the scorer.
Exit status 0; the report goes to stdout.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_eval import GOLD_SETS, evaluate  # noqa: E402


def collect(gold: Path, report: dict) -> dict[str, dict[str, list[str]]]:
    """``{category: {"miss": [line, ...], "fp": [line, ...]}}`` for one gold set's detailed report."""
    docs = json.loads(gold.read_text("utf-8"))["documents"]
    out: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"miss": [], "fp": []})
    for name, d in sorted(report["documents"].items()):
        gold_evs = {e["id"]: e for e in docs.get(name, {}).get("events", [])}
        for e in d["events"]:
            if not e["required"] or e["found"]:
                continue
            ge = gold_evs[e["id"]]
            line = f"{name} {e['id']} {'+'.join(ge.get('countries') or [])}: {(ge.get('note') or '')[:220]}"
            for cat in ge["event"]:
                out[cat]["miss"].append(line)
        for u in d.get("unmatched_predictions", []):
            line = f"{name} [{' | '.join(u.get('actors') or [])}] {(u.get('event_text') or '')[:260]}"
            for cat in u["event"] or ["?"]:
                out[cat]["fp"].append(line)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", action="append", choices=sorted(GOLD_SETS), help="gold set(s); default: multisource")
    ap.add_argument("--category", action="append", help="only these PLOVER categories")
    ap.add_argument("--kind", choices=["miss", "fp"], help="only misses or only false positives")
    args = ap.parse_args()
    for name in args.set or ["multisource"]:
        gold = GOLD_SETS[name]
        if not gold.exists():
            print(f"== {name}: gold file {gold} is missing", file=sys.stderr)
            return 2
        table = collect(gold, evaluate(gold, details=True))
        print(f"== {name}")
        for cat in sorted(table):
            if args.category and cat not in args.category:
                continue
            for kind in ("miss", "fp"):
                if args.kind and kind != args.kind:
                    continue
                rows = table[cat][kind]
                if rows:
                    print(f"-- {cat} {kind.upper()} ({len(rows)})")
                    for r in rows:
                        print("   " + r)
    return 0


if __name__ == "__main__":
    sys.exit(main())
