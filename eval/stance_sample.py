"""Draw reported statements from news for labelling their stance: the hand-labelled statements that
measure the cue lexicon of ``marsad/stages/statements.py`` (``eval/stance_eval.py``).

    python eval/stance_sample.py --out items.jsonl [--world 1500] [--random 500] [--sample 1200] [--seed 71]

Articles are drawn with a fixed seed from ``../shared/corpus/ant-multisource-dev.jsonl.gz``
(``eval/candidates.py``'s ``draw``: world/Middle East sections and any section, leaving out every gold
article and every article already labelled or judged). Marsad runs on them in this process; every
reporting word whose speaker is a state's official, body or state and whose words name another state
(:class:`marsad.stages.statements.Situation`) is an item, one per sentence and speaking state.
``--sample`` of them are kept at random. One line each:

    {"item", "doc", "sentence", "anchor", "speaker": [code, words], "targets": [[code, words], ...],
     "lexicon": categories the cue lexicon gave, "label": null, "aimed": [], "note": "", "draw"}

The judge sets ``label`` to the PLOVER category of what the speaker says about the target states
(``ACCUSE``, ``THREATEN``, ``DEMAND``, ``REJECT``, ``SUPPORT``) or ``NONE`` (a neutral account, a
statement about the speaker's own affairs, a stance toward no listed state, or a speaker who is not
the one speaking), ``aimed`` to the codes of the listed targets it is aimed at, and ``note``
(gold/ANNOTATION.md: the speaker's state is the source, the target's state the recipient).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

from candidates import draw, labelled_ids, write_drawn

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from marsad.extract import Extractor  # noqa: E402
from marsad.stages.read import discover  # noqa: E402
from marsad.stages.statements import Situation  # noqa: E402


def _items(situations: list[Situation], kind: str, rid: str) -> list[dict]:
    """The labelling lines of an article's situations, one per sentence and speaking state."""
    out, seen = [], set()
    for sit in situations:
        speaker = sit.speaker[0]
        key = (sit.sentence, speaker.code)
        if key not in seen:
            seen.add(key)
            out.append({"doc": str(rid), "sentence": sit.sentence, "anchor": sit.anchor,
                        "speaker": [speaker.code, speaker.mention.text],
                        "targets": [[t.code, t.mention.text] for t in sit.targets], "lexicon": list(sit.found),
                        "label": None, "aimed": [], "note": "", "draw": kind})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--world", type=int, default=1500)
    ap.add_argument("--random", type=int, default=500)
    ap.add_argument("--sample", type=int, default=1200)
    ap.add_argument("--seed", type=int, default=71)
    args = ap.parse_args()
    drawn = draw(args.random, args.world, 0, args.seed, exclude=labelled_ids())
    ex = Extractor()
    events = next(s for s in ex.pipeline.stages if s.name == "events")
    items: list[dict] = []
    with tempfile.TemporaryDirectory() as tmp:
        docs = list(discover([str(write_drawn(drawn, Path(tmp)))]))
        for (kind, rec), doc in zip(drawn, docs):
            events.situations = []
            doc = ex.process(doc)
            if doc.error:
                print(f"{rec['id']}: {doc.error}", file=sys.stderr)
                continue
            items += _items(events.situations, kind, rec["id"])
    rng = random.Random(args.seed)
    rng.shuffle(items)
    kept = items[:args.sample]
    with open(args.out, "w", encoding="utf-8") as fh:
        for i, it in enumerate(kept):
            fh.write(json.dumps({"item": f"s{args.seed}-{i:04d}"} | it, ensure_ascii=False) + "\n")
    print(f"{len(drawn)} articles, {len(items)} situations, {len(kept)} kept -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
