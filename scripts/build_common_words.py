"""Build marsad/data/common_words.txt: frequent Arabic words that are not personal names.

Used to tell where a name ends after a title ("نائب وزير الدفاع للشؤون الصناعية" has no name;
"السيد يونس بك يفكيروف" has three name tokens). A word is *common* when it is frequent in the
Jawhara news corpus (ANT v1.1, Apache-2.0) and is rarely part of a PERS span in the ANERcorp
training split (Benajiba et al. 2007).

    python scripts/build_common_words.py [--shared ../shared] [--min-freq 25]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
from collections import Counter
from pathlib import Path

from marsad.textnorm import fold_key

ROOT = Path(__file__).resolve().parents[1]
TOKEN = re.compile(r"[\u0621-\u064a]+")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--shared", default=str(ROOT / ".." / "shared"))
    ap.add_argument("--min-freq", type=int, default=25)
    ap.add_argument("--max-person-share", type=float, default=0.2)
    args = ap.parse_args()
    shared = Path(args.shared)
    freq: Counter[str] = Counter()
    with gzip.open(shared / "corpus" / "jawhara-ant-v1.jsonl.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            freq.update(TOKEN.findall(fold_key(rec.get("maintext") or "")))
    as_person: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for line in open(shared / "data" / "ner" / "anercorp" / "train.txt", encoding="utf-8"):
        parts = line.split()
        if len(parts) < 2:
            continue
        tok = fold_key(parts[0])
        seen[tok] += 1
        if parts[-1].endswith("PERS"):
            as_person[tok] += 1
    words = sorted(w for w, n in freq.items() if n >= args.min_freq and len(w) > 1
                   and as_person[w] <= args.max_person_share * max(seen[w], 1))
    out = ROOT / "marsad" / "data" / "common_words.txt"
    header = ("# Frequent Arabic words that are rarely names: Jawhara FM corpus (ANT v1.1, Apache-2.0) frequency >= "
              f"{args.min_freq}, ANERcorp train PERS share <= {args.max_person_share}. Built by scripts/build_common_words.py.\n")
    out.write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
