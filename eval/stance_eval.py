"""Score the statements layer's cue lexicon against the hand-labelled statements.

    python eval/stance_eval.py [--labels 'eval/labels/stance-*.jsonl'] [--show wrong|missed]

Re-runs Marsad on the labelled articles (``../shared/corpus/ant-multisource-dev.jsonl.gz``), collects
each statement with a speaker and another state (``eval/stance_sample.py``'s situations) and matches it
to its labelled item by article, sentence and speaking state. A category the lexicon gives is right when
it is the item's label; a verbal label the lexicon does not give is missed. Prints precision and recall
overall and per category, and how many labelled items the engine no longer reads as statements (a
speaker or target it now finds differently). ``--show`` prints the wrong or the missed items.
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from candidates import MULTISOURCE, _records
from stance_sample import _items

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from marsad.extract import Extractor  # noqa: E402
from marsad.stages.read import discover  # noqa: E402

VERBAL = ("ACCUSE", "THREATEN", "DEMAND", "REJECT", "SUPPORT")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", default="eval/labels/stance-*.jsonl")
    ap.add_argument("--show", choices=("wrong", "missed"))
    args = ap.parse_args()
    files = sorted(glob.glob(str(ROOT / args.labels)))
    if not files:
        raise SystemExit(f"no labelled statements match {args.labels}")
    labels = {}
    for path in files:
        for line in Path(path).read_text("utf-8").splitlines():
            r = json.loads(line)
            if r.get("label"):
                labels[(r["doc"], r["sentence"], r["speaker"][0])] = r
    wanted = {doc for doc, _, _ in labels}
    recs = [r for r in _records(MULTISOURCE) if str(r["id"]) in wanted]
    ex = Extractor()
    events = next(s for s in ex.pipeline.stages if s.name == "events")
    now: dict[tuple, list[str]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "labelled.jsonl"
        src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), "utf-8")
        for rec, doc in zip(recs, discover([str(src)])):
            events.situations = []
            doc = ex.process(doc)
            for it in _items(events.situations, "", rec["id"]):
                now[(it["doc"], it["sentence"], it["speaker"][0])] = it["lexicon"]
    tp, fp, fn = Counter(), Counter(), Counter()
    gone = 0
    for key, r in labels.items():
        if key not in now:
            gone += 1
            got: list[str] = []
        else:
            got = now[key]
        for cat in got:
            (tp if cat == r["label"] else fp)[cat] += 1
            if args.show == "wrong" and cat != r["label"]:
                print(f"WRONG {cat} (label {r['label']}) {r['speaker']} -> {[t[0] for t in r['targets']]}: {r['sentence'][:200]}")
        if r["label"] in VERBAL and r["label"] not in got:
            fn[r["label"]] += 1
            if args.show == "missed":
                print(f"MISSED {r['label']} {r['speaker']} -> {r['aimed']}: {r['sentence'][:200]}")
    def prf(t: int, p: int, n: int) -> str:
        pr, rc = t / p if p else 0.0, t / n if n else 0.0
        return f"P {pr:.2f} R {rc:.2f} ({t}/{p} given, {n} labelled)"
    print(f"{len(labels)} labelled statements, {gone} no longer read as statements")
    print("all     ", prf(sum(tp.values()), sum(tp.values()) + sum(fp.values()), sum(tp.values()) + sum(fn.values())))
    for cat in VERBAL:
        print(f"{cat:8s}", prf(tp[cat], tp[cat] + fp[cat], tp[cat] + fn[cat]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
