"""Is this word a name? Evidence for and against a word starting a personal name.

For: the word is a known given name (the given-name units of the romanizer's name table, built from
Wikidata and Algerian civil names, plus the first words of the KB's multi-word person aliases).
Against: the word is a particle ("قد استذكر", "لن يزور") or has the shape of an Arabic verb in the
imperfect ("يستقبل", "سيبحثان", "تحظى") or a perfect verb with an object pronoun ("قدمه", "رفعها").
Foreign names often start with ي ت ن too ("يوليا", "تيريزا", "نيكولا"), so a verb shape counts only
when the word, or its stem without the prefix, is frequent as an ordinary word, or the shape is a
derived-stem prefix no name uses (يست، يت، ين، تست، نست).

All words are :func:`marsad.textnorm.fold_key` forms.
"""
from __future__ import annotations

from functools import lru_cache

from ..textnorm import fold_key

# Particles that introduce a verb: whatever follows them is a clause, not a name.
PARTICLES = frozenset(fold_key(w) for w in (
    "قد", "لقد", "فقد", "وقد", "سوف", "لن", "لم", "ولم", "ولن", "لا", "ما", "لما", "إذ", "إذا", "كان", "كانت", "وكان",
    "وكانت", "قال", "قالت", "أن", "إن", "أنه", "إنه", "أنها", "إنها", "بأن", "لأن", "كي", "لكي", "حتى", "هل", "ليس",
    "هو", "هي", "هم", "يجب", "تم", "ثم", "كما", "وكما", "أيضا", "الذي", "التي", "الذين"))

# Prefixes of derived verb stems in the imperfect (forms V-X) and the future سـ: no name starts so.
_DERIVED_PREFIXES = ("يست", "تست", "نست", "سيست", "ستست", "يت", "سيت")
_IMPERFECT = ("سي", "ست", "سن", "ي", "ت", "ن")
_OBJECT_PRONOUNS = ("ها", "هم", "هما", "ه")


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Folded given names: the romanizer's table and the KB's first names."""
    out: set[str] = set()
    try:
        import sqlite3
        from importlib import resources

        path = resources.files("arabic_name_romanizer").joinpath("resources/names.sqlite3")
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            rows = db.execute("SELECT DISTINCT arabic_key FROM units WHERE role = 'given'").fetchall()
        out.update(fold_key(k) for (k,) in rows)
    except Exception:  # noqa: BLE001 - an optional table: the KB's names still count
        pass
    from ..kb import KB

    for p in KB.load().persons():
        for alias in (p.name_ar,) + tuple(p.aliases_ar):
            toks = fold_key(alias).split()
            if len(toks) > 1:
                out.add(toks[0])
    out.discard("")
    return frozenset(out)


@lru_cache(maxsize=1)
def kb_name_words() -> frozenset[str]:
    """Every word of the KB's person aliases ("نتنياهو" is frequent, but a name)."""
    from ..kb import KB

    return frozenset(w for p in KB.load().persons() for a in (p.name_ar,) + tuple(p.aliases_ar) for w in fold_key(a).split())


def is_given_name(word: str) -> bool:
    return word in given_names()


def verb_like(word: str, common: frozenset[str]) -> bool:
    """The word reads as a verb or a particle-led clause, not as a name: "يستقبل", "قد", "سيبحثان"."""
    if word in PARTICLES:
        return True
    if word in kb_name_words() or is_given_name(word):
        return False
    if len(word) >= 5 and word.startswith(_DERIVED_PREFIXES):
        return True
    for pre in _IMPERFECT:
        if word.startswith(pre) and len(word) - len(pre) >= 2:
            stem = word[len(pre):]
            # "يبحثان", "تلتقي": the stem or the word is an ordinary word; duals/plurals end the verb
            dual = pre in ("ي", "سي") and word.endswith(("ان", "ون")) and len(word) >= 5  # "يبحثان", "سيلتقون"
            if word in common or stem in common or dual:
                return True
    for suf in _OBJECT_PRONOUNS:
        # "قدمه", "رفعها", "حدده": a verb or noun carrying a possessive/object pronoun
        if word.endswith(suf) and len(word) - len(suf) >= 3 and word[:-len(suf)] in common:
            return True
    return False
