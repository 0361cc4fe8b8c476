"""BIO tag sequences: entity spans out of them and repairs of invalid ones.

Shared by the tagger (:mod:`marsad.ner.model`) and its evaluation (:mod:`marsad.ner.evaluate`),
which therefore no longer import each other.
"""
from __future__ import annotations

__all__ = ["TYPES", "bio_spans", "fix_bio"]

TYPES = ("PERS", "LOC", "ORG", "MISC")  # the entity types of the tag set


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end, TYPE)`` (token indices, end exclusive) of a BIO sequence.

    An ``I-X`` that does not continue an ``X`` entity opens a new one (CoNLL ``conlleval``
    behaviour)."""
    spans: list[tuple[int, int, str]] = []
    start, typ = -1, ""
    for i, tag in enumerate(tags):
        if tag.startswith("B-") or (tag.startswith("I-") and tag[2:] != typ):
            if typ:
                spans.append((start, i, typ))
            start, typ = i, tag[2:]
        elif not tag.startswith("I-"):
            if typ:
                spans.append((start, i, typ))
            start, typ = -1, ""
    if typ:
        spans.append((start, len(tags), typ))
    return spans


def fix_bio(tags: list[str]) -> list[str]:
    """Make a tag sequence valid BIO: an ``I-X`` not continuing an ``X`` becomes ``B-X``."""
    out = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out
