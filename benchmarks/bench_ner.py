"""CPU time of the NER tagger alone, as the ``mentions`` stage calls it, and where it goes.

    python benchmarks/bench_ner.py [--corpus PATH ...] [--limit N] [--runs R]

Runs the foundation stages (read … normalise) over the first ``--limit`` documents of each corpus
(default: 1,000 multi-outlet + 1,000 Jawhara records), keeps each document's sentence texts, then tags
them document by document with ``NerTagger.entities_many``, ``--runs`` times, each time with a fresh
tagger (its word-type cache empty). Prints per run the CPU seconds, the parts below, the number of
word types whose weights were summed, and an MD5 of all entity spans: a speed-up must leave it
unchanged. Parts (CPU seconds, timed around whole calls, so they add little):
  word types   building new word types' features and summing their weights (TypeScores._get/_assign);
  Viterbi      decoding (LinearChainCRF.viterbi);
  rest         tokenising, the scores of pairs, gazetteer names and sentence ends, spans.
Figures, not assertions: speed is measured here, never in unit tests.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
import time
from pathlib import Path

from marsad.extract import Extractor, discover
from marsad.ner import emissions, model
from marsad.ner.crf import LinearChainCRF

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
CORPORA = (SHARED / "ant-multisource-dev.jsonl.gz", SHARED / "jawhara-ant-v1.jsonl.gz")
FOUNDATION = ("read", "decode", "clean", "metadata", "normalise")


def sentence_texts(corpora: list[str], limit: int) -> list[list[str]]:
    """Each document's sentence texts, as ``MentionsStage`` hands them to the tagger."""
    ex = Extractor(stages=FOUNDATION)
    out = []
    for corpus in corpora:
        for doc in itertools.islice(discover([corpus]), limit or None):
            doc = ex.pipeline(doc)
            out.append([doc.raw[s.start:s.end] for s in doc.sentences or []] if not doc.error else [])
    return out


def _timed(spent: dict[str, float], part: str, cls: type, name: str) -> None:
    """Add the CPU time of every call of ``cls.name`` to ``spent[part]`` (not counting nested timed calls twice)."""
    f = getattr(cls, name)
    inside: list[bool] = [False]

    def wrapper(*args, **kwargs):
        if inside[0]:
            return f(*args, **kwargs)
        inside[0] = True
        c = time.process_time()
        try:
            return f(*args, **kwargs)
        finally:
            spent[part] += time.process_time() - c
            inside[0] = False

    setattr(cls, name, wrapper)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", action="append", help="corpus file (repeatable; default the multi-outlet and Jawhara ones)")
    ap.add_argument("--limit", type=int, default=1000, help="the first N documents of each corpus (0: all)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    docs = sentence_texts(args.corpus or [str(c) for c in CORPORA], args.limit)
    print(f"documents {len(docs)}, sentences {sum(map(len, docs))}")
    spent = {"word types": 0.0, "Viterbi": 0.0}
    _timed(spent, "word types", emissions.TypeScores, "_get")
    _timed(spent, "word types", emissions.TypeScores, "_assign")
    _timed(spent, "Viterbi", LinearChainCRF, "viterbi")
    best = None
    for run in range(args.runs):
        tagger = model.NerTagger(model.MODEL_PATH)
        for k in spent:
            spent[k] = 0.0
        md5 = hashlib.md5()
        c = time.process_time()
        for texts in docs:
            md5.update(repr(tagger.entities_many(texts, one_document=True)).encode())
        cpu = time.process_time() - c
        rest = cpu - sum(spent.values())
        types = tagger._scores._rows if tagger._scores is not None else 0
        print(f"run {run + 1}: {cpu:6.2f} CPU-s  " + "  ".join(f"{k} {v:.2f}" for k, v in spent.items())
              + f"  rest {rest:.2f}  rows {types}  spans {md5.hexdigest()}")
        best = cpu if best is None else min(best, cpu)
    print(f"best {best:.2f} CPU-s, {len(docs) / best:.0f} documents per CPU-s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
