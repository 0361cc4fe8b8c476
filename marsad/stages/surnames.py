"""Later bare surnames that are also ordinary words.

The mention layer does not read an ordinary word as a name ("ماي" is the month of May in Maghrebi
Arabic, "كيري" and "سلام" are words too), so after "رئيسة الوزراء البريطانية تيريزا ماي" a later "وأعلنت
ماي أمس الأربعاء أن بريطانيا ستطرد 23 دبلوماسيا روسيا" names no one, and the expulsion loses its
official. Once the document has named a knowledge-base person in full, a later bare occurrence of that
person's surname is the person when the words around it read as a clause about someone: a verb right
before or after it, and no number or month context ("في ماي 2017", "15 ماي").
"""
from __future__ import annotations

import re

from ..doc import Document, Entity, Mention
from ..frames import frame_lexicon
from ..ner.names import word_zipf
from ..textnorm import fold_key
from .entities import Tok, tokens_of
from .statements import statement_lexicon

_ORDINARY_ZIPF = 3.0  # a surname this frequent as a word is left out by the mention layer
_DATE_WORDS = frozenset({"في", "شهر", "من", "منذ", "حتى", "الي", "مطلع", "منتصف", "اواخر", "نهايه", "بدايه"})
_DIGITS = re.compile(r"\d")


def later_surnames(doc: Document, entities: dict[str, Entity]) -> list[Mention]:
    """New PER mentions (source ``context``) for bare ordinary-word surnames of the KB persons
    ``entities`` holds, after each person's first full mention; they are added to the entities too."""
    covered = [(m.start, m.end) for m in doc.mentions]
    out: list[Mention] = []
    for ent in entities.values():
        if ent.type != "PER" or not ent.kb_id or not ent.mentions:
            continue
        words = fold_key(ent.mentions[0].text).split()
        surname = words[-1] if len(words) >= 2 else None
        if not surname or word_zipf().get(surname, 0.0) < _ORDINARY_ZIPF:
            continue
        first = min(m.end for m in ent.mentions)
        for si, sent in enumerate(doc.sentences):
            if sent.end <= first:
                continue
            toks = tokens_of(doc, sent.start, sent.end)
            for k, t in enumerate(toks):
                bare = t.text[1:] if t.text[:1] in ("و", "ف") and t.text[1:] == surname else t.text
                if bare != surname or t.start < first or any(a < t.end and t.start < b for a, b in covered):
                    continue
                if not _about_someone(toks, k):
                    continue
                start = t.start + (len(t.text) - len(bare))
                m = Mention(start, t.end, doc.raw[start:t.end], "PER", "context", sentence=si, entity=ent.id)
                ent.mentions.append(m)
                out.append(m)
                covered.append((start, t.end))
    return out


def _about_someone(toks: list[Tok], k: int) -> bool:
    """A verb right before or after the word, and no date around it: "وأعلنت ماي أمس", "ماي قالت"."""
    prev = toks[k - 1].text if k > 0 else ""
    nxt = toks[k + 1].text if k + 1 < len(toks) else ""
    if prev in _DATE_WORDS or _DIGITS.search(prev) or _DIGITS.search(nxt):
        return False
    return _verb(prev) or _verb(nxt)


def _verb(word: str) -> bool:
    """A verb of saying or an event verb (the statement and frame lexicons' verb forms)."""
    if not word:
        return False
    said = statement_lexicon().report.get(word)
    if said is not None and said[1].pos == "verb":
        return True
    got = frame_lexicon().lookup(word)
    return got is not None and got[1].pos == "verb"
