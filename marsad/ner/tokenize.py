"""Offset-preserving word tokenizer for Arabic news text.

``tokenize(text)`` returns ``(start, end)`` character offsets into ``text``. Punctuation (Arabic
and Latin: ، ؛ ؟ . : " « » ( ) ...) is split off words, numbers keep their decimal/thousands
separators (``3.5``, ``1,200``, ``٣٫٥``), and hyphenated names stay whole (``سو-35``, ``F-16``).
Arabic diacritics and tatweel stay attached to the word they decorate.
"""
from __future__ import annotations

import re

# Word characters: \w (letters, digits, underscore) plus Arabic combining marks and tatweel, which
# Python does not count as \w.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200c\u200d"
_W = rf"[\w{_MARKS}]"
_TOKEN_RE = re.compile(
    rf"""
    \d+(?:[.,\u066b\u066c]\d+)+(?!{_W})        # number with decimal/thousands separators
    | {_W}+(?:[-\u2010\u2011]{_W}+)*            # word, possibly hyphenated (سو-35, F-16)
    | \S                                        # any other single visible character
    """,
    re.VERBOSE,
)

# Tokens that end a sentence for tagging purposes.
SENTENCE_END = frozenset({".", "!", "?", "؟", "…", "!", "?", "。"})


def tokenize(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into tokens; return their ``(start, end)`` character offsets."""
    return [m.span() for m in _TOKEN_RE.finditer(text)]


def sentences(text: str, tokens: list[tuple[int, int]] | None = None,
              max_len: int = 120) -> list[list[tuple[int, int]]]:
    """Group tokens into sentences: break after ``.``/``!``/``?``/``؟``, at line breaks, and every
    ``max_len`` tokens at the latest (long chunks cost nothing in accuracy for a CRF but the
    training data was sentence-split)."""
    if tokens is None:
        tokens = tokenize(text)
    out: list[list[tuple[int, int]]] = []
    cur: list[tuple[int, int]] = []
    prev_end = 0
    for s, e in tokens:
        if cur and "\n" in text[prev_end:s]:
            out.append(cur)
            cur = []
        cur.append((s, e))
        prev_end = e
        if (e - s == 1 and text[s] in SENTENCE_END) or len(cur) >= max_len:
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out
