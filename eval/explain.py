"""Explain the events of one document: per body sentence, the actor candidates, frame triggers and
reported statements the ``events`` stage saw, then the events it gave.

    python eval/explain.py PATH [--grep WORD]

PATH is any document ``marsad extract`` reads (the first document of a file is explained).
``--grep`` keeps only sentences containing WORD. For developers chasing a false positive or a miss.
"""
from __future__ import annotations

import argparse
import json
import sys

from marsad.extract import DEFAULT_STAGES, Extractor
from marsad.stages.read import discover


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path")
    ap.add_argument("--grep", help="only sentences containing this text")
    args = ap.parse_args()
    ex = Extractor(DEFAULT_STAGES)
    events = next(s for s in ex.pipeline.stages if s.name == "events")
    events.trace = []
    doc = ex.process(next(iter(discover([args.path]))))
    for row in events.trace:
        if args.grep and args.grep not in row["text"]:
            continue
        print(f"[{row['sentence']}] {row['text']}")
        for key in ("topic", "cands", "triggers", "statements"):
            if row[key]:
                print(f"   {key}: {json.dumps(row[key], ensure_ascii=False)}")
    print("== events")
    for ev in doc.events:
        print(f"   {ev.event} {ev.context} src={[(a.code, a.actor_text) for a in ev.source]} "
              f"rec={[(a.code, a.actor_text) for a in ev.recipient]} trig={ev.trigger} conf={ev.confidence:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
