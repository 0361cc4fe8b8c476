"""The ``link`` stage: mentions to entities with corpus-global ids.

Persons: within-document coreference (a bare surname or a shorter spelling after the full name),
knowledge-base linking by alias, country and term at the article's date, unnamed office holders
("نظيره الإيراني") resolved through the office-holder table, and a registry that gives a person the
KB does not know the same id in every document of the run; seeded with the store's registry
(``extra_persons`` entries marked ``"registry": True``), the same id in later runs too.

Before clustering, a PER span is cleaned (a preposition, verb or proclitic noun before the name is
cut; "لمانافورت" joins a surname the article wrote) and a KB surname after someone else's given
names is unlinked ("حمد بن علي العطية"). A person the KB does not know must look like a name
(:func:`marsad.ner.names.not_a_name`), and takes the state the words around it give (a nisba or
state before it, an apposition after it).

The date is the first article's published date (:func:`~marsad.stages.entities.article_date`). An
article without one has no date, never the day of the run: no term of office is known to cover it,
so a KB person is linked by name only where the name (with the state of its title) leaves one
candidate (a bare surname also needs his state named in the article; a name under the title of an
international organisation is not linked, as that rests on the term), takes no office from the KB's
terms (the text's title stays), and an unnamed office holder ("نظيره الإيراني", "وزير خارجية تونس")
is resolved to no person: the events keep such a side as its state.
"""
from __future__ import annotations

import copy
import datetime as dt
import difflib
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..doc import Document, Entity, Mention
from ..kb import KB
from ..pipeline import Stage
from ..textnorm import display, fold_key
from .surnames import later_surnames
from ..ner.names import clitic_on_ordinary, is_given_name, kb_name_words, not_a_name, ordinary_word, verb_like
from ..ner.names import LETTER_NAMES, conjunction_word, ends_no_name, inside_no_name, name_word, past_verb, starts_no_name
from ..ner.names import word_zipf
from .entities import _HONORIFICS, _first_name_of, common_words, _possessed_noun, _skip_chars, _variants, article_date, stable_id
from .entities import club_match_story, names_a_thing, phrase_not_name


@dataclass
class Cluster:
    tokens: list[str]
    mentions: list[Mention] = field(default_factory=list)
    kb: Any = None
    country: str | None = None
    office: str | None = None
    sector: str | None = None

    @property
    def key(self) -> str:
        """The cluster's name words joined by spaces: the key of curated persons and of the run registry."""
        return " ".join(self.tokens)


def _zipf_of(word: str) -> float:
    return word_zipf().get(word, 0.0)


def _cut_first_word(doc: Document, m: Mention) -> None:
    """Move the start of ``m`` past its first word and the spaces after it."""
    cut = m.start + len(m.text) - len(m.text.lstrip()) + len(m.text.split()[0])
    while cut < m.end and doc.raw[cut].isspace():
        cut += 1
    m.start, m.text = cut, doc.raw[cut:m.end]


_BORN = frozenset(fold_key(w) for w in ("ولد", "ولدت"))  # "was born", or the ولد of a Mauritanian name inside it
_GLUED_WAW_MIN = 5  # letters of an unknown word read as و + a name (و and four letters at least)
_ACRONYM_LETTERS = 3  # spelled letters in a row that make an acronym ("سي بي دي"); two may be initials ("خافير جي دي")


def _acronym_start(toks: list[str]) -> int | None:
    """Index of the first of :data:`_ACRONYM_LETTERS` Latin letters spelled in Arabic in a row, or of two or
    more after ل or ب ("لبي بي سي"), or None: a name ends before an acronym ("قال الدوسري لبي بي سي")."""
    for k, w in enumerate(toks):
        run = next((n for n in range(1, len(toks) - k) if toks[k + n] not in LETTER_NAMES), len(toks) - k)
        if (w in LETTER_NAMES and run >= _ACRONYM_LETTERS) or (w[:1] in "لب" and w[1:] in LETTER_NAMES and run >= 2):
            return k
    return None


def _cut_last_word(doc: Document, m: Mention) -> None:
    """Move the end of ``m`` before its last word and the spaces before it."""
    body = m.text.rstrip()
    cut = m.start + len(body) - len(body.split()[-1])
    while cut > m.start and doc.raw[cut - 1].isspace():
        cut -= 1
    m.end, m.text = cut, doc.raw[m.start:cut]


def _name_tokens(text: str) -> list[str]:
    """Folded name words without honorifics (a و/ب/ل at a name's start is kept: first names use them)."""
    toks = fold_key(text).split()
    while toks and toks[0] in _HONORIFICS:
        toks = toks[1:]
    return toks


def compatible(short: list[str], long: list[str]) -> bool:
    """``short`` can refer to the person named ``long``: same surname and no clashing first name."""
    if not short or not long:
        return False
    if short == long:
        return True
    if short[-1] != long[-1] and " ".join(short) not in " ".join(long):
        return False
    if len(short) == 1:
        return True
    return short[0] == long[0]


_MAX_NAME_WORDS = 5
_CLOSE_CACHE_SIZE = 20_000  # unknown surnames whose close KB aliases are remembered (a few KB each at most)
# Words around a name that end the search for its state: another party ("ونظيره", "مع"), a clause.
_CONTEXT_STOP = frozenset(fold_key(w) for w in (
    "نظيره", "نظيرته", "مع", "بين", "ضد", "و", "أو", "قال", "قالت", "أن", "إن", "أنه", "الذي", "التي", "عن",
    "إلى", "على", "لكن", "بينما", "حين", "بعد", "قبل"))
_POSTED = frozenset(fold_key(w) for w in ("في", "لدى", "إلى", "من", "بالعاصمة"))
_CONTEXT_WINDOW = 6
# Prepositions as written (على with ى is not the name علي): the model sometimes starts a name with one.
_PREPOSITIONS = frozenset(("على", "عن", "في", "من", "إلى", "الى", "مع", "لدى", "حول", "ضد"))
_ORIGIN = frozenset(fold_key(w) for w in ("الأصل", "الاصل", "المولد", "الجذور"))
# Churches whose rite is named by a nisba ("كاثوليكي روماني", "الأرثوذكسية اليونانية"): the nisba after them is no state
_RITES = frozenset(fold_key(w) for w in (
    "كاثوليكي", "كاثوليكية", "الكاثوليكي", "الكاثوليكية", "أرثوذكسي", "أرثوذكسية", "الأرثوذكسي", "الأرثوذكسية"))
# Words that end a name the model ran on past: "known as" and the title of an apposition in construct
# ("محمود أبو زيد المعروف بشوكان", "الملك عبد الله عاهل الأردن"); given names like أمير or ملك are not among them
_NAME_ENDERS = frozenset(fold_key(w) for w in (
    "المعروف", "المعروفة", "الملقب", "الملقبة", "المكنى", "الشهير", "الشهيرة", "عاهل", "رئيس", "رئيسة", "وزير",
    "وزيرة", "سفير", "سفيرة", "زعيم", "زعيمة", "مدير", "مديرة", "نائب", "مبعوث", "مستشار", "مستشارة", "قائد"))


def distinctive(word: str) -> bool:
    """A surname that names a person on its own: no ordinary word ("سلام", "العون") and no given name."""
    from .entities import common_words

    return len(word) >= 4 and not is_given_name(word) and (word not in common_words() or word in kb_name_words())


def _office(text_office: str | None, kb_office: str | None) -> str | None:
    """The text's title, unless it is a bare form of the KB's office at the date: "الوزير فؤاد حسين"
    says "Minister", the KB "Minister of Foreign Affairs"."""
    if not text_office or not kb_office:
        return text_office or kb_office
    return kb_office if set(text_office.lower().split()) < set(kb_office.lower().split()) else text_office


@lru_cache(maxsize=1)
def _romanizer() -> Any:
    try:
        from arabic_name_romanizer import Transliterator
    except ImportError:  # an optional nicety: linking works without it
        return None
    # dictionary of attested spellings plus rules; the bundled neural fallback costs ~7 ms a name
    return Transliterator(auto_load_model=False)


@lru_cache(maxsize=50_000)
def romanize(name: str) -> str | None:
    """English spelling of an Arabic personal name the KB does not know (arabic-name-romanizer, offline)."""
    tr = _romanizer()
    if tr is None or len(name.split()) > _MAX_NAME_WORDS:
        return None  # a run of several names is no single person (and costs the romanizer minutes)
    try:
        return tr.transliterate(name) or None
    except Exception:  # noqa: BLE001 - a name the romanizer cannot handle keeps name_en null
        return None


_OFFICE_FAMILIES = ("Security Council", "Defence", "Foreign", "General Staff", "Prime Minister", "President",
                    "Interior", "Intelligence", "Speaker", "Chief of Staff")


def counterpart(kb: KB, country: str, office: str, date: dt.date | None) -> Any:
    """Who held the office matching ``office`` in ``country`` at ``date`` (None without a date).

    Offices differ in name between states (Russia's "Secretary of the Security Council" is Iran's
    "Secretary of the Supreme National Security Council"): fall back to the same office family.
    """
    if date is None:
        return None
    found = kb.holder(country, office, date)
    if found is not None:
        return found
    family = next((f for f in _OFFICE_FAMILIES if f in office), None)
    if family is None:
        return None
    deputy = office.lower().startswith(("deputy", "assistant"))
    for p in kb.persons():
        if p.country != country:
            continue
        for t in p.terms:
            if t.covers(date) and family in t.office and t.office.lower().startswith(("deputy", "assistant")) == deputy:
                return p
    return None


def _active(person: Any, date: dt.date | None, kb: KB) -> bool:
    """The KB person held an office at ``date``; False without a date (no term is known to cover it)."""
    return date is not None and kb.person_office_at(person, date) is not None


class LinkStage(Stage):
    """Entities of a document: persons clustered, cleaned and linked to the KB (by alias, date and office)
    or given a run-wide id from the person registry and a country from context; states, places,
    organisations and weapons linked through the gazetteer. Requires ``mentions``; provides ``entities``."""
    name = "link"
    version = "1.0"
    requires = frozenset({"mentions"})
    provides = frozenset({"entities"})

    def __init__(self, extra_persons: list[dict] | None = None, **config: Any) -> None:
        super().__init__(**config)
        self.kb = KB.load()
        self.registry: dict[str, list[tuple[list[str], str, str | None]]] = {}  # surname -> [(tokens, id, country)]
        self.curated: dict[str, dict] = {}
        self._built: dict[str, Any] = {}  # indexes built once on first use, shared by every document's copy
        self._close_cache: dict[str, tuple[tuple[list[str], Any, float], ...]] = {}  # surname -> close KB aliases
        self._matchers: dict[str, difflib.SequenceMatcher] = {}  # KB alias surname -> its matcher
        self._doc_countries: set[str] = set()
        self._doc_names: set[str] = set()  # surnames the article writes after a first name
        self._dated = False
        for p in extra_persons or []:
            if p.get("registry"):
                # a person of the store's registry (seen in earlier runs): same id for the same name
                toks = list(p.get("tokens") or _name_tokens(p.get("name") or ""))
                if toks and p.get("id"):
                    self.registry.setdefault(toks[-1], []).append((toks, p["id"], p.get("country")))
                continue
            for alias in [p.get("name", "")] + list(p.get("aliases", [])):
                if fold_key(alias):
                    self.curated[fold_key(alias)] = p

    # -- persons ---------------------------------------------------------------------------------
    def _kb_person(self, cl: Cluster, date: dt.date | None) -> Any:
        cands = list(self.kb.persons_index().get(cl.key, []))
        if not cands:
            return self._fuzzy_person(cl, date)
        if cl.country == "IGO":
            # "الأمين العام لجامعة الدول العربية أحمد أبو الغيط": the title names an IGO, the KB the person's state
            cands = [p for p in cands if date is not None
                     and any(t.covers(date) and self.kb.country(t.country) is None for t in p.terms)]
        elif cl.country:
            same = [p for p in cands if p.country == cl.country]
            if not same:
                return None
            cands = same
        active = [p for p in cands if _active(p, date, self.kb)]
        if len(cl.tokens) == 1:
            # A bare surname links to the KB only when the date makes it unambiguous (one candidate
            # in office), with the title's country, or with that person's state named in the article.
            if len(active) == 1 and (cl.country or active[0].country in self._doc_countries):
                return active[0]
            if not self._dated and len(cands) == 1 and cands[0].country in self._doc_countries | {cl.country}:
                return cands[0]  # an undated page: the only KB person of that name, whose state it names
            if len(cands) == 1 and len(active) == 1 and distinctive(cl.tokens[0]):
                return active[0]  # "اتصالاً هاتفياً بلافروف": one KB person in office has this unusual surname
            return None
        if active:
            return active[0]
        return cands[0] if len(cands) == 1 else None

    def _fuzzy_person(self, cl: Cluster, date: dt.date | None) -> Any:
        """Transliterations of foreign names vary (يفكيروف / يفكوروف, بيششكيان / بزشكيان): link a name
        the KB does not hold verbatim to a KB person with a close surname, the same first letter,
        a compatible country, and (for surname-only names or unknown countries) a term at the date."""
        sur = cl.tokens[-1]
        if len(sur) < 5 or (len(cl.tokens) == 1 and ordinary_word(sur, common_words())):
            return None  # "رؤساء سابقون" (former) is no other spelling of "سابو": a word stands for itself
        best, best_r = None, 0.0
        for alias_toks, p, r in self._close_aliases(sur):
            if cl.country and p.country != cl.country:
                continue
            if r <= best_r:
                continue
            first = alias_toks[0] if len(alias_toks) > 1 else (fold_key(p.name_ar).split() or [""])[0]
            if len(cl.tokens) > 1 and difflib.SequenceMatcher(None, cl.tokens[0], first).ratio() < 0.75:
                continue  # "سعيد العايدي" is not "خالد العبيدي" because the surnames look alike
            if (len(cl.tokens) == 1 or not cl.country) and not _active(p, date, self.kb):
                continue
            best, best_r = p, r
        return best

    def _close_aliases(self, sur: str) -> tuple[tuple[list[str], Any, float], ...]:
        """KB aliases whose last word is at least 0.8 similar to the surname ``sur`` (difflib ratio),
        as ``(alias words, person, ratio)`` in the index's order. Only the surname decides the list, so
        it is remembered across documents (bounded, oldest out first): an unknown surname is compared
        with its ~275-alias bucket once a run, not once a cluster; each distinct alias surname once."""
        found = self._close_cache.get(sur)
        if found is not None:
            return found
        index = self._surnames()
        ratios: dict[str, float] = {}
        out = []
        for n in range(len(sur) - 2, len(sur) + 3):
            for alias_toks, p in index.get((sur[0], n), ()):
                last = alias_toks[-1]
                r = ratios.get(last)
                if r is None:
                    sm = self._matcher(last)
                    sm.set_seq1(sur)
                    r = ratios[last] = (0.0 if sm.real_quick_ratio() < 0.8 or sm.quick_ratio() < 0.8
                                        else sm.ratio())
                if r >= 0.8:
                    out.append((alias_toks, p, r))
        if len(self._close_cache) >= _CLOSE_CACHE_SIZE:
            del self._close_cache[next(iter(self._close_cache))]
        found = self._close_cache[sur] = tuple(out)
        return found

    def _matcher(self, last: str) -> difflib.SequenceMatcher:
        """A matcher with the KB alias surname ``last`` as its second sequence, made once a run (one per
        distinct KB surname, ~1,000): difflib indexes the second sequence, set_seq1 swaps the first."""
        sm = self._matchers.get(last)
        if sm is None:
            sm = self._matchers[last] = difflib.SequenceMatcher(None, "", last)
        return sm

    def _surnames(self) -> dict[tuple[str, int], list[tuple[list[str], Any]]]:
        """KB aliases by the first letter and length of their last word (built once)."""
        index = self._built.get("surnames")
        if index is None:
            index = {}
            for p in self.kb.persons():
                for alias in {fold_key(a) for a in (p.name_ar,) + tuple(p.aliases_ar)}:
                    at = alias.split()
                    if at and len(at[-1]) >= 4:
                        index.setdefault((at[-1][0], len(at[-1])), []).append((at, p))
            self._built["surnames"] = index
        return index

    def _trim_name(self, doc: Document, m: Mention) -> list[str]:
        """The name words of a PER mention, without a proclitic glued to the first name ("لرضا بهلوي",
        "وبن سلمان", "للجبير") or a verb or noun before a KB surname ("أشاد ماكرون", "إقناع ترامب").
        The unstripped reading wins when it is a name itself ("بوتين", "لافروف")."""
        toks = _name_tokens(m.text)
        while len(toks) > 1 and m.source != "kb" and m.text.split()[0] in _PREPOSITIONS:
            _cut_first_word(doc, m)  # "على سيرغي": على with ى is a preposition, not the name علي
            toks = toks[1:]
        if not toks or m.source == "kb" or toks[0] in kb_name_words() or is_given_name(toks[0]):
            return toks
        index = self.kb.persons_index()
        if toks[0][0] in "وفبلك" and len(toks[0]) > 2:
            for v in _variants(toks[0])[1:]:
                # "لمانافورت" after "بول مانافورت": a name the article has already written without it
                if v in kb_name_words() or is_given_name(v) or (len(toks) == 1 and v in index) or v in self._doc_names:
                    if toks[0].endswith(v):  # a plain prefix: move the mention's start past it
                        cut = _skip_chars(doc.raw, m.start, len(toks[0]) - len(v))
                        m.start, m.text = cut, doc.raw[cut:m.end]
                    return [v] + toks[1:]
        rest = " ".join(toks[1:])
        if len(toks) > 1 and rest in index and not _first_name_of(toks[0], index[rest]):
            _cut_first_word(doc, m)
            return toks[1:]
        common = common_words()
        if len(toks) > 1 and len(toks[0]) > 3 and toks[0][0] == "و" and not toks[0].startswith("وال") \
                and ordinary_word(toks[0][1:], common) and not verb_like(toks[0][1:], common):
            # "وماريوس تريزور": the conjunction, not the word, is glued to the name; what is left must
            # still look like a name ("وتصفيق استمر" does not)
            cut = _skip_chars(doc.raw, m.start, 1)
            m.start, m.text = cut, doc.raw[cut:m.end]
            m.trimmed = True
            return [toks[0][1:]] + toks[1:]
        while len(toks) > 1 and toks[1] not in ("بن", "ابن", "بنت") and not is_given_name(toks[0]) \
                and (clitic_on_ordinary(toks[0], common) or verb_like(toks[0], common)
                     or (toks[0].startswith("ال") and ordinary_word(toks[0], common))):
            # "وغردت السيدو هيدالغو", "الماركسي سمير": a verb, a proclitic on a noun or an adjective with the
            # article before the name is no part of it
            _cut_first_word(doc, m)
            m.trimmed = True  # what is left must look like a name on its own ("بنفوذ كبير")
            toks = toks[1:]
        return toks

    @staticmethod
    def _trim_edges(doc: Document, m: Mention, toks: list[str], common: frozenset[str]) -> list[str]:
        """Words glued to either end of a name the KB does not know (:func:`marsad.ner.names.starts_no_name`,
        :func:`~marsad.ner.names.ends_no_name`): "تزوجت ماري", "CNN بيكي أندرسون", "إبان عهد مبارك" (إبان) before it,
        "جوليان دراكسلر بـ40", "محمد صلاح لخوض", "صلاح على", "كيت غادرا" after it; and a conjunction و on a
        given name that starts a name in a list ("ألكسندر بتروف وروسلان بوشيروف"); an acronym spelled in letters and
        what follows it ("الدوسري لبي بي سي", "لبي بي سي عربي": nothing is left, no name)."""
        k = _acronym_start(toks) if len(m.text.split()) == len(toks) else None
        if k is not None:
            if k == 0:
                return []
            for _ in range(len(toks) - k):
                _cut_last_word(doc, m)
            toks = toks[:k]
        while len(toks) > 1 and len(m.text.split()) == len(toks) and (starts_no_name(toks[0], common, m.text.split()[0])
                                                                     or toks[0] in _BORN):
            _cut_first_word(doc, m)  # "ولد خالد محيي الدين في ...": he was born; ولد joins names inside, never first
            toks = toks[1:]
        raw_words = m.text.split()
        for k in range(1, min(len(raw_words), len(toks))):
            w = toks[k]
            if len(raw_words) == len(toks) and ((past_verb(w) and not is_given_name(w)) or w in _NAME_ENDERS):
                # "فيوريكا دانسيلا اعتمدت ليل الأربعاء": a verb ends the name, the sentence goes on; so do an
                # apposition's title and "known as" ("عبد الله عاهل الأردن", "محمود أبو زيد المعروف بشوكان")
                for _ in range(len(toks) - k):
                    _cut_last_word(doc, m)
                toks = toks[:k]
                break
        trailed = False
        while len(m.text.split()) > 1:
            last = m.text.split()[-1]
            k = len(fold_key(last).split())  # "بـ40" folds to two tokens
            why = ends_no_name("".join(fold_key(last).split()), last, common) if 0 < k < len(toks) else None
            if not why and k == 1 and len(toks) > 2 and len(m.text.split()) == len(toks) and not name_word(toks[-1]) \
                    and ordinary_word(toks[-1], common) and ends_no_name(toks[-2], m.text.split()[-2], common) \
                    == "a proclitic on a word":
                why = "an adjective after a proclitic noun"  # "جوزيه مورينيو لموقف محرج"
            if not why:
                break
            _cut_last_word(doc, m)
            toks = toks[:-k]
            trailed = trailed or why in ("a preposition", "a particle")
        if trailed and toks and not name_word(toks[-1]) and _zipf_of(toks[-1]) > 0:
            # "دينا اتفاق واضح حول", "واستقبله بتصفيق حار عند": what is left before a cut preposition ends in a
            # word of the language, not a name (a name table's word or one too rare for the word list)
            return []  # "دينا اتفاق واضح حول": what is left before the preposition is the sentence, not a name
        first = toks[0] if toks else ""
        raw_first = m.text.split()[0] if m.text.split() else ""
        # a name the tables and the word list do not know, written و + a consonant or a hamza ("وروميلو لوكاكو",
        # "وإدينسون كافاني"), is the conjunction on a name: names in و go on with a vowel ("واغنر", "وودوارد", "ويلبور")
        unknown = len(first) >= _GLUED_WAW_MIN and _zipf_of(first) == 0 and not name_word(first) \
            and raw_first[1:2] not in ("ا", "و", "ي", "آ", "")
        if len(first) > 3 and first[0] == "و" and first not in kb_name_words() and not is_given_name(first) \
                and (name_word(first[1:]) or _zipf_of(first) == 0 < _zipf_of(first[1:]) or unknown) and first[1:] not in common:
            cut = _skip_chars(doc.raw, m.start, 1)
            m.start, m.text = cut, doc.raw[cut:m.end]
            toks = [first[1:]] + toks[1:]
        return toks

    def _other_family_member(self, doc: Document, m: Mention) -> bool:
        """A KB surname preceded by given names that are not the KB person's ("حمد بن علي العطية" is not
        Khalid al-Attiyah, "محسن بن علي" not Zine El Abidine Ben Ali, "الحسين بن علي" not him either):
        widen ``m`` over those names and unlink it from the KB. Returns True when it did."""
        from .entities import gazetteer, token_edges, tokens_of

        cands = m.kb_persons
        if m.source != "kb" or not cands or m.sentence is None or m.sentence >= len(doc.sentences):
            return False
        sent = doc.sentences[m.sentence]
        toks = tokens_of(doc, sent.start, sent.end)
        i = bisect_left(token_edges(doc, sent.start, sent.end)[0], m.start)  # the mention's first token
        if i == len(toks):
            return False
        mine = fold_key(m.text).split()
        if len(mine) > 1 and mine[0] not in ("بن", "ابن", "ابو", "ال"):
            return False  # the mention holds a first name already ("أدان علي خامنئي")
        before = []  # per candidate alias ending in the mention's words: the word before them
        for p in cands:
            for alias in (p.name_ar,) + tuple(p.aliases_ar):
                at = fold_key(alias).split()
                if len(at) > len(mine) and at[-len(mine):] == mine:
                    before.append(at[-len(mine) - 1])
        if not before:
            return False  # a first name or a whole name ("الملك سلمان"), not a family name
        taken = [(o.start, o.end) for o in doc.mentions if o is not m and (o.source == "kb" or o.type != "PER")]
        j, common, gz = i, common_words(), gazetteer()
        while j > 0 and i - j < 4 and not doc.raw[toks[j - 1].end:toks[j].start].strip() \
                and not any(s <= toks[j - 1].start < e for s, e in taken):
            w = toks[j - 1].text
            after_bin = j > 1 and toks[j - 2].text in ("بن", "ابن", "بنت")  # "بن علي": a father's name
            if w in ("بن", "ابن", "بنت") or (after_bin and is_given_name(w)) or (is_given_name(w)
                                            and w not in common and w not in _HONORIFICS
                                            and _zipf_of(w) < 5.0 and not any(k in ("office", "nisba", "country", "place")
                                                                          for k, _ in gz.table.get(w, ()))):
                j -= 1
            else:
                break
        while j < i and toks[j].text in ("بن", "ابن", "بنت"):
            j += 1  # the names start with a given name
        if j == i or any(difflib.SequenceMatcher(None, toks[i - 1].text, b).ratio() >= 0.7 for b in before):
            return False  # "أدان علي خامنئي": the word before is the KB person's own name
        start = toks[j].start
        doc.mentions[:] = [o for o in doc.mentions if o is m or not (o.type == "PER" and start <= o.start and o.end <= m.start)]
        m.start, m.text, m.source = start, doc.raw[start:m.end], "ner"
        m.kb_persons = []
        return True

    def _persons(self, doc: Document, entities: dict[str, Entity]) -> None:
        for m in [m for m in doc.mentions if m.type == "PER" and m.source == "kb"]:
            self._other_family_member(doc, m)
        self._split_lists(doc)
        self._join_adjacent(doc)
        self._given_name_before_family(doc)
        per = [m for m in doc.mentions if m.type == "PER"]
        self._doc_names = {w for m in per if m.source != "kb" for w in _name_tokens(m.text)[1:]}
        names = {id(m): self._trim_name(doc, m) for m in per}
        for m in per:
            if m.source != "kb" and names[id(m)]:
                names[id(m)] = self._trim_edges(doc, m, names[id(m)], common_words())
        clusters: list[Cluster] = []
        for m in sorted(per, key=lambda m: (-len(names[id(m)]), m.start)):
            toks = names[id(m)]
            if not toks:
                continue
            home = next((c for c in clusters if compatible(toks, c.tokens)
                         and (not m.country or not c.country or c.country == m.country)), None)
            if home is None:
                home = Cluster(toks)
                clusters.append(home)
            home.mentions.append(m)
            if m.country and not home.country:
                home.country = m.country
            if m.office and not home.office:
                home.office, home.sector = m.office.title_en, m.office.sector
            if m.rank and not home.sector:
                home.sector = m.rank.sector
        date = article_date(doc, 0)
        for cl in clusters:
            kbp = self._kb_person(cl, date)
            if (kbp is None or all(len(m.text.split()) == 1 for m in cl.mentions)) and names_a_thing(doc, cl.mentions):
                continue  # "ملعب جاسم بن حمد", "بمدينة ليستر", "هيومن رايتس ووتش", "متحف بولتون": a place or company
            cur = self.curated.get(cl.key)
            if cur:
                ent = Entity(id=cur["id"], type="PER", name=cur.get("name") or display(cl.mentions[0].text),
                             country=cur.get("country") or cl.country, office=cur.get("office") or cl.office,
                             country_basis="kb" if cur.get("country") else "text" if cl.country else None)
            elif kbp is not None:
                office = _office(cl.office, self.kb.person_office_at(kbp, date) if date else None)
                ent = Entity(id=f"kb:{kbp.id}", type="PER", name=kbp.name_ar, name_en=kbp.name_en,
                             country=kbp.country, office=office, sector=cl.sector,
                             wikidata=kbp.wikidata, kb_id=kbp.id, country_basis="kb")
                igo = next((t.country for t in kbp.terms if date and t.covers(date) and t.office == office
                            and self.kb.country(t.country) is None), None)
                for m in cl.mentions if igo else ():
                    # an IGO head acts for the IGO (events: actor code IGO), the entity keeps the person's state
                    m.igo = igo
            elif not_a_name(cl.tokens, common_words(), title_only=all(m.source == "title" or m.trimmed for m in cl.mentions)):
                continue  # "مهلة", "بالسخيفة", "الكيماوي", "مقلق ومحبط": words after a title or NER noise, no name
            elif inside_no_name(cl.tokens, common_words()):
                continue  # "مؤقت ومصطنع", "ساسكس ارتدت", "دولتان جارتان", "بركان فويغو", "Everybody Knows"
            elif phrase_not_name(cl.tokens):
                continue  # "منتقدو", "جيراني", "نجمي أوروغواي", "خطاب استفزازي", "جواسيس روسا"
            elif len(cl.tokens) == 1 and not distinctive(cl.key) and not any(
                    m.title_span or m.office or m.country for m in cl.mentions):
                continue  # "سلام المنطقة", "العون": an ordinary word, no first name or title anchors it
            else:
                basis = "text" if cl.country is not None else None
                if cl.country is None:
                    cl.country = self._context_country(doc, cl)
                    basis = "text" if cl.country is not None else None
                if cl.country is None and (cl.office or cl.sector):
                    basis = "office"
                    # an official whose state the text leaves implicit: the state the article is about
                    first = min(cl.mentions, key=lambda m: m.start)
                    cl.country = self._home_country(doc, doc.sentences[first.sentence].article if first.sentence is not None else 0)
                # the run-wide id rests on what the text says; anyone else whose state it leaves implicit is
                # shown with the state the article is about (right about 4 times in 5 on the multi-outlet
                # gold), marked "article" so that no registry takes that guess for evidence
                eid = self._registry_id(cl)
                guess = None
                first = min(cl.mentions, key=lambda m: m.start)
                ai = self._article_of(doc, first)
                if cl.country is None and not club_match_story(doc, ai):
                    guess = self._home_country(doc, ai)  # a club's player is rarely of the state its report is about
                name = display(max((m.text for m in cl.mentions), key=len))
                ent = Entity(id=eid, type="PER", name=name, name_en=romanize(name),
                             country=cl.country or guess, office=cl.office, sector=cl.sector,
                             country_basis=basis if cl.country else "article" if guess else None)
            if ent.id in entities:
                ent = entities[ent.id]
            else:
                entities[ent.id] = ent
            for m in cl.mentions:
                m.entity = ent.id
                ent.mentions.append(m)

    @staticmethod
    def _split_lists(doc: Document) -> None:
        """A person span the KB does not know with و inside (:func:`marsad.ner.names.conjunction_word`) is a
        list: "صلاح وماني", "كاثرين وأليكس" are two persons, each a mention of its own, and "الأمير هاري
        وأميرة ويلز" is Harry and a title. When neither the word before و nor the one after it is in a name
        table (:func:`marsad.ner.names.name_word`)
        and one is a frequent word ("مؤقت ومصطنع", "لوجستيا وتكنولوجيا"), the span is a phrase: it is dropped."""
        from .entities import gazetteer

        common, gz = common_words(), gazetteer()
        out: list[Mention] = []
        for m in doc.mentions:
            if m.type != "PER" or m.source == "kb":
                out.append(m)
                continue
            parts = [m]
            while True:
                cur = parts[-1]
                raw_words = cur.text.split()
                toks = [fold_key(w) for w in raw_words]
                k = next((i for i in range(1, len(toks)) if toks[i] and conjunction_word(toks[i], common)), None)
                if k is None or any(len(t.split()) != 1 for t in toks):
                    break
                before, after = toks[k - 1], toks[k][1:]
                if not name_word(before) and not name_word(after) and (ordinary_word(before, common)
                                                                       or ordinary_word(after, common)):
                    parts = []  # "مؤقت ومصطنع", "لوجستيا وتكنولوجيا": words joined, no one named
                    break
                offs, pos = [], cur.start
                for w in raw_words:
                    pos = doc.raw.index(w, pos)
                    offs.append(pos)
                    pos += len(w)
                head_end = offs[k - 1] + len(raw_words[k - 1])
                tail_start = _skip_chars(doc.raw, offs[k], 1)
                tail = copy.copy(cur)
                tail.start, tail.end, tail.text = tail_start, cur.end, doc.raw[tail_start:cur.end]
                tail.title_span, tail.office, tail.country = None, None, None
                tail.source = "ner" if cur.source == "title" else cur.source  # the title was the first's
                cur.end, cur.text = head_end, doc.raw[cur.start:head_end]
                if not name_word(after) or (_zipf_of(after) >= 4.0 and after not in kb_name_words()) \
                        or any(kind in ("office", "nisba") for kind, _ in gz.table.get(after, ())):
                    # "بيتا ومكتبا", "هاري وأميرة ويلز": what follows و is a word, or a given name as frequent
                    # as a word (أميرة: princess), no one's name for sure; the first item stays
                    break
                parts.append(tail)
            out.extend(parts)
        ends = {m.end for m in out if m.type == "PER"}
        for m in out:
            # "كاثرين ديفيس | وأليكسندرا موريس": a name right after another person's, starting with و, is the
            # next item of a list: the و is the conjunction, whatever the word without it
            if m.type == "PER" and m.source != "kb" and m.text[:1] == "و" and len(m.text.split()[0]) > 3 \
                    and any(e < m.start and not doc.raw[e:m.start].strip() for e in ends if m.start - e <= 2):
                cut = _skip_chars(doc.raw, m.start, 1)
                m.start, m.text = cut, doc.raw[cut:m.end]
        doc.mentions[:] = out

    @staticmethod
    def _given_name_before_family(doc: Document) -> None:
        """A name starting with آل or بن has its given name right before it, even when that word is also a
        nisba: "تركي آل الشيخ" is Turki Al al-Sheikh, not a Turkish «آل الشيخ» (an adjective follows its
        noun, it does not open an Arabic name chain). The word joins the name and the state it gave is dropped."""
        from .entities import gazetteer

        gz = gazetteer()
        for m in doc.mentions:
            if m.type != "PER" or m.source == "kb" or fold_key(m.text).split()[:1] not in (["ال"], ["بن"]) \
                    or not m.text.startswith(("آل", "بن")):
                continue
            before = doc.raw[max(0, m.start - 20):m.start]
            if not before.endswith(" ") or before.endswith("  ") or not before.split():
                continue
            word = before.split()[-1]
            w = fold_key(word)
            if len(w) < 3 or not is_given_name(w) or w.startswith("ال") or ends_no_name(w, word, common_words()):
                continue  # "به بن طلال": a preposition with a pronoun (a "given name" of the table) stays out
            m.start -= len(word) + 1
            m.text = doc.raw[m.start:m.end]
            nisba = [obj for kind, obj in gz.table.get(w, ()) if kind == "nisba"]
            if nisba and m.country in nisba:
                m.country, m.title_span = None, None

    @staticmethod
    def _join_adjacent(doc: Document) -> None:
        """A lone given name the KB did not find, with only spaces before a KB person's name, is the start of
        that name ("الرئيس الأمريكي دونالد | جيه ترامب", "ستيفان | دي ميستورا"): a list of persons is joined
        by و or a comma. Two spans the model found are left apart: its own boundary is the better guess."""
        per = sorted((m for m in doc.mentions if m.type == "PER"), key=lambda m: m.start)
        drop: set[int] = set()
        i = 0
        while i + 1 < len(per):
            m, n = per[i], per[i + 1]
            gap = doc.raw[m.end:n.start]
            # only a lone given name before ("دونالد"), and never before و/ف ("ألكسندر بتروف وروسلان
            # بوشيروف" is two persons)
            if m.source != "kb" and n.source == "kb" and m.sentence == n.sentence and gap and gap.strip(" ") == "" \
                    and len(m.text.split()) == 1 \
                    and is_given_name(fold_key(m.text)) and fold_key(n.text)[:1] not in "وفلب" \
                    and len((m.text + gap + n.text).split()) <= _MAX_NAME_WORDS:
                m.end, m.text = n.end, doc.raw[m.start:n.end]
                if n.source == "kb":  # "دونالد | جيه ترامب": the KB's candidates for the surname hold for the whole
                    m.source, m.kb_persons = "kb", n.kb_persons
                m.title_span = m.title_span or n.title_span
                for attr in ("office", "rank", "country", "seat"):
                    if getattr(m, attr, None) is None and getattr(n, attr, None) is not None:
                        setattr(m, attr, getattr(n, attr))
                drop.add(id(n))
                per.pop(i + 1)
                continue
            i += 1
        if drop:
            doc.mentions[:] = [o for o in doc.mentions if id(o) not in drop]

    def _context_country(self, doc: Document, cl: Cluster) -> str | None:
        """The state the words around a person the KB does not know give: a nisba in the few words
        before the name ("الصحفي السعودي المفقود جمال خاشقجي", "المتحدثة باسم وزارة الخارجية الأمريكية
        هيذر ناورت"), a state named after an office ("سفير إيران بتونس مصطفى بروجردي"; the posting
        "بتونس" is not his state), or a nisba in an apposition after it ("عبدالله العذبة، رئيس تحرير
        صحيفة العرب القطرية"). The nearest cue wins; another person, a clause boundary or a counterpart
        word ("ونظيره") ends the search. Returns an ISO3 code or None."""
        for m in sorted(cl.mentions, key=lambda m: m.start):
            if m.sentence is None or m.sentence >= len(doc.sentences):
                continue
            found = self._country_near(doc, m)
            if found:
                return found
        return None

    def _country_near(self, doc: Document, m: Mention) -> str | None:
        from .entities import token_edges, tokens_of

        sent = doc.sentences[m.sentence]
        toks = tokens_of(doc, sent.start, sent.end)
        starts, ends = token_edges(doc, sent.start, sent.end)
        others = [(o.start, o.end) for o in doc.mentions if o.sentence == m.sentence and o is not m and o.type == "PER"]
        roles = [o for o in doc.mentions if o.sentence == m.sentence and o.type == "ROLE" and o.country]
        states = [o for o in doc.mentions if o.sentence == m.sentence and o.type in ("GPE", "LOC")
                  and (o.country or (o.place is not None and o.place.kind == "capital"))]
        raw = doc.raw

        def cue(i: int) -> str | None:
            t = toks[i]
            role = next((o for o in roles if o.start <= t.start < o.end), None)
            if role is not None:
                return role.country  # "سفير إيران بتونس X", "نظيره الإيراني X": the title of the name
            if any(s <= t.start < e for s, e in others) or t.text in _CONTEXT_STOP or t.variants[-1] in _CONTEXT_STOP:
                return "stop"
            code = self.kb.country_by_nisba(t.text)
            if code and i > 0 and toks[i - 1].text in _RITES:
                code = None  # "وهو كاثوليكي روماني": a Roman Catholic, no Romanian
            if code and not (i + 1 < len(toks) and toks[i + 1].text in _ORIGIN):
                return code  # "الألماني السوري الأصل": the nisba before الأصل is an origin, not the nationality
            st = next((o for o in states if o.start < t.end and t.start < o.end), None)  # "لفرنسا": after the clitic
            if st is not None:
                j = next(k for k in range(i, -1, -1) if toks[k].start <= st.start)
                code = st.country or st.place.cc3
            else:
                # a state an office swallowed as its qualifier ("سفير إيران", "سفيرة المملكة المتحدة")
                j, code = next(((k, c.iso3) for k in range(i, max(i - 3, -1), -1)
                                if (c := self.kb.country_by_name(" ".join(x.text for x in toks[k:i + 1])))), (i, None))
            if code and not ((toks[j].text[0] == "ب" and toks[j].variants[-1] != toks[j].text)
                             or (j > 0 and toks[j - 1].text in _POSTED)):
                return code  # "سفير إيران بتونس": بتونس is his posting, إيران his state
            if code is None and not t.text.startswith("ال") and not t.text.endswith("ه") \
                    and (past_verb(t.text) or verb_like(t.text, common_words())):
                return "stop"  # "الحكم الكولومبي ... ركلة جزاء حولها فرجاني ساسي": a clause lies between
            return None

        def walk(steps: list[tuple[int, str]]) -> str | None:
            for i, gap in steps:  # token index, the text between it and the name side of the walk
                if re.search(r"[.:;؛!?؟\"«»()\n،,]", gap):  # "؛": the Arabic semicolon ends a list item too
                    break
                c = cue(i)
                if c == "stop":
                    break
                if c:
                    return c
            return None

        k = bisect_right(ends, m.start)  # the tokens before the name: those ending before it starts
        before = list(range(max(0, k - _CONTEXT_WINDOW), k))
        gaps = [raw[toks[i].end:toks[i + 1].start if i + 1 < len(toks) else m.start] for i in before]
        if gaps:
            gaps[-1] = gaps[-1].replace("،", "").replace(",", "")  # "كبير موظفي البيت الأبيض، جون كيلي"
        found = walk(list(zip(reversed(before), reversed(gaps))))
        k = bisect_left(starts, m.end)
        after = list(range(k, min(len(toks), k + _CONTEXT_WINDOW)))
        if found is None and after and raw[m.end:toks[after[0]].start].strip() in ("،", ",") \
                and not self.kb.country_by_name(toks[after[0]].text):
            # ("وغادر القنصل محمد العتيبي، تركيا على متن رحلة": a state's name after the comma is the verb's object)
            # apposition: "سعاد البراهمة، عضو الجمعية المغربية للنساء التقدميات"
            found = walk([(i, raw[toks[i - 1].end:toks[i].start] if n else "") for n, i in enumerate(after)])
        if found is None and after and not raw[m.end:toks[after[0]].start].strip() and toks[after[0]].text[0] != "و":
            # an office of a state right after the name, without a comma: "عبيد سالم الزعابي سفير الإمارات لدى
            # الأمم المتحدة", "فيليبي الخامس ملك اسبانيا"; an organisation's office ("المتحدثة باسم اللجنة الدولية
            # للصليب الأحمر") gives no state
            found = next((o.country for o in roles if o.start <= toks[after[0]].start < o.end and o.country != "IGO"), None)
        return found

    @staticmethod
    def _article_of(doc: Document, m: Mention) -> int:
        return doc.sentences[m.sentence].article if m.sentence is not None and m.sentence < len(doc.sentences) else 0

    def _home_country(self, doc: Document, ai: int) -> str | None:
        """The state of an official named with a bare title ("وزير الخارجية فلان"): a national outlet's
        own state when the article mentions it at all, else the state the article is about."""
        art = doc.articles[ai] if ai < len(doc.articles) else None
        home = art.outlet_country if art else None
        if home:
            counts = self._country_counts(doc, [(s.start, s.end) for s in doc.sentences if s.article == ai and s.kind == "body"])
            if counts.get(home) or max(counts.values(), default=0) < 2:
                return home  # local news names no other state clearly: the outlet's own
        return self._focus_country(doc, ai)

    @staticmethod
    def _official_before(m: Mention, entities: dict[str, Entity]) -> str | None:
        """The state of the nearest official (person or role with a known state) the sentence of ``m``
        names before it, or None."""
        best = None
        for e in entities.values():
            if e.type not in ("PER", "ROLE") or not e.country or e.country == "IGO":
                continue
            for o in e.mentions:
                if o.sentence == m.sentence and o.end <= m.start and (best is None or o.end > best[0]):
                    best = (o.end, e.country)
        return best[1] if best else None

    def _country_counts(self, doc: Document, spans: list[tuple[int, int]]) -> dict[str, int]:
        """States named in the spans (country names, nisbas, places); sentences reuse the mentions
        stage's scan."""
        from collections import Counter

        from .entities import gazetteer, scan, states_named, tokens_of

        counts: Counter[str] = Counter()
        cached = doc.scratch.get("states_by_sentence", {})
        for start, end in spans:
            found = cached.get((start, end))
            counts.update(found if found is not None else states_named(scan(tokens_of(doc, start, end), gazetteer())))
        return counts

    def _focus_country(self, doc: Document, ai: int) -> str | None:
        """The state an article is about: most frequent country in its title and first sentences."""
        from collections import Counter

        art = doc.articles[ai] if ai < len(doc.articles) else None
        spans = [art.title_span] if art and art.title_span else []
        spans += [(s.start, s.end) for s in [s for s in doc.sentences if s.article == ai and s.kind == "body"][:3]]
        counts = Counter(self._country_counts(doc, spans))
        if doc.meta.get("title") and ai == 0:
            for w in fold_key(doc.meta["title"]).split():
                code = self.kb.country_by_nisba(w)
                if code:
                    counts[code] += 1
        top = counts.most_common(2)
        if top and (len(top) == 1 or top[0][1] > top[1][1]):
            return top[0][0]
        return None

    def _registry_id(self, cl: Cluster) -> str:
        """The run-wide id of a person the KB does not know: that of a compatible name seen earlier in the
        run with no clashing state, else a new one."""
        for toks, eid, country in self.registry.get(cl.tokens[-1], []):
            if (compatible(cl.tokens, toks) or compatible(toks, cl.tokens)) and (not cl.country or not country or cl.country == country):
                return eid
        eid = stable_id("per", cl.key + "|" + (cl.country or ""))
        self.registry.setdefault(cl.tokens[-1], []).append((cl.tokens, eid, cl.country))
        return eid

    def _roles(self, doc: Document, entities: dict[str, Entity]) -> None:
        """Unnamed office holders: "نظيره الإيراني" takes the office of the person it is a counterpart of."""
        date = article_date(doc, 0)
        by_sentence: dict[int, list[Mention]] = {}
        for m in doc.mentions:
            by_sentence.setdefault(m.sentence or 0, []).append(m)
        body = {i for i, s in enumerate(doc.sentences) if s.kind == "body"}
        for m in [m for m in doc.mentions if m.type == "ROLE" and m.sentence in body]:
            office = m.office.title_en if m.office else None
            if office is None and m.counterpart:
                # the office of the nearest earlier named official, in this sentence or the one before
                prev = [p for si in (m.sentence, (m.sentence or 0) - 1) for p in by_sentence.get(si, [])
                        if p.type == "PER" and p.entity and (p.sentence != m.sentence or p.start < m.start)]
                for p in sorted(prev, key=lambda p: -p.start):
                    if entities[p.entity].office:
                        office = entities[p.entity].office
                        break
            if not office:
                continue
            holder = counterpart(self.kb, m.country, office, date)
            if holder is None:
                continue
            eid = f"kb:{holder.id}"
            ent = entities.get(eid)
            m.holder = holder
            if ent is None and not m.counterpart:
                # "وزير خارجية تونس" with no name: the actor is the office of that state (CONTRACT §3);
                # events still know who held it, but the text names no person
                continue
            if ent is None:
                ent = Entity(id=eid, type="PER", name=holder.name_ar, name_en=holder.name_en, country=holder.country,
                             office=self.kb.person_office_at(holder, date), wikidata=holder.wikidata, kb_id=holder.id)
                entities[eid] = ent
            m.type, m.entity = "PER", eid
            ent.mentions.append(m)

    # -- places, organisations, weapons ----------------------------------------------------------
    def _others(self, doc: Document, entities: dict[str, Entity]) -> None:
        kb = self.kb
        for m in doc.mentions:
            if m.type in ("PER", "ROLE", "NORP"):
                continue  # NORP: a state's side named by a nisba, an actor for events but no entity
            ent = None
            if m.place is not None:
                p = m.place
                ent = Entity(id=f"plc:{p.id}", type="LOC" if p.kind not in ("country",) else "GPE", name=p.name_ar,
                             name_en=p.name_en, country=p.cc3)
            elif m.org is not None:
                o = m.org
                country = o.country or m.country
                if not country and o.sector in ("GOV", "MIL", "COP", "SPY", "LEG"):
                    # "وزارة الدفاع" with no nisba: the body of the official the sentence just named ("أعلنت
                    # رئيسة الوزراء البريطانية تيريزا ماي عقب ترأسها اجتماعا لمجلس الأمن القومي"), else the
                    # article's home state
                    country = self._official_before(m, entities) or self._home_country(doc, self._article_of(doc, m))
                key = o.id if not country or country == o.country else f"{o.id}-{country}"
                ent = Entity(id=f"org:{key}", type="ORG", name=o.name_ar, name_en=o.name_en, country=country, sector=o.sector)
            elif m.country is not None:
                c = kb.country(m.country)
                ent = Entity(id=f"gpe:{c.iso3}", type="GPE", name=c.name_ar, name_en=c.name_en, country=c.iso3)
            elif m.weapon is not None:
                w = m.weapon
                ent = Entity(id=f"wpn:{w.id}", type="WEAPON", name=w.name_ar, name_en=w.name_en, country=getattr(w, "country", None))
            elif m.type == "LOC":
                p, c = kb.place(m.text), kb.country_by_name(m.text)
                if p is None and c is None and m.text[:1] in "وبلف" and len(m.text) > 4:
                    # a conjunction or preposition glued to the name: "وأوروبا", "بطرابلس"
                    p, c = kb.place(m.text[1:]), kb.country_by_name(m.text[1:])
                    if p is not None or c is not None:
                        m.start, m.text = m.start + 1, m.text[1:]
                if p is not None and _possessed_noun(doc.raw, m.start, m.end, p):
                    continue  # "مواقف جده" (his grandfather's), not Jeddah
                if p is not None:
                    m.place = p
                    ent = Entity(id=f"plc:{p.id}", type="LOC", name=p.name_ar, name_en=p.name_en, country=p.cc3)
                elif c is not None:
                    m.country = c.iso3
                    ent = Entity(id=f"gpe:{c.iso3}", type="GPE", name=c.name_ar, name_en=c.name_en, country=c.iso3)
                else:
                    # an unknown place is usually located by the text: "بيريزيفكا في شرق أوكرانيا"
                    near = next((o for o in doc.mentions if o.sentence == m.sentence and o.type == "GPE"
                                 and 0 <= o.start - m.end <= 40 and o.country), None)
                    ent = Entity(id=stable_id("loc", fold_key(m.text)), type="LOC", name=display(m.text),
                                 country=near.country if near else None)
            elif m.type == "ORG":
                o = kb.org(m.text)
                if o is not None:
                    m.org = o
                    ent = Entity(id=f"org:{o.id}", type="ORG", name=o.name_ar, name_en=o.name_en, country=o.country, sector=o.sector)
                else:
                    country = next((kb.country_by_nisba(t) for t in fold_key(m.text).split() if kb.country_by_nisba(t)), None)
                    ent = Entity(id=stable_id("org", fold_key(m.text)), type="ORG", name=display(m.text), country=country)
            if ent is None:
                continue
            ent = entities.setdefault(ent.id, ent)
            m.entity = ent.id
            ent.mentions.append(m)

    def __call__(self, doc: Document) -> Document:
        # what this document says (its dating, states, written names) goes on a shallow copy of the stage:
        # calls on other threads (the API's pool) never see it; the run's registry and caches are shared
        return copy.copy(self)._link(doc)

    def _link(self, doc: Document) -> Document:
        entities: dict[str, Entity] = {}
        self._dated = any(a.published for a in doc.articles)
        # states the document names anywhere: country names, nisbas (also inside titles), places
        self._doc_countries = set(self._country_counts(doc, [(s.start, s.end) for s in doc.sentences]))
        self._persons(doc, entities)
        doc.mentions += later_surnames(doc, entities)  # "تيريزا ماي" … "وأعلنت ماي أمس": see stages/surnames.py
        self._roles(doc, entities)
        self._others(doc, entities)
        for e in entities.values():
            e.mentions.sort(key=lambda m: m.start)
        doc.entities = sorted(entities.values(), key=lambda e: e.mentions[0].start if e.mentions else 0)
        return doc
