"""How well the events stage tells modality: the ``context`` it gives each labelled candidate
(``future``, ``negation``, ``hypothetical``) against the modality the labeller read (``eval/labels/``).

    python eval/modality.py

Prints, per labelled modality, how many candidates got each context flag, and recall/precision of
the three flags. Candidates the current engine no longer proposes are left out."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
from train_scorer import featurise, load_labels  # noqa: E402

FLAGS = {"future": "future", "negated": "negation", "hypothetical": "hypothetical"}


def main() -> int:
    labels = load_labels()
    keys: list[str] = []
    feats, *_ = featurise(labels, keys)
    table: Counter[tuple[str, str]] = Counter()
    for key, f in zip(keys, feats):
        gold = labels[key].get("modality") or "?"
        flag = next((v for v in ("future", "negation", "hypothetical") if f.get("ctx=" + v)), "-")
        table[(gold, flag)] += 1
    golds = sorted({g for g, _ in table})
    print(f"{'labelled':14s} " + " ".join(f"{x:>13s}" for x in ("-", "future", "negation", "hypothetical")))
    for g in golds:
        print(f"{g:14s} " + " ".join(f"{table[(g, x)]:13d}" for x in ("-", "future", "negation", "hypothetical")))
    for gold, flag in FLAGS.items():
        tp = table[(gold, flag)]
        n_gold = sum(v for (g, _), v in table.items() if g == gold)
        n_flag = sum(v for (_, x), v in table.items() if x == flag)
        print(f"{flag:13s} recall {tp}/{n_gold}  precision {tp}/{n_flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
