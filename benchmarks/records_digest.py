"""A digest of everything the pipeline decides, to show that a speed-up changed no output.

    python benchmarks/records_digest.py [--limit N] [--out FILE] PATH [PATH ...]

Runs the whole pipeline over the documents under PATH (files, folders, .jsonl[.gz]; the first
``--limit`` documents of each) and writes one line per document: its record with every event (no
confidence threshold: ``marsad extract`` would hide a change of confidence under it) plus every
mention (offsets, type, source, sentence, entity id), keys sorted.
Prints the MD5 of those lines. Run it before and after a change and compare the digests (or the
``--out`` files line by line).

To compare code before and after a change, run both from copies that nobody else edits (``git archive
HEAD marsad | tar -x -C /tmp/before``, then ``PYTHONPATH=/tmp/before python benchmarks/records_digest.py``):
the shared checkout changes under a long run. Run it as a script, not with ``python -c`` or ``-m`` from
the checkout, where the current folder's ``marsad`` comes before ``PYTHONPATH``.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys

from marsad.extract import Extractor, discover, to_record


def digest_lines(paths: list[str], limit: int = 0):
    """One JSON line (str) per document under each of ``paths``, as described in the module doc.
    The first ``limit`` documents of each path (0: all)."""
    ex = Extractor()
    for path in paths:
        docs = discover([path])
        for doc in itertools.islice(docs, limit or None):
            doc = ex.process(doc)
            rec = to_record(doc).to_json()
            rec["mentions"] = [[m.start, m.end, m.text, m.type, m.source, m.sentence, m.entity] for m in doc.mentions]
            yield json.dumps(rec, ensure_ascii=False, sort_keys=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="+", metavar="PATH")
    ap.add_argument("--limit", type=int, default=0, help="the first N documents of each PATH (0: all)")
    ap.add_argument("--out", help="also write the lines to this file")
    args = ap.parse_args()
    md5, n = hashlib.md5(), 0
    out = open(args.out, "w", encoding="utf-8") if args.out else None
    for line in digest_lines(args.paths, args.limit):
        md5.update(line.encode("utf-8") + b"\n")
        n += 1
        if out:
            out.write(line + "\n")
    if out:
        out.close()
    print(f"{md5.hexdigest()}  {n} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
