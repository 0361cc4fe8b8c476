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
    """The folded word is in the given-name list (:func:`given_names`)."""
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


@lru_cache(maxsize=1)
def word_zipf() -> dict[str, float]:
    """Folded Arabic word -> Zipf frequency (``data/names_ordinary_words.txt``, from wordfreq; words of
    Zipf >= 3.0 only: a word absent from the table is rare)."""
    from importlib import resources

    text = resources.files("marsad.data").joinpath("names_ordinary_words.txt").read_text("utf-8")
    out: dict[str, float] = {}
    for line in text.split("\n"):
        if line and not line.startswith("#"):
            word, _, z = line.partition("\t")
            out[word] = float(z)
    return out


# A word at least this frequent in general Arabic text, and neither a given name nor a KB name word,
# is an ordinary word ("مهلة" 3.6, "خاطئ" 4.1, "إيجابي" 4.2) when only a title vouches for it as a name.
# Famous foreign surnames are as frequent (ميسي 4.2, هتلر 4.2, غراهام 3.6): a span the NER model found
# needs a stronger sign, a proclitic on an ordinary word ("بنفوذ كبير", "بفيديو توضيحي").
ORDINARY_ZIPF = 3.0
GIVEN_NAME_ZIPF = 5.0  # a given name this frequent is mostly the word (كبير 5.7, جيد 5.1; محمد 6.1 is in the KB)
_CLITIC_ARTICLES = ("بال", "وال", "فال", "كال", "لل", "وبال", "ولل")


def _zipf(word: str) -> float:
    return word_zipf().get(word, 0.0)


def ordinary_word(word: str, common: frozenset[str] = frozenset()) -> bool:
    """``word`` (folded) is frequent in general text (or in ``common``), and no KB name word nor a given
    name, unless it is far more frequent than names are ("كبير", "جيد": the given-name table lists them)."""
    if word in kb_name_words() or (is_given_name(word) and _zipf(word) < GIVEN_NAME_ZIPF):
        return False
    return _zipf(word) >= ORDINARY_ZIPF or word in common


def clitic_on_ordinary(word: str, common: frozenset[str] = frozenset()) -> bool:
    """``word`` is a proclitic (و ف ب ل ك) on an ordinary word of four letters or more ("بنفوذ", "بفيديو",
    "وتصفيق"), and rarer as a whole than without it; "بوريس" or "فليك" are not."""
    if len(word) < 5 or word[0] not in "وفبلك" or word in kb_name_words() or is_given_name(word):
        return False
    rest = word[1:]
    return ordinary_word(rest, common) and _zipf(rest) > _zipf(word)


# Latin letters spelled in Arabic: a span of them is an acronym ("بي بي سي", "تي يو 160"), no name.
LETTER_NAMES = frozenset(fold_key(w) for w in (
    "إيه", "بي", "سي", "دي", "إي", "إف", "جي", "إتش", "آي", "جيه", "كيه", "كي", "إل", "إم", "إن", "أو", "بيه",
    "كيو", "آر", "إس", "تي", "يو", "في", "دبليو", "إكس", "واي", "زد", "زي", "اف", "ان", "اس", "ام"))
# Words a name does not end in: the model stopped inside it ("سيف بن", "أبو عبد").
_OPEN_ENDS = frozenset(fold_key(w) for w in ("بن", "ابن", "بنت", "أبو", "أبي", "عبد", "آل", "ولد"))
# Prepositions, conjunctions and relatives never stand inside a name.
_FUNCTION_WORDS = frozenset(fold_key(w) for w in (
    "في", "من", "على", "عن", "إلى", "مع", "حول", "ضد", "منذ", "عند", "لدى", "أن", "إن", "الذي", "التي", "الذين",
    "هذا", "هذه", "ذلك", "تلك", "أو", "ثم", "لكن", "بل", "قد", "لم", "لن", "كما", "حيث"))
# Second halves of compound given names: a span starting with one lost its first half ("الدين بن يوسف").
_SECOND_HALVES = frozenset(fold_key(w) for w in ("الدين", "الله", "الرحمن", "العابدين"))


def not_a_name(words: list[str], common: frozenset[str] = frozenset(), title_only: bool = False) -> str | None:
    """Why the folded ``words`` of a person span the KB does not know cannot be a name, or None.

    Spelled Latin letters are an acronym ("بي بي سي"); a span ending in بن/أبو/عبد or starting with
    الدين/الله was cut by the model inside a name.
    A name does not start with an article behind a proclitic ("بالسخيفة", "والألمونيوم"), a lone word
    with the article is an adjective or a noun ("الكيماوي", "المنفى"), a span starting with a proclitic
    on an ordinary word is a phrase ("بنفوذ كبير"); with ``title_only`` (no NER or KB mention, only a
    title before it) a span of ordinary words is a phrase too ("مهلة", "خاطئ", "مقلق ومحبط")."""
    if not words:
        return "empty"
    first = words[0]
    if len(words) == 1 and first.startswith("ال") and _zipf(first) >= 3.5 and not is_given_name(first):
        # "المنفى", "النسور": a frequent word with the article that no KB person was linked for, even
        # when some KB person's surname is spelled so (المنفي)
        return "a lone word with the article"
    if all(w in LETTER_NAMES or (w[:1] in "لب" and w[1:] in LETTER_NAMES) for w in words):
        return "an acronym"
    if len(words) == 1 and (first in PARTICLES or (first[:1] in "وفل" and first[1:] in PARTICLES)):
        return "a particle"  # "فإن" after a title
    if words[-1] in _OPEN_ENDS:
        return "a name cut short"
    if first in _SECOND_HALVES:
        return "a compound name without its first half"
    if first in kb_name_words():
        return None
    if first.startswith(_CLITIC_ARTICLES) and not is_given_name(first) and \
            (len(words) == 1 or _zipf("ال" + first[2:] if first.startswith("لل") else first[first.index("ال"):])):
        return "article behind a proclitic"  # "بالتازار جارزون" (Baltasar) is a name: التازار is no word
    if len(words) == 1 and first.startswith("ال"):
        return "a lone word with the article"
    if clitic_on_ordinary(first, common):
        return "a proclitic on an ordinary word"
    if any(w in _FUNCTION_WORDS for w in words[1:]):
        return "a function word inside"  # "دينا اتفاق واضح حول": the model ran on into the sentence
    ordinary = all(ordinary_word(w, common) or w in PARTICLES or clitic_on_ordinary(w, common) for w in words)
    if ordinary and (title_only or (len(words) > 1 and any(w.startswith("ال") for w in words))):
        return "ordinary words"  # "مهلة" after a title; "غاز الطهي", "ناشطون المعارضون" anywhere
    return None
