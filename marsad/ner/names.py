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
_FUTURE = ("سي", "ست", "سن", "سا")  # the future particle س on an imperfect (folded "سأ" too)
_FUTURE_BASE_ZIPF = 4.0  # the imperfect without it is this frequent: no name of the NER corpora starts so


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


_ACCUSATIVE_STEM_ZIPF = 3.0  # wordfreq Zipf of "عازم" (3.3): an ordinary word whose accusative form ends in alif


def verb_like(word: str, common: frozenset[str]) -> bool:
    """The word reads as a verb or a particle-led clause, not as a name: "يستقبل", "قد", "سيبحثان"."""
    if word in PARTICLES:
        return True
    if word in kb_name_words() or is_given_name(word):
        return False
    if len(word) >= 5 and word.startswith(_DERIVED_PREFIXES):
        return True
    if len(word) >= 5 and word.startswith(_FUTURE) and word_zipf().get(word[1:], 0.0) >= _FUTURE_BASE_ZIPF:
        return True  # "ولي العهد السعودي ستركز": the future particle on a frequent imperfect ("تركز", "يزور")
    for pre in _IMPERFECT:
        if word.startswith(pre) and len(word) - len(pre) >= 2:
            stem = word[len(pre):]
            # "يبحثان", "تلتقي": the stem or the word is an ordinary word; duals/plurals end the verb
            dual = pre in ("ي", "سي") and word.endswith(("ان", "ون")) and len(word) >= 5  # "يبحثان", "سيلتقون"
            if word in common or stem in common or dual:
                return True
    stem = word[:-1]
    if word.endswith("ا") and (len(stem) == 4 and stem[1] == "ا" or len(stem) >= 4 and stem[0] == "م" and stem[-1] != "ي") \
            and word_zipf().get(stem, 0.0) >= _ACCUSATIVE_STEM_ZIPF:
        # "كان الرئيس عازما على", "مستعدا": a participle (فاعل, مُفعِل …) with the accusative alif, no name ("ميلانيا",
        # "يلينا", "فقها" keep theirs)
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
    if title_only and len(words) == 1 and _zipf(first) >= 4.0 and not (first in kb_name_words() and _zipf(first) < 5.0):
        # "أمر جميل", "لوزير عربي", "أمر مقبول": one frequent word after a title is the sentence's, even when
        # the permissive given-name table or some KB alias holds it; a bare KB name word rarer than Zipf 5
        # ("صلاح") after a title stays a name
        return "an ordinary word after a title"
    if first in kb_name_words():
        return None
    if title_only and len(words) == 1 and (past_verb(first) or _event_verb(first)):
        # "الأمير السعودي والأمين العام للأمم المتحدة شهدا توقيع …", "إن الوزير سيزور باريس"
        return "a verb after a title"
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


# --- Edges and insides of a person span (issue 11, second wave) ------------------------------------

@lru_cache(maxsize=1)
def past_verb_class() -> frozenset[str]:
    """Folded words of the distributional word class (``data/ner_wordclasses.tsv``, 64 classes) that holds
    "قال", "أكد" and "أعلن": the perfect verbs of news narration ("تزوجت", "ارتدت", "غادر"). Found by those
    anchors, not by a class number, so a rebuilt table still works. Empty when the table is missing."""
    from importlib import resources

    try:
        text = resources.files("marsad.data").joinpath("ner_wordclasses.tsv").read_text("utf-8")
    except FileNotFoundError:
        return frozenset()
    cls: dict[str, str] = {}
    for line in text.split("\n"):
        if line and not line.startswith("#"):
            parts = line.split("\t")
            if len(parts) > 1:
                cls[parts[0]] = parts[1]
    anchors = [cls[w] for w in ("قال", "اكد", "اعلن") if w in cls]
    if not anchors:
        return frozenset()
    verb = max(set(anchors), key=anchors.count)
    return frozenset(w for w, c in cls.items() if c == verb)


_PAST_SUFFIXES = ("تما", "تم", "وا", "تا", "ت", "ا")  # "غادرا" (dual), "رفعتم", "وصلوا"


def past_verb(word: str) -> bool:
    """The folded word is a perfect verb of the narration class, possibly with و/ف before it or a subject
    suffix after it ("تزوجت", "ارتدت", "غادرا" from غادر, "رفعتم" from رفع); a KB name word or a given name
    rarer than the verb reading is left alone ("رفعت" is a name too)."""
    verbs = past_verb_class()
    if not verbs or word in kb_name_words():
        return False
    if is_given_name(word) and _zipf(word) < 4.0:
        return False
    from .features import name_classes

    if name_classes().get(word) and not _frequent_verb_number(word, verbs):
        return False  # "أدين" is a verb and Eden a surname of the name table ("إدين هازار")
    forms = [word] + ([word[1:]] if len(word) > 3 and word[0] in "وف" else [])
    for w in forms:
        if w in verbs:
            return True
        if _zipf(w):
            continue  # a written word of its own ("ماتا", Mata), not a form of the verb (مات) found by its suffix
        for suf in _PAST_SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3 and w[:-len(suf)] in verbs and not is_given_name(w):
                return True
    return False


def _event_verb(word: str) -> bool:
    """The folded word is a verb form of an event frame (``data/frames.json``): "سيزور", "يلتقي", "هاجم"."""
    from ..frames import frame_lexicon

    got = frame_lexicon().lookup(word)
    return got is not None and got[1].pos == "verb" and not is_given_name(word) and word not in kb_name_words()


_VERB_STEM_ZIPF = 4.5  # a perfect this frequent keeps its dual or plural reading over a rare name spelled so
_RARE_WORD_ZIPF = 3.0


def _frequent_verb_number(word: str, verbs: frozenset[str]) -> bool:
    """A rare word that is the dual or plural of a very frequent narration verb: "شهدا" (they two witnessed,
    after "الأمير السعودي والأمين العام"), though the name table holds it as a surname."""
    return _zipf(word) < _RARE_WORD_ZIPF and any(
        word.endswith(suf) and word[:-len(suf)] in verbs and _zipf(word[:-len(suf)]) >= _VERB_STEM_ZIPF
        for suf in ("وا", "ا"))


# Prepositions with a pronoun ("عنه", "عليها", "له"): a name never ends in one ("محمد صلاح عنه").
_PRONOUN_PREPOSITIONS = frozenset(p + e for p in ("عن", "من", "ل", "ب", "علي", "الي", "في", "مع", "لدي", "عند", "منذ")
                                  for e in ("ه", "ها", "هم", "هما", "هن", "نا"))
# Raw spellings of prepositions and adverbs that fold onto names ("على" is علي, "إلى" ...), or that are
# never names ("عبر"): a name never ends in one ("صلاح على مستواه", "جوان محمد عبر").
_RAW_PREPOSITIONS = frozenset(("على", "إلى", "الى", "حتى", "لدى", "عبر", "عن", "في", "من", "مع", "ضد", "حول", "بين",
                               "خلال", "منذ", "عند", "نحو", "لدي", "إبان", "ابان"))


def _arabic(word: str) -> bool:
    return any("\u0621" <= ch <= "\u064a" for ch in word)


def ends_no_name(word: str, raw: str = "", common: frozenset[str] = frozenset()) -> str | None:
    """Why the folded ``word`` (written ``raw``) cannot be the last word of a name, or None.

    "جوليان دراكسلر بـ40" (a number), "صلاح على" / "محمد صلاح عنه" (a preposition, bare or with a
    pronoun), "محمد صلاح لخوض", "أمبر رود لإصدار", "ناعومي كامبل بفستان" (ل/ب on an ordinary word or a
    verbal noun), "كوبر بالنني" (a proclitic before the article), "برنار هنري ليفي فلقد" (a particle),
    "كيت غادرا" (a verb). A KB name word or a given name rarer than Zipf 4 always ends a name well."""
    if any(ch.isdigit() for ch in word):
        return "a number"
    if raw in _RAW_PREPOSITIONS or (word in _FUNCTION_WORDS and word not in ("علي", "الي")) or word in _PRONOUN_PREPOSITIONS:
        return "a preposition"  # folded على is the name علي: only its spelling with ى is the preposition
    if word in PARTICLES or (word[:1] in "وف" and word[1:] in PARTICLES):
        return "a particle"
    if word in kb_name_words() or (is_given_name(word) and _zipf(word) < 4.0):
        return None
    if len(word) >= 4 and word[0] in "لب" and not is_given_name(word):
        # ل of purpose on a verbal noun ("لخوض", "لإصدار"), ب on a noun ("بفستان", "بحقيبة"); not before the
        # article ("بالادينو", "لالويت", "بالفلاح" are surnames), ي or و ("ليفي", "بيجن", "لوبان"), nor a nisba
        # ("بلاتيني")
        rest = word[1:]
        from .features import name_classes

        # nor a surname of the name tables ("بلايك", "باير"), nor an adjective of the pattern فعيل ("لقديم")
        adjective = len(rest) == 4 and rest[2] == "ي"
        if rest[0] not in "يو" and not rest.startswith("ال") and not rest.endswith("ي") and _zipf(rest) >= 3.5 \
                and not adjective and not name_classes().get(word) \
                and ordinary_word(rest, common) and _zipf(rest) > _zipf(word):
            return "a proclitic on a word"
    if len(word) >= 5 and word[0] in "لب" and word[1:3] == "ال" and _zipf(word[1:]) >= 3.5 and _zipf(word) < _zipf(word[1:]):
        return "a proclitic on a word"  # "مقتدى الصدر بالعيد", "صلاح بالتبديل"; "بالادينو" (no word الادينو) stays
    for suf in ("هما", "هم", "ها", "ه"):
        stem = word[:-len(suf)]
        if word.endswith(suf) and len(stem) >= 3 and _zipf(stem) >= 3.5 and _zipf(word) < _zipf(stem) \
                and not name_word(word) and not name_word(stem):
            return "a noun with a pronoun"  # "إيلون ماسك صاروخه"; "محمد عبده" is a name of the tables
    if verb_like(word, common) or past_verb(word):
        return "a verb"
    return None


def starts_no_name(word: str, common: frozenset[str] = frozenset(), raw: str = "") -> str | None:
    """Why the folded ``word`` (written ``raw``) cannot start a name that has more words after it, or None:
    a Latin word before Arabic ones ("CNN بيكي أندرسون"), a preposition ("إبان عهد مبارك"), a perfect verb
    ("تزوجت ماري")."""
    if not _arabic(word):
        return "a Latin word"
    if raw in _RAW_PREPOSITIONS:
        return "a preposition"
    if word in _PRONOUNS:
        return "a pronoun"  # "أنا دانيال بلايك" (a film title: I, Daniel Blake)
    if past_verb(word) and not is_given_name(word):
        return "a verb"  # "راي برادبري": رأى is a verb and راي a given name; a name wins at a name's start
    return None


# Words that name a place, a building, an organisation or a prize: a name right after one is the thing's
# ("ملعب جاسم بن حمد", "بمدينة ليستر", "مجمع كيسونغ"), a span starting with one is no person ("بركان فويغو").
PLACE_HEADS = frozenset(fold_key(w) for w in (
    "ملعب", "استاد", "ستاد", "مطار", "مجمع", "شارع", "جامعة", "مستشفى", "سجن", "مدينة", "بلدة", "قرية", "ولاية",
    "مقاطعة", "جزيرة", "بحيرة", "نهر", "جبل", "بركان", "ميدان", "ساحة", "مخيم", "فندق", "مسجد", "جامع", "كنيسة",
    "ميناء", "شركة", "بنك", "مصرف", "صحيفة", "مجلة", "قناة", "نادي", "مهرجان", "جائزة", "مؤسسة", "محافظة",
    "إقليم", "متحف", "معهد", "مدرسة", "كلية", "أكاديمية", "كأس", "منطقة", "بلدية", "حديقة", "جسر"))
# Words that name a work, a campaign or a vessel: a quoted name right after one is its title ('فيلم "بلاك
# بانثر"', 'حملة "مي تو"'); unquoted, the name after them may be its author's ("فيلم ستيفن سبيلبرغ").
WORK_HEADS = frozenset(fold_key(w) for w in (
    "فيلم", "الفيلم", "مسلسل", "كتاب", "رواية", "أغنية", "ألبوم", "برنامج", "حملة", "مسرحية", "سفينة", "مدمرة",
    "المدمرة", "وسم", "هاشتاغ", "شعار", "مجموعة", "لوحة", "قصيدة", "عمل", "عملها", "عمله"))
# Last words of foreign company and organisation names: "رابو بنك", "هيومن رايتس [ووتش]".
ORG_TAILS = frozenset(fold_key(w) for w in (
    "بنك", "ووتش", "غروب", "موتورز", "إيرلاينز", "ايرلاينز", "تايمز", "بوست", "نيوز", "برس", "كورب", "ستوديوز",
    "إنترناشونال", "انترناشونال", "فاونديشن", "ماركت"))


def head_word(word: str) -> bool:
    """The folded ``word``, or it without a proclitic ("بمدينة", "لملعب"), is a head of :data:`PLACE_HEADS`."""
    # never with the article: "المندوب العام للمهرجان تيري فريمو" is the festival's delegate, a person
    return word in PLACE_HEADS or (len(word) > 3 and word[0] in "وفبلك" and (word[1:] in PLACE_HEADS or (
        word[0] in "وف" and word[1] in "بل" and word[2:] in PLACE_HEADS)))


def plural_noun(word: str, common: frozenset[str] = frozenset()) -> bool:
    """The folded ``word`` is a sound masculine plural ("محللون", "محتجون", "ناشطون", "مسلحين"): a participle
    with م, or a frequent word with ون/ين; surnames ending so are in the name tables ("جونسون", "ميلتون")."""
    if not word.endswith(("ون", "ين")) or name_word(word) or len(word) < 5:
        return False
    stem = word[:-2]
    # a participle مفعّل/مفتعل/متفعّل/مستفعل ("محلل", "محتج", "متظاهر", "مستخدم"), not "ماندلسون" (ا after م, -son)
    participle = word[0] == "م" and len(word) >= 6 and stem[1] != "ا" and not stem.endswith("س")
    return participle or (_zipf(stem) >= 3.5 and ordinary_word(stem, common) and _zipf(word) > 0)


def inside_no_name(words: list[str], common: frozenset[str] = frozenset()) -> str | None:
    """Why a span of several folded ``words`` (none a KB person) is no name, or None: a conjunction joining
    two words ("مؤقت ومصطنع", "جاسم وابراهيم": a list or a pair of adjectives), a verb ("ساسكس ارتدت",
    "رفعتم رؤوسنا"), a dual noun ("دولتان جارتان"), a vocative or a particle ("أيها الواحد الطاهر", "أرد
    قط"), a head noun of a place or company ("بركان فويغو", "رابو بنك"), Latin words only ("Everybody
    Knows")."""
    if not any(_arabic(w) for w in words):
        return "Latin words"
    if len(words) == 1 and plural_noun(words[0], common):
        return "a plural noun"  # "ويرى محللون أن", "وقام محتجون بتوزيع الورود"
    if any(w in _VOCATIVES for w in words):
        return "a vocative or particle"
    if head_word(words[0]) and not is_given_name(words[0]):
        return "a place or company word"
    if len(words) > 1 and words[-1] in ORG_TAILS:
        return "a company name"
    if any(conjunction_word(w, common) for w in words[1:]):
        return "a conjunction inside"
    if len(words) > 1 and any(past_verb(w) and not is_given_name(w) for w in words):
        return "a verb inside"
    if any(w.endswith(("تان", "تين")) and len(w) >= 6 and ordinary_word(w[:-3] + "ه", common) and w not in kb_name_words()
           for w in words):
        return "a dual noun"
    return None


_PRONOUNS = frozenset(fold_key(w) for w in ("أنا", "نحن", "أنت", "أنتم", "أنتما"))
_VOCATIVES = frozenset(fold_key(w) for w in ("أيها", "أيتها", "يا", "قط", "كلا", "بلى"))



def conjunction_word(word: str, common: frozenset[str] = frozenset()) -> bool:
    """The folded ``word`` inside a span is و on a name or a word, starting the next item of a list ("جاسم
    وابراهيم", "مؤقت ومصطنع", "سراويل الجينز والويسكي"), not a name written with و ("وايت", "ووكر", "وهبي":
    the whole word is the more frequent reading, or a KB name word or a given name)."""
    rest = word[1:]
    if word[:1] != "و" or len(rest) < 3 or word in kb_name_words() or is_given_name(word):
        return False
    if _zipf(word) >= _zipf(rest) and _zipf(word) > 0:
        return False
    if rest.startswith("ال"):
        return _zipf(rest) > 0  # "والويسكي"; "والدز" (Waldz) is a name
    return rest in kb_name_words() or is_given_name(rest) or ordinary_word(rest, common)


def name_word(word: str) -> bool:
    """The folded ``word`` is in a name table (the romanizer's given names and surnames, the KB's name
    words: :func:`marsad.ner.features.name_classes`) or is a given name: a list item that may be a person
    ("كوريا وبابلو", "صلاح وماني"), where "منفصل", "تكنولوجيا" are words only."""
    from .features import name_classes

    return word in kb_name_words() or is_given_name(word) or bool(name_classes().get(word))
