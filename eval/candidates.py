"""Draw event candidates from random articles for hand labelling (the training data of the
candidate scorer, ``marsad/scorer.py``).

    python eval/candidates.py --out eval/labels/pool.jsonl [--random 900] [--world 700] [--jawhara 600] [--seed 7]

Articles are drawn with a fixed seed from ``../shared/corpus/ant-multisource-dev.jsonl.gz`` (``--random``:
any section, i.e. ordinary news; ``--world``: the world and Middle East sections, where inter-state
events are dense) and ``../shared/corpus/jawhara-ant-v1.jsonl.gz`` (``--jawhara``), leaving out every
article of a gold set (the shared development gold, our Jawhara gold and both held-out sets), so that
labels never touch what the evaluation measures. ``marsad extract`` runs on them and every event it
gives becomes one line:

    {"key", "doc", "draw": "random|world|jawhara", "outlet", "section", "title", "sentence",
     "category", "countries", "source": [[code, text]], "recipient": [[code, text]], "trigger",
     "context", "mode", "confidence", "label": null, "note": ""}

``key`` (sha1 of doc id, sentence, category and sorted countries) identifies a candidate whatever
the version of the engine that proposed it; labels are joined to later extractions by it.
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = (ROOT / ".." / "shared").resolve()
MULTISOURCE = SHARED / "corpus" / "ant-multisource-dev.jsonl.gz"
JAWHARA = SHARED / "corpus" / "jawhara-ant-v1.jsonl.gz"
GOLD_DIRS = [SHARED / "corpus" / "dev-multisource", ROOT / "tests" / "gold" / "holdout-world" / "corpus",
             ROOT / "tests" / "gold" / "holdout-ordinary" / "corpus", ROOT / "tests" / "gold" / "dev-world" / "corpus"]
WORLD_SECTIONS = {"middleEast", "internationalNews", "world", "politics"}


def candidate_key(doc: str, sentence: str, category: str, countries: list[str]) -> str:
    """Stable id of a candidate event: the same statement of the same event in the same document."""
    raw = "|".join([doc, " ".join(sentence.split()), category, ",".join(sorted(countries))])
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:20]


def gold_ids() -> tuple[set[str], set[int]]:
    """Record ids of multi-source gold articles (file names d01_<id>.json) and line numbers of Jawhara
    gold articles (jawhara_0726.json)."""
    ids: set[str] = set()
    for d in GOLD_DIRS:
        ids |= {p.stem.split("_", 1)[1] for p in d.glob("*.json") if "_" in p.stem}
    lines = {int(p.stem.split("_")[1]) for p in (ROOT / "tests" / "gold" / "corpus").glob("jawhara_*.json")}
    return ids, lines


def _records(path: Path) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def labelled_ids() -> set[str]:
    """Documents whose candidates were labelled or judged (``eval/labels/batch-*.jsonl``,
    ``eval/judged/sample-200*.jsonl``): a new sample is drawn from articles nobody has looked at."""
    out: set[str] = set()
    for p in [*(ROOT / "eval" / "labels").glob("batch-*.jsonl"), *(ROOT / "eval" / "judged").glob("sample-200*.jsonl")]:
        out |= {json.loads(line)["doc"] for line in p.read_text("utf-8").splitlines() if line.strip()}
    return out


def draw(n_random: int, n_world: int, n_jawhara: int, seed: int, exclude: set[str] = frozenset()
         ) -> list[tuple[str, dict]]:
    """``(draw, record)`` pairs, disjoint from every gold set and from ``exclude`` (record ids)."""
    rng = random.Random(seed)
    ids, lines = gold_ids()
    ids = ids | set(exclude)
    multi = [r for r in _records(MULTISOURCE) if r["id"] not in ids]
    rng.shuffle(multi)
    world = [r for r in multi if r.get("category") in WORLD_SECTIONS]
    picked = multi[:n_random]
    taken = {r["id"] for r in picked}
    picked_world = [r for r in world if r["id"] not in taken][:n_world]
    jaw = [r for i, r in enumerate(_records(JAWHARA)) if i not in lines]
    rng.shuffle(jaw)
    return [("random", r) for r in picked] + [("world", r) for r in picked_world] + \
        [("jawhara", r) for r in jaw[:n_jawhara]]


def write_drawn(drawn: list[tuple[str, dict]], folder: Path) -> Path:
    """The drawn records as ``folder/drawn.jsonl``, in draw order (what ``marsad extract`` and ``discover`` read)."""
    src = folder / "drawn.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for _, r in drawn), "utf-8")
    return src


def extract_drawn(drawn: list[tuple[str, dict]], *options: str) -> list[tuple[tuple[str, dict], dict]]:
    """Run ``marsad extract`` (with ``options``) on drawn records; each output record paired with the
    ``(draw, record)`` it came from."""
    with tempfile.TemporaryDirectory() as tmp:
        src = write_drawn(drawn, Path(tmp))
        out = subprocess.run([sys.executable, "-m", "marsad", "extract", str(src), *options], capture_output=True,
                             text=True, env=os.environ | {"PYTHONPATH": str(ROOT)}, check=False)
    pairs = []
    for line in out.stdout.splitlines():
        rec = json.loads(line)
        pairs.append((drawn[int(rec["path"].rsplit("#", 1)[1]) - 1], rec))  # "drawn.jsonl#12": the 12th record
    return pairs


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--random", type=int, default=900)
    ap.add_argument("--world", type=int, default=700)
    ap.add_argument("--jawhara", type=int, default=600)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--unlabelled", action="store_true", help="leave out the articles of eval/labels/ and eval/judged/ too")
    ap.add_argument("--sample", type=int, default=0, help="keep this many candidates drawn at random (0: all)")
    ap.add_argument("--min-confidence", default="0", help="passed to marsad extract (0: every candidate)")
    args = ap.parse_args()
    drawn = draw(args.random, args.world, args.jawhara, args.seed, labelled_ids() if args.unlabelled else set())
    rows: list[str] = []
    for (kind, raw), rec in extract_drawn(drawn, "--min-confidence", args.min_confidence):
        doc = raw["id"]
        arts = rec.get("articles") or [{}]
        for ev in rec.get("events", []):
            art = arts[min(ev.get("article") or 0, len(arts) - 1)]
            countries = sorted({a["code"] for a in ev["source"] + ev["recipient"] if a.get("code")})
            sentence = " ".join(ev.get("event_text") or [])
            rows.append(json.dumps({
                "key": candidate_key(doc, sentence, ev["event"][0], countries), "doc": doc, "draw": kind,
                "outlet": raw.get("outlet"), "section": raw.get("category"), "title": art.get("title"),
                "sentence": sentence, "category": ev["event"][0], "countries": countries,
                "source": [[a.get("code"), a.get("actor_text")] for a in ev["source"]],
                "recipient": [[a.get("code"), a.get("actor_text")] for a in ev["recipient"]],
                "trigger": ev.get("trigger"), "context": ev.get("context"), "mode": ev.get("mode"),
                "confidence": ev.get("confidence"), "label": None, "note": ""}, ensure_ascii=False) + "\n")
    if args.sample and len(rows) > args.sample:
        rows = random.Random(args.seed).sample(rows, args.sample)
    Path(args.out).write_text("".join(rows), "utf-8")
    print(f"{len(drawn)} articles drawn, {len(rows)} candidates written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
