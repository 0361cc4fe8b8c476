"""The clitic strippers and the word shape of marsad/ner/features.py, which look clitics up by a word's
first or last letter and skip the letter loop for all-Arabic words, give what a plain scan gives."""
from __future__ import annotations

import itertools

from marsad.ner.features import ENCLITICS, PROCLITICS, shape, strip_enclitic, strip_proclitic


def _plain_proclitic(w: str) -> tuple[str, str]:
    for p in PROCLITICS:
        if w.startswith(p) and len(w) - len(p) >= (2 if p.endswith("ال") or p == "لل" else 3):
            return p, w[len(p):]
    return "", w


def _plain_enclitic(w: str) -> tuple[str, str]:
    for s in ENCLITICS:
        if w.endswith(s) and len(w) - len(s) >= 3:
            return w[: -len(s)], s
    return w, ""


def _plain_shape(w: str) -> str:
    out: list[str] = []
    for ch in w:
        c = ("a" if "\u0621" <= ch <= "\u064a" else "L" if "a" <= ch <= "z" else "d" if ch.isdigit()
             else "x" if ch.isalpha() else ch)
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def _words() -> list[str]:
    letters = "وبالفكهمني"
    words = ["".join(p) for n in range(0, 5) for p in itertools.product(letters, repeat=n)]
    words += [a + b for a in PROCLITICS for b in ("", "س", "سد", "سدر", "سدرها")]
    words += [a + b for a in ("", "س", "سد", "سدر") for b in ENCLITICS]
    return words + ["بالسودان", "وللولايات", "F-16", "سو-35", "٣٫٥", "2026", "x", "ﻻ", "—"]


def test_clitic_tables_strip_as_the_plain_scan():
    words = _words()
    assert sum(strip_proclitic(w)[0] != "" for w in words) > 100
    assert sum(strip_enclitic(w)[1] != "" for w in words) > 100
    for w in words:
        assert strip_proclitic(w) == _plain_proclitic(w), w
        assert strip_enclitic(w) == _plain_enclitic(w), w


def test_shape_of_all_arabic_words_and_the_others():
    for w in _words():
        assert shape(w) == _plain_shape(w), w
    assert shape("بالسودان") == "a" and shape("سو-35") == "a-d" and shape("") == ""
