"""Document-level attributes for a second-stage CRF (stacking, after Krishnan & Manning 2006, "An
Effective Two-Stage Model for Exploiting Non-Local Dependencies in Named Entity Recognition", ACL).

A first CRF tags every sentence of a document; the second CRF gets, beside the first one's
attributes, what the first one said of the *other* occurrences of each word in the same document:
news repeat a name, often first in a clear context ("قال X") and later alone. For a token whose folded
word (:func:`doc_key`) occurs elsewhere in the document:

* ``dt=TYPE``    the entity type most often given to those other occurrences (ties: the first type
  in :data:`TYPES` order), when any of them was tagged as an entity;
* ``dtall=TYPE`` the same, when none of them was left ``O``;
* ``dt=O``       all other occurrences were left ``O``.

Nothing for words of one or two letters, nor for a word's only occurrence. In training the first-stage
labels are out-of-fold (jackknifed, ``scripts/train_ner.py --stacked``), so the second CRF learns
how far to trust them on text the first one has not seen. A document is an article in the pipeline
and a block of :data:`DOC_SENTS` consecutive sentences of a BIO file (as in ``marsad ner-eval``).
"""
from __future__ import annotations

from functools import lru_cache

from marsad.ner.bio import TYPES
from marsad.textnorm import fold

__all__ = ["DOC_SENTS", "doc_key", "doc_attrs"]

# the sentences of a BIO file read as one document (the file marks no documents; ANERcorp keeps each
# article's sentences together): marsad ner-eval and the training of the second stage
DOC_SENTS = 20


@lru_cache(maxsize=65536)
def doc_key(tok: str) -> str | None:
    """The folded word a token is matched on across the document; None for one or two letters
    (cached: news repeat their words)."""
    k = fold(tok)
    return k if len(k) > 2 else None


def doc_attrs(sents: list[list[str]], labels: list[list[str]]) -> list[list[list[str]]]:
    """The document attributes of each token of ``sents`` (one document: lists of tokens) given the
    first-stage BIO ``labels`` of the same shape: ``[sentence][token] -> list of attribute strings``."""
    keys = [[doc_key(t) for t in toks] for toks in sents]
    kinds = [[y[2:] if y != "O" else "O" for y in ys] for ys in labels]
    seen: dict[str, dict[str, int]] = {}  # word -> {kind: occurrences}
    for ks, ys in zip(keys, kinds):
        for k, y in zip(ks, ys):
            if k:
                c = seen.get(k)
                if c is None:
                    c = seen[k] = {}
                c[y] = c.get(y, 0) + 1
    out: list[list[list[str]]] = []
    for ks, ys in zip(keys, kinds):
        row: list[list[str]] = []
        for k, own in zip(ks, ys):
            c = seen[k] if k else None
            if c is None or (len(c) == 1 and c[own] == 1):  # no word, or its only occurrence
                row.append([])
                continue
            # the other occurrences: the token itself is not its own evidence
            best, most = "", 0
            for t in TYPES:  # the first of equal counts in TYPES order
                n = c.get(t, 0) - (own == t)
                if n > most:
                    best, most = t, n
            left_o = c.get("O", 0) - (own == "O")
            if best:
                row.append(["dt=" + best] if left_o > 0 else ["dt=" + best, "dtall=" + best])
            else:
                row.append(["dt=O"] if left_o > 0 else [])
        out.append(row)
    return out
