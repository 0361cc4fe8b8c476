"""Draw person entities Marsad finds in ordinary news, for judging by hand (issue 11: "≤ 3 % are not
persons" among PER entities drawn at random from 2,000 ordinary articles).

    python eval/persons_sample.py --out sample.jsonl [--articles 2000] [--sample 300] [--seed 31] [--fresh]

Articles are drawn with a fixed seed from ``../shared/corpus/ant-multisource-dev.jsonl.gz`` (any
section), leaving out every gold-set article (``eval/candidates.py``'s ``draw``). ``marsad extract``
runs on them; every PER entity of every document is a candidate (one per document and entity id) and
``--sample`` of them are kept at random. One line each:

    {"doc", "outlet", "section", "title", "name", "country", "country_basis", "office", "entity",
     "context": the sentence of its first mention, "label": null, "note": ""}

The judge sets ``label`` to ``"person"`` (a person's name, possibly with a stray clitic or title word)
or ``"not_person"`` (an ordinary word, phrase, place, organisation or junk), and ``note``.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from candidates import draw, extract_drawn


def _sentence(text: str, start: int) -> str:
    """The sentence of ``text`` around offset ``start`` (between sentence ends or newlines)."""
    lo = max(text.rfind(c, 0, start) for c in ".\n؟!") + 1
    his = [i for i in (text.find(c, start) for c in ".\n؟!") if i >= 0]
    hi = min(his) + 1 if his else len(text)
    return " ".join(text[lo:hi].split())


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--sample", type=int, default=300)
    ap.add_argument("--seed", type=int, default=31)
    ap.add_argument("--fresh", action="store_true",
                    help="leave out the articles of earlier judged person samples (eval/judged/persons-*.jsonl)")
    args = ap.parse_args()
    drawn = draw(args.articles, 0, 0, args.seed, exclude=judged_docs() if args.fresh else frozenset())
    rows = []
    for (_, raw), rec in extract_drawn(drawn):
        title = (rec.get("articles") or [{}])[0].get("title")
        body = rec_text(rec)
        for e in rec.get("entities") or []:
            if e.get("type") != "PER" or not e.get("mentions"):
                continue
            first = min(e["mentions"], key=lambda m: m["start"])
            rows.append({"doc": raw["id"], "outlet": raw.get("outlet"), "section": raw.get("category"), "title": title,
                         "name": e["name"], "country": e.get("country"), "country_basis": e.get("country_basis"),
                         "office": e.get("office"), "entity": e["id"],
                         "context": _sentence(body, first["start"]), "label": None, "note": ""})
    total = len(rows)
    rows = random.Random(args.seed).sample(rows, min(args.sample, total))
    Path(args.out).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    print(f"{len(drawn)} articles, {total} person entities, {len(rows)} written to {args.out}", file=sys.stderr)
    return 0


def judged_docs() -> set[str]:
    """Record ids of every article an earlier judged person sample drew from: rules were fixed on those,
    so a new round that should measure unseen text leaves them out."""
    out: set[str] = set()
    for path in sorted((Path(__file__).resolve().parent / "judged").glob("persons-*.jsonl")):
        out |= {json.loads(line)["doc"] for line in path.read_text("utf-8").splitlines() if line.strip()}
    return out


def rec_text(rec: dict) -> str:
    """The raw text mention offsets point into: the record's articles in order, as extract lays them out."""
    arts = rec.get("articles") or []
    if not arts:
        return ""
    end = max(a.get("end") or 0 for a in arts)
    buf = [" "] * end
    for a in arts:
        s = a.get("start") or 0
        t = a.get("text") or ""
        buf[s:s + len(t)] = list(t)
    return "".join(buf)


if __name__ == "__main__":
    sys.exit(main())
