"""``ner-eval``: tag a BIO file with the committed NER model and print CoNLL-style span scores.

Usage: ``python -m marsad.ner.evaluate FILE`` (or ``marsad ner-eval FILE``). FILE has one token per
line with its tag in the last column, blank lines between sentences. Scores are micro
precision/recall/F1 over exactly matching entity spans (type and boundaries), per type and overall.
Tags are normalised to PERS/LOC/ORG/MISC (PER -> PERS, MIS -> MISC, GPE/FAC -> LOC, ...).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

from marsad.ner.bio import TYPES, bio_spans
from marsad.ner.stacked import DOC_SENTS

__all__ = ["TYPES", "TYPE_MAP", "norm_tag", "read_bio", "bio_spans", "score", "evaluate_file", "main"]


# Tag-type normalisation for the common PERS/LOC/ORG/MISC set; types absent here become O.
TYPE_MAP = {
    "PERS": "PERS", "PER": "PERS", "PERSON": "PERS",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC", "LOCATION": "LOC",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "MISC": "MISC", "MIS": "MISC", "EVENT": "MISC", "CURR": "MISC", "PRODUCT": "MISC",
}


def norm_tag(tag: str, type_map: dict[str, str] = TYPE_MAP) -> str:
    """Normalise one BIO tag ("B-PER" -> "B-PERS", "B-NORP" -> "O", "I-MIS" -> "I-MISC")."""
    if not tag or tag == "O" or len(tag) < 3 or tag[1] != "-" or tag[0] not in "BI":
        return "O"
    t = type_map.get(tag[2:].upper())
    return tag[0] + "-" + t if t else "O"


def read_bio(path: str | Path, column: int = -1, type_map: dict[str, str] = TYPE_MAP,
             skip_tokens: frozenset[str] = frozenset({"$#$"})) -> list[tuple[list[str], list[str]]]:
    """Read a token-per-line BIO file into (tokens, tags) sentences.

    The token is the first whitespace-separated field and the tag is field ``column`` (last by
    default); lines with a single field whose token is blank (stray space tokens in ANERcorp) are
    dropped, as are ``skip_tokens`` (Wojood's ``$#$`` paragraph markers).
    """
    sents: list[tuple[list[str], list[str]]] = []
    toks: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if not parts:
                if toks:
                    sents.append((toks, tags))
                    toks, tags = [], []
                continue
            if len(parts) == 1 or parts[0] in skip_tokens:
                continue
            col = column if -len(parts) <= column < len(parts) else -1
            if col == 0:
                col = -1
            toks.append(parts[0])
            tags.append(norm_tag(parts[col], type_map))
    if toks:
        sents.append((toks, tags))
    return sents


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "support": n_gold}


def score(gold: list[list[str]], pred: list[list[str]], types: tuple[str, ...] = TYPES) -> dict:
    """Exact-span micro P/R/F1 per type and overall for parallel lists of BIO sequences."""
    tp = dict.fromkeys(types, 0)
    npred = dict.fromkeys(types, 0)
    ngold = dict.fromkeys(types, 0)
    for g, p in zip(gold, pred, strict=True):
        gs = set(bio_spans(g))
        ps = set(bio_spans(p))
        for s in gs:
            if s[2] in ngold:
                ngold[s[2]] += 1
        for s in ps:
            if s[2] in npred:
                npred[s[2]] += 1
                if s in gs:
                    tp[s[2]] += 1
    out = {t: _prf(tp[t], npred[t], ngold[t]) for t in types}
    out["micro"] = _prf(sum(tp.values()), sum(npred.values()), sum(ngold.values()))
    return out


def evaluate_file(path: str | Path, tagger=None) -> dict:
    """Tag the sentences of a BIO file with the committed model; return the score dict plus token
    and sentence counts."""
    from marsad.ner.model import NerTagger

    tagger = tagger or NerTagger.load()
    sents = read_bio(path)
    gold = [tags for _, tags in sents]
    # The file has no document boundaries: consecutive blocks of DOC_SENTS sentences stand in for
    # documents (ANERcorp keeps each article's sentences together).
    pred = []
    for i in range(0, len(sents), DOC_SENTS):
        pred += tagger.tag_document([toks for toks, _ in sents[i:i + DOC_SENTS]])
    out = score(gold, pred)
    out["tokens"] = sum(len(t) for t in gold)
    out["sentences"] = len(sents)
    out["model"] = getattr(tagger, "model_path", Path("?")).name
    return out


def main(argv: list[str] | None = None) -> int:
    """``ner-eval FILE``: print the JSON scores of :func:`evaluate_file`; exit 2 for a bad usage or a missing file."""
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 1 or argv[0] in ("-h", "--help"):
        print("usage: ner-eval FILE  (token-per-line BIO file, tag in the last column)",
              file=sys.stderr)
        return 2
    path = Path(argv[0])
    if not path.is_file():
        print(f"ner-eval: no such file: {path}", file=sys.stderr)
        return 2
    print(json.dumps(evaluate_file(path), ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
