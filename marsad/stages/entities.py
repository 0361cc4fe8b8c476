"""Entity stages: ``mentions`` (KB gazetteer scan, NER spans, title-anchored persons) and ``link``
(within-document coreference, KB linking at the article's date, corpus-global ids).

Offices, nisba adjectives, places, organisations and weapons come from the knowledge base
(:mod:`marsad.kb`); names the KB does not know come from the trained NER model (:mod:`marsad.ner`).
"""
from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..doc import Document, Entity, Mention
from ..frames import frame_lexicon
from ..kb import KB
from ..ner.names import ORG_TAILS, WORK_HEADS, head_word, is_given_name, kb_name_words, name_word, plural_noun, verb_like
from ..ner.names import _FUNCTION_WORDS, PARTICLES, word_zipf
from ..pipeline import Stage
from ..temporal import weekday_names
from ..textnorm import display, fold_key
from .place_context import places_by_context, places_located_by_a_neighbour

_TOKEN = re.compile(r"[0-9a-z\u0621-\u064a]+")  # hyphens split: KB keys read "سو 35"
_ONE_LETTER_CLITICS = "وفبلك"
_WHOLE_WORD_ZIPF = 4.8  # wordfreq Zipf from which a word with a one-letter proclitic may be read as itself…
_WHOLE_WORD_MARGIN = 1.5  # …when its remainder is this much rarer ("وكالة" 5.1, "كالة" unseen)
_KAF_WORD_ZIPF = 4.0  # wordfreq Zipf from which a word written with an initial ك is read as itself only
MAX_NGRAM = 6
_STARTS_KEPT = 100_000  # tokens' readings whose gazetteer starts are kept (Gazetteer.starts)
# Words that end a name run after a title: verbs of saying, prepositions, conjunction-led words.
_NAME_STOP = {fold_key(w) for w in (
    "في", "من", "على", "إلى", "عن", "مع", "خلال", "بعد", "قبل", "الذي", "التي", "أن", "إن", "قال", "أكد", "أعلن",
    "و", "أو", "ثم", "حيث", "بين", "لدى", "عقد", "عقدا", "التقى", "استقبل", "أجرى", "بحث", "يزور", "زار", "وصل",
    "السيد", "السيدة", "نظيره", "نظيرته", "أمس", "اليوم", "مساء", "صباح", "يوم", "برئاسة", "رئيس", "وزير")}
# Nouns a nisba turns into a state actor ("الجانب الروسي", "وفد سوري", "مسؤول ألماني").
_ACTOR_HEADS = {fold_key(w) for w in (
    "الجانب", "الجانبين", "جانب", "وفد", "الوفد", "وفدا", "السلطات", "سلطات", "الحكومة", "حكومة", "الدولة", "الطرف", "الطرفين",
    "القوات", "قوات", "الجيش", "جيش", "البحرية", "السفارة", "سفارة", "الخارجية", "الدفاع", "الداخلية", "الرئاسة",
    "المشتركة", "اللجنة", "الكبرى", "العليا", "المختلطة", "البرلمان", "مسؤول", "مسؤولين", "مسؤولون", "المسؤولين", "مسؤولا", "دبلوماسي", "دبلوماسيين",
    "البلدين", "السفينة", "سفن", "طائرات", "مقاتلات", "حاملة", "القيادة", "المخابرات", "الاستخبارات", "الأمن", "النظام",
    "هبة", "منحة", "مساعدات", "مساعدة", "شحنة", "صفقة", "دعم", "قرض", "تمويل")}
_MAX_PERSON_TOKENS = 6
_PLACE_CUES = {fold_key(w) for w in ("في", "إلى", "من", "قصر", "بقصر", "مدينة", "بمدينة", "ولاية", "بولاية", "منطقة", "بلدة")}
_PLURAL_OFFICE = ("وزراء", "وزيرا", "وزيري", "رؤساء", "رئيسا", "رئيسي", "قاده")
_POSTING = {fold_key(w) for w in ("لدى", "في", "بالعاصمة")}
_HONORIFICS = {fold_key(w) for w in ("السيد", "السيدة", "الشيخ", "سمو", "الأمير", "معالي", "فخامة", "الدكتور", "د", "المهندس")}


@dataclass(slots=True)  # a million of them a corpus: no __dict__ each
class Tok:
    text: str  # folded
    start: int  # raw offsets
    end: int
    variants: tuple[str, ...]


@lru_cache(maxsize=1 << 16)
def _variants(t: str) -> tuple[str, ...]:
    """``t`` and its readings without a proclitic (و ف ب ل ك, لل -> ال); cached (bounded)."""
    out = [t]
    if t[0] == "ك" and word_zipf().get(t, 0.0) >= _KAF_WORD_ZIPF:
        # "دمارا كبيرا" is "big", not "like Beira": a frequent word starting with ك is that word (ك is
        # rare as a clitic in news, "كمصر" is rare as a word)
        return (t,)
    if t[0] in _ONE_LETTER_CLITICS and not t.startswith("لل") and _frequent_whole(t):
        # "وكالة" is an agency, not "and Kala" (a place), "وحدة" a unit, not Hadda: a very frequent word whose
        # remainder is rare is that word ("وقال", "ومصر" still split: their remainders are frequent or the whole is not)
        return (t,)
    if t.startswith("لل") and len(t) > 4:
        out.append("ال" + t[2:])  # ل + ال before any other reading: "للسعودية" is the state, not "سعودية" (a nisba)
    if len(t) > 3 and t[0] in _ONE_LETTER_CLITICS:
        out.append(t[1:])
        if t[1] in "بلك" and len(t) > 4:
            out.append(t[2:])
    if len(t) > 5 and t[0] in "وف" and t[1:3] == "لل":
        out.append("ال" + t[3:])
    return tuple(dict.fromkeys(out))


def _frequent_whole(t: str) -> bool:
    z = word_zipf()
    whole = z.get(t, 0.0)
    return whole >= _WHOLE_WORD_ZIPF and z.get(t[1:], 0.0) <= whole - _WHOLE_WORD_MARGIN


def body_heads() -> set[str]:
    """State bodies that act on people (``data/triggers.json`` cue ``body_heads``): a nisba right after one is the
    body's, and a name after that is the act's object ("احتجزت السلطات التركية أندرو برونسون" holds an American)."""
    from .triggers import lexicon

    return lexicon().cues["body_heads"]


_ADJECTIVE_HEADS = frozenset({"الخارجيه"})  # an organisation's short name that is also an adjective after a noun


def tokens_of(doc: Document, start: int, end: int) -> list[Tok]:
    """Folded word tokens of the raw span ``[start, end)`` with raw offsets (a new list; the
    tokens of a span are made once a document and shared: mentions, link and events all read
    the sentences')."""
    cache = doc.scratch.setdefault("tokens_of", {})
    toks = cache.get((start, end))
    if toks is None:
        toks = cache[(start, end)] = _tokens_of(doc, start, end)
    return list(toks)


def token_edges(doc: Document, start: int, end: int) -> tuple[list[int], list[int]]:
    """Raw start and end offsets of the tokens of :func:`tokens_of` ``(doc, start, end)``, made once a
    document (shared, do not change them). Both never decrease along the span, so ``bisect`` finds
    the first token at or after an offset, or the tokens that end before it, without a walk over a
    sentence that may be a whole one-line page."""
    cache = doc.scratch.setdefault("token_edges", {})
    found = cache.get((start, end))
    if found is None:
        toks = tokens_of(doc, start, end)
        found = cache[(start, end)] = ([t.start for t in toks], [t.end for t in toks])
    return found


def _tokens_of(doc: Document, start: int, end: int) -> list[Tok]:
    assert doc.norm is not None
    offs = doc.norm.offsets
    ns, ne = bisect_left(offs, start), bisect_left(offs, end)
    text = doc.norm.text[ns:ne]
    # the raw span (Normalised.raw_span) of a token, which is never empty; one comprehension (no appends)
    return [Tok(w, offs[ns + m.start()], offs[ns + m.end() - 1] + 1, _variants(w))
            for m in _TOKEN.finditer(text) for w in (m.group(),)]


@dataclass
class Gazetteer:
    """All KB names by folded phrase: kind -> object candidates."""

    table: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)
    _lengths: dict[str, frozenset[int]] | None = field(default=None, repr=False)
    # a token's readings -> those starting a key with their lengths, and all of those lengths; None for
    # none (most words): what scan asks of every token, kept (bounded by scan)
    starts: dict[tuple[str, ...], Any] = field(default_factory=dict, repr=False)

    def add(self, key: str, kind: str, obj: Any) -> None:
        if key:
            self.table.setdefault(key, []).append((kind, obj))
            self._lengths = None
            self.starts.clear()

    def lengths(self) -> dict[str, frozenset[int]]:
        """First word of a key -> the word counts of the keys starting with it (built once): the
        scan tries only n-grams some key can match."""
        if self._lengths is None:
            out: dict[str, set[int]] = {}
            for key in self.table:
                out.setdefault(key.split(" ", 1)[0], set()).add(key.count(" ") + 1)
            self._lengths = {k: frozenset(v) for k, v in out.items()}
        return self._lengths


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    kb = KB.load()
    gz = Gazetteer()
    for key, persons in kb.persons_index().items():
        for p in persons:
            gz.add(key, "person", p)
    for kind, index in (("place", kb.places_index()), ("org", kb.orgs_index()), ("weapon", kb.weapons_index()),
                        ("office", kb.offices_index()), ("nisba", kb.nisba_index()),
                        ("country", kb.country_names_index())):
        for key, obj in index.items():
            gz.add(key, kind, obj)
    return gz


_TODAY = frozenset({"اليوم", "امس", "غدا"})  # a name ending in a time word ("روسيا اليوم") before a weekday


def scan(toks: list[Tok], gz: Gazetteer, raw: str | None = None) -> list[tuple[int, int, list[tuple[str, Any]], int]]:
    """Longest-first gazetteer matches over tokens: (first token, end token, candidates, clitic
    length stripped from the first token). With the document's ``raw`` text, a name of several words
    never spans punctuation: "وقّعت مصر وروسيا، اليوم" is Russia and "today", not the channel روسيا اليوم."""
    out, i, n = [], 0, len(toks)
    table = gz.table
    lengths = gz.lengths().get
    starts = gz.starts
    starts_get = starts.get
    while i < n:
        tok = toks[i]
        hit = None
        if i + 1 < n and toks[i + 1].start - tok.end == 1 and toks[i + 1].text in table \
                and tok.text not in PARTICLES and tok.text not in _FUNCTION_WORDS:
            # "نيو يورك" is "نيويورك" (New York, not York): a city name written in two words; a particle
            # and a word are a clause ("بل كان" is "rather it was", not Bulgan)
            joined = [c for c in table.get(tok.text + toks[i + 1].text, ()) if c[0] == "place"]
            if joined:
                hit = (i, i + 2, joined, 0)
        if hit is None:
            # longest first, then the variants in order: only lengths some key of that first word has
            # (a variant no key starts with is dropped at once: most words start none)
            found = starts_get(tok.variants, False)
            if found is False:
                if len(starts) >= _STARTS_KEPT:
                    starts.clear()
                vs = [(v, ls) for v in tok.variants if (ls := lengths(v))]
                found = starts[tok.variants] = (vs, vs[0][1] if len(vs) == 1 else frozenset().union(
                    *(ls for _, ls in vs))) if vs else None
            if found is not None:
                variants, possible = found
                # no key is longer than the longest ``possible``: look no further for a gap than that
                reach = min(MAX_NGRAM, n - i, max(possible))
                if raw is not None:
                    # stop the n-gram at the first gap holding more than spaces
                    reach = next((j - i for j in range(i + 1, i + reach) if raw[toks[j - 1].end:toks[j].start].strip()), reach)
                for k in range(reach, 0, -1):
                    if k not in possible:
                        continue
                    if k > 1 and toks[i + k - 1].text in _TODAY and i + k < n and toks[i + k].text in weekday_names():
                        continue  # "استخدمت روسيا اليوم الثلاثاء حق النقض": Russia, today Tuesday; not RT
                    rest = " ".join(t.text for t in toks[i + 1:i + k])
                    for v, ls in variants:
                        if k not in ls:
                            continue
                        cands = table.get(f"{v} {rest}" if rest else v)
                        if cands:
                            hit = (i, i + k, cands, len(tok.text) - len(v))
                            break
                    if hit:
                        break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def states_named(hits: list[tuple[int, int, list[tuple[str, Any]], int]]) -> Counter[str]:
    """States a scanned span names: country names, nisbas and places (a town names its state)."""
    counts: Counter[str] = Counter()
    for _, _, cands, _ in hits:
        for kind, obj in cands:
            if kind in ("nisba", "country"):
                counts[obj] += 1
                break
            if kind == "place" and obj.cc3:
                counts[obj.cc3] += 1
                break
    return counts


def _pick(cands: list[tuple[str, Any]], *kinds: str) -> list[Any]:
    return [o for k, o in cands if k in kinds]


class MentionsStage(Stage):
    """Find mentions: KB gazetteer, NER spans, and persons anchored by a title (office/rank + nisba)."""

    name = "mentions"
    version = "1.0"
    requires = frozenset({"norm", "sentences"})
    provides = frozenset({"mentions"})

    def __init__(self, **config: Any) -> None:
        super().__init__(**config)
        from ..ner import NerTagger

        self.tagger = NerTagger.load()
        self.gz = gazetteer()

    def __call__(self, doc: Document) -> Document:
        doc.mentions = []
        texts = [doc.raw[s.start:s.end] for s in doc.sentences]
        ner_spans = self.tagger.entities_many(texts, one_document=True) if texts else []
        for si, sent in enumerate(doc.sentences):
            toks = tokens_of(doc, sent.start, sent.end)
            doc.mentions.extend(self._sentence(doc, si, sent.start, toks, ner_spans[si]))
        places_by_context(KB.load(), doc)  # "طرابلس" in a Lebanese story is Lebanon's
        places_located_by_a_neighbour(doc)  # "صيدا والجيزة، شرقي مدينة درعا" are Syria's
        return doc

    def _sentence(self, doc: Document, si: int, base: int, toks: list[Tok], ner: list[tuple[int, int, str]]) -> list[Mention]:
        raw = doc.raw
        hits = scan(toks, self.gz, raw)
        sent = doc.sentences[si]
        doc.scratch.setdefault("states_by_sentence", {})[(sent.start, sent.end)] = states_named(hits)
        mentions: list[Mention] = []
        tok: dict[int, tuple[int, int]] = {}  # id(mention) -> its token range [a, b), while this sentence is read
        titles: list[tuple[int, int, dict]] = []  # token ranges of title phrases with office/country/rank
        covered: set[int] = set()
        for a, b, cands, clitic in hits:
            s, e = toks[a].start, toks[b - 1].end
            s = _skip_chars(raw, s, clitic)
            text = raw[s:e]
            kinds = {k for k, _ in cands}
            if "place" in kinds and b - a == 1 and _possessed_noun(raw, s, e, _pick(cands, "place")[0]):
                kinds.discard("place")  # "مواقف جده" (his grandfather's), not "جدة" (Jeddah)
            if "place" in kinds and b - a == 1 and len(toks[a].text) - clitic <= 3 \
                    and not any(p.kind in ("capital", "country") for p in _pick(cands, "place")):
                kinds.discard("place")  # three-letter town names ("بار") are mostly ordinary words
            if "org" in kinds and toks[a].text in _ADJECTIVE_HEADS and a > 0 and toks[a - 1].variants[-1].startswith("ال"):
                kinds.discard("org")  # "السياسة الخارجية التركية": an adjective, not "الخارجية" (the ministry)
            if "weapon" in kinds and b - a == 1 and (len(toks[a].text) <= 3 or toks[a].text in common_words()):
                kinds.discard("weapon")  # "كان" is a verb before it is a Turkish fighter
            if "person" in kinds and "place" in kinds and b - a == 1 and a > 0 and \
                    (toks[a - 1].text in _PLACE_CUES or clitic or toks[a].text[:1] == "ب"):
                kinds.discard("person")  # "بقصر باردو", "في باردو": the place, not the surname
            if titles and titles[-1][1] == a and titles[-1][2].get("office") is not None:
                # "وزير خارجية قطر", "سفيرة بريطانيا", "خطيب جمعة طهران": the state qualifies the office
                qualifier, seat = _office_qualifier(cands, text, clitic)
                if qualifier:
                    titles.append((a, b, {"office": None, "nisba": qualifier, "seat": seat}))
                    continue
            if "person" in kinds:
                if b - a == 1 and a > 0 and a - 1 not in covered and _name_like(toks[a - 1].text, common_words(), first=True) \
                        and toks[a - 1].text not in common_words() and not _is_trigger(toks[a - 1]) \
                        and toks[a - 1].text[0] not in "وف" and _first_name_of(toks[a - 1].text, _pick(cands, "person")) \
                        and doc.raw[toks[a - 1].end:toks[a].start].strip() == "":
                    # "إيمانوال ماكرون": a first name spelled unlike the KB's joins the surname it precedes,
                    # but "أشاد ماكرون", "إقناع ترامب" (a verb, a noun) do not
                    a, s = a - 1, toks[a - 1].start
                    text = raw[s:e]
                m = Mention(s, e, text, "PER", "kb", si, kb_persons=_pick(cands, "person"))
            elif "org" in kinds:
                org = _pick(cands, "org")[0]
                m = Mention(s, e, text, "ORG", "kb", si, org=org)
            elif "weapon" in kinds:
                m = Mention(s, e, text, "WEAPON", "kb", si, weapon=_pick(cands, "weapon")[0])
            elif "place" in kinds:
                m = Mention(s, e, text, "GPE" if _pick(cands, "place")[0].kind == "country" else "LOC", "kb", si,
                            place=_pick(cands, "place")[0])
            elif "country" in kinds:
                m = Mention(s, e, text, "GPE", "kb", si, country=_pick(cands, "country")[0])
            elif ("office" in kinds or "nisba" in kinds) and not (b - a == 1 and "nisba" not in kinds
                                                                  and _hamza_clash(text, toks[a].text[clitic:])):
                titles.append((a, b, {"office": (_pick(cands, "office") or [None])[0],
                                      "nisba": (_pick(cands, "nisba") or [None])[0]}))
                continue
            else:
                continue
            mentions.append(m)
            tok[id(m)] = (a, b)
            covered.update(range(a, b))
        titles = _merge_titles(titles, toks)
        for a, b, _ in titles:
            covered.update(range(a, b))  # NER does not re-read a title as a name or a place
        # NER spans the gazetteer did not cover.
        starts, ends = [t.start for t in toks], [t.end for t in toks]
        for s, e, typ in ner:
            rs, re_ = base + s, base + e
            # the tokens inside the span: starts and ends both increase along the sentence
            ti = list(range(bisect_left(starts, rs), bisect_right(ends, re_)))
            # drop leading titles/honorifics and trailing nisbas the model swallowed
            while ti and (toks[ti[0]].text in _HONORIFICS or any(a <= ti[0] < b for a, b, _ in titles)):
                ti = ti[1:]
            while ti and any(a <= ti[-1] < b for a, b, _ in titles):
                ti = ti[:-1]
            while typ == "PERS" and ti and verb_like(toks[ti[0]].text, common_words()):
                ti = ti[1:]  # "نهنئ مامودو غاساما", "قد استذكر": the model swallowed the verb before a name
            inner = [k for k, i in enumerate(ti) if any(a <= i < b for a, b, _ in titles)]
            if typ == "PERS" and inner and inner[-1] + 1 < len(ti) and toks[ti[inner[-1] + 1]].text not in ("بن", "ابن", "ال"):
                ti = ti[inner[-1] + 1:]  # "صاحب الرقم القياسي الويلزي إيان راش": the name follows its title
            while typ == "PERS" and len(ti) > 1 and (verb_like(toks[ti[-1]].text, common_words()) or (
                    toks[ti[-1]].text[0] in "لف" and verb_like(toks[ti[-1]].text[1:], common_words()))):
                ti = ti[:-1]  # "البوعينين ليتبادل": a verb after the name
            if not ti or any(i in covered for i in ti):
                continue
            a, b = ti[0], ti[-1] + 1
            s0 = toks[a].start
            kind = {"PERS": "PER", "LOC": "LOC", "ORG": "ORG"}.get(typ)
            if kind is None or (kind == "PER" and b - a > _MAX_PERSON_TOKENS):
                continue  # a list of names run together without punctuation is not one person
            mentions.append(Mention(s0, toks[b - 1].end, raw[s0:toks[b - 1].end], kind, "ner", si))
            tok[id(mentions[-1])] = (a, b)
            covered.update(range(a, b))
        # Title anchoring: "وزير الدفاع الروسي العقيد ألكسندر فومين".
        by_start = {tok[id(m)][0]: m for m in mentions if id(m) in tok}
        by_end = {tok[id(m)][1]: m for m in mentions if id(m) in tok}
        for a, b, info in titles:
            before = by_end.get(a)
            if before is not None and before.type == "PER" and info.get("office") and info["office"].kind == "office" \
                    and "،" in raw[toks[a - 1].end:toks[a].start] + "،" and raw[toks[a - 1].end:toks[a].start].strip() in ("،", ",") \
                    and not toks[a].text.startswith(("وال", "وو")):
                # apposition after the name: "مهدي فرحي، نائب وزير الدفاع" (not the next of a list: "بين أردوغان،
                # وبوتين، والرئيس الإيراني")
                if before.office is None:
                    before.office = info["office"]
                if info.get("nisba") and before.country is None:
                    before.country = info["nisba"]
            elif before is not None and before.type == "PER" and info.get("office") and info["office"].kind == "office" \
                    and info.get("nisba") and KB.load().country_by_name(toks[b - 1].text) is not None \
                    and not raw[toks[a - 1].end:toks[a].start].strip() and _titled(toks, tok[id(before)][0], titles):
                # the office of a state named right after a titled name: "الملك عبد الله عاهل الأردن" — the office
                # and its state are the person's ("والتقى كيم رئيس وزراء سنغافورة لي هسيين لونغ" is someone else's)
                before.office = before.office or info["office"]
                before.country = before.country or info["nisba"]
                continue
            nxt = b
            while nxt < len(toks) and toks[nxt].text in _HONORIFICS:
                nxt += 1
            if nxt < len(toks) and toks[nxt].text in _POSTING and nxt + 1 < len(toks):
                # "السفير الفرنسي لدى موسكو جان موريس ريبير": the posting sits between title and name
                after = next((k for k in range(nxt + 1, min(nxt + 5, len(toks))) if k in by_start
                              and by_start[k].type == "PER"), None)
                if after is not None and all(k in covered for k in range(nxt + 1, after)):
                    nxt = after
            if info.get("office") and nxt == b and nxt + 2 < len(toks) and nxt not in by_start and nxt not in covered \
                    and toks[nxt + 1].text.startswith("ال") and toks[nxt + 1].text not in _HONORIFICS \
                    and nxt + 2 in by_start and by_start[nxt + 2].type == "PER" \
                    and not re.search(r"[،,.:;\n]", raw[toks[b - 1].end:toks[nxt + 2].start]):
                nxt += 2  # "رئيس حكومة تصريف الأعمال نجيب ميقاتي": a genitive complement between office and name
            m = by_start.get(nxt)
            if m is not None and m.type != "PER":
                m = None  # a title qualifies a person, never the place or state that follows it
            if m is None and nxt < len(toks) and nxt not in covered and info.get("office"):
                m = self._name_after_title(doc, si, toks, nxt, covered)
                if m:
                    mentions.append(m)
                    by_start[nxt] = m
            if m is not None and m.type == "PER" and m.source == "ner":
                self._extend_name(doc, toks, m)
            if m is not None and m.type == "PER":
                if info.get("office") and info["office"].kind == "office" and m.office is None:
                    m.office = info["office"]
                if info.get("rank") and m.rank is None:
                    m.rank = info["rank"]
                if info.get("nisba") and m.country is None and not (not info.get("office") and a > 0
                                                                     and toks[a - 1].text in body_heads()):
                    m.country = info["nisba"]
                m.seat = info.get("seat")
                m.title_span = (toks[a].start, toks[max(b, nxt) - 1].end if nxt - b == 2 else toks[b - 1].end)
            elif m is None and info.get("office") and info.get("nisba"):
                # An unnamed office holder ("نظيره الإيراني", "وزير الدفاع الإيراني"): resolved by linking.
                prev = toks[a - 1].text if a > 0 else ""
                mentions.append(Mention(toks[a].start, toks[b - 1].end, raw[toks[a].start:toks[b - 1].end], "ROLE",
                                        "title", si, office=info["office"], country=info["nisba"],
                                        counterpart=prev in ("نظيره", "نظيرته", "ونظيره", "لنظيره")))
                # "وزراء خارجية تونس والجزائر ومصر": a plural office over a list of states, one holder each
                k = b
                while toks[a].text.startswith(_PLURAL_OFFICE) and k in by_start and toks[k].text.startswith("و") \
                        and _state_of(by_start[k]):
                    g = by_start[k]
                    state = _state_of(g)
                    g.type, g.source = "ROLE", "title"
                    # what the gazetteer knew of the state or capital gives way to the office held for it
                    g.place, g.office, g.country, g.counterpart = None, info["office"], state, False
                    k = tok[id(g)][1]
            elif m is None and info.get("nisba") and not info.get("office") and before is not None and before.type == "ORG" \
                    and tok.get(id(before), (0, -1))[1] == a:
                if before.country is None:
                    before.country = info["nisba"]  # "وزارة الدفاع الروسية"
            elif m is None and info.get("nisba") and not info.get("office") and a > 0 and \
                    (toks[a - 1].text in _ACTOR_HEADS or toks[a - 1].variants[-1] in _ACTOR_HEADS
                     or (before is not None and before.type == "WEAPON")):
                # a state's side named by a nisba: "الجانب الروسي", "وفد سوري", "مسؤول ألماني", "اللجنة المشتركة التونسية الجزائرية"
                mentions.append(Mention(toks[a].start, toks[b - 1].end, raw[toks[a].start:toks[b - 1].end], "NORP",
                                        "title", si, country=info["nisba"], head=toks[a - 1].text))
                for extra in info.get("more", ()):
                    mentions.append(Mention(toks[a].start, toks[b - 1].end, raw[toks[a].start:toks[b - 1].end], "NORP",
                                            "title", si, country=extra, head=toks[a - 1].text))
            elif m is None and info.get("nisba") and a > 0 and toks[a - 1].text in ("نظيره", "نظيرته", "ونظيره", "لنظيره", "بنظيره"):
                mentions.append(Mention(toks[a - 1].start, toks[b - 1].end, raw[toks[a - 1].start:toks[b - 1].end], "ROLE",
                                        "title", si, office=None, country=info["nisba"], counterpart=True))
        mentions.sort(key=lambda m: m.start)
        return mentions

    @staticmethod
    def _extend_name(doc: Document, toks: list[Tok], m: Mention) -> None:
        """NER often stops inside a long foreign name after a title ("يونس | بك يفكيروف"): extend it
        over following name-like tokens not separated by punctuation."""
        common = common_words()
        sent = doc.sentences[m.sentence]
        k = bisect_left(token_edges(doc, sent.start, sent.end)[0], m.end)  # the first token after the name
        n = len(m.text.split())
        while k is not None and k < len(toks) and n < 4 and doc.raw[m.end:toks[k].start].strip() == "" \
                and _name_like(toks[k].text, common, first=False) and toks[k].text not in common:
            m.end = toks[k].end
            n += 1
            k += 1
        m.text = doc.raw[m.start:m.end]

    @staticmethod
    def _name_after_title(doc: Document, si: int, toks: list[Tok], i: int, covered: set[int]) -> Mention | None:
        """Up to four name-like tokens after a title, when NER and the KB found nothing there.

        A name token is not a frequent ordinary word (``data/common_words.txt``), carries no article
        or ل/ب proclitic, and the run stops at punctuation.
        """
        common = common_words()
        if i > 0 and any(q in doc.raw[toks[i - 1].end:toks[i].start] for q in '"«“'):
            return None  # 'وأضاف وزير الداخلية "لدينا اتفاق واضح"': a quotation follows the title, no name
        j = i
        while j < len(toks) and j - i < 4 and j not in covered and _name_like(toks[j].text, common, first=j == i):
            j += 1
            if doc.raw[toks[j - 1].end:toks[j - 1].end + 1] in "،,.:;\"«»()":
                break
        if j == i or all(toks[k].text in common for k in range(i, j)):
            return None
        ordinary = sum(toks[k].text in common for k in range(i, j))
        if ordinary >= 2 and 2 * ordinary >= j - i:
            return None  # "نائبة رئيس مساعد أمين مكتب شؤون المنظمات": more of the title, no name after it
        if j < len(toks) and toks[j].text.startswith("ال") and toks[j].text in common and not is_given_name(toks[i].text) \
                and doc.raw[toks[j - 1].end:toks[j].start].strip() == "":
            return None  # "رئيس حكومة تصريف الأعمال": a noun in construct qualifies the office, it names no one
        s, e = toks[i].start, toks[j - 1].end
        return Mention(s, e, doc.raw[s:e], "PER", "title", si)


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    from importlib import resources

    text = resources.files("marsad.data").joinpath("common_words.txt").read_text("utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def _name_like(t: str, common: frozenset[str], first: bool) -> bool:
    if t in _NAME_STOP or t.isdigit() or t.startswith(("ال", "لل")) or len(t) < 2:
        return False
    if verb_like(t, common):
        return False  # "العاهل الأردني قد استذكر", "رئيس الجمهورية يستقبل": a clause, not a name
    if first and t[0] in "لب" and t[1:] in common:
        return False
    if t[0] == "و" and (t[1:] in common or t[1:].startswith("ال")):
        return False  # "وكاتب الدولة", "وعمره": a conjunction starting the next phrase
    if first and t[0] == "و" and len(t) > 3 and not is_given_name(t) and t not in kb_name_words() \
            and (is_given_name(t[1:]) or _zipf(t[1:]) >= _PHRASE_STEM_ZIPF) and _zipf(t[1:]) > _zipf(t):
        return False  # "العاهل السعودي وولي عهده": و joins the next title to the first, no name follows it
    return True


def _office_qualifier(cands: list[tuple[str, Any]], text: str, clitic: int) -> tuple[str | None, Any]:
    """The state a name right after an office title gives it, and the seat a capital names: a country
    ("وزير خارجية قطر"), a capital ("خطيب جمعة طهران": Iran, seated in Tehran; GeoNames marks few capitals,
    the KB's capitals index knows "طهران"), or an IGO. A capital with a glued preposition is where the
    holder is, no qualifier ("رئيس الجمهورية بواشنطن"). ``(None, None)`` when the name gives none."""
    seats = [p for p in _pick(cands, "place")
             if p.kind == "capital" or not clitic and KB.load().country_by_capital(text) == p.cc3]
    countries = _pick(cands, "country")
    qualifier = (countries or [p.cc3 for p in seats]
                 or [o.country for o in _pick(cands, "org") if o.country == "IGO"] or [None])[0]
    return qualifier, (seats[0] if seats and not countries else None)


@lru_cache(maxsize=1)
def _office_spellings() -> dict[str, frozenset[str]]:
    """Folded one-word office title -> its spellings in ``kb/offices.tsv`` with their hamza and madda."""
    from importlib import resources

    out: dict[str, set[str]] = {}
    text = resources.files("marsad.data").joinpath("kb", "offices.tsv").read_text("utf-8")
    for line in text.split("\n"):
        if not line or line.startswith(("#", "ar_variants")):
            continue
        for v in line.split("\t", 1)[0].split("|"):
            if " " not in v.strip() and v.strip():
                out.setdefault(fold_key(v), set()).add(v.strip())
    return {k: frozenset(v) for k, v in out.items()}


def _hamza_clash(surface: str, key: str) -> bool:
    """A one-word office title written with another alef than every spelling of the office: "أمر" (a
    matter: "أمر مقبول", "أمر جميل") is not "آمر" (commander), though both fold to امر."""
    spellings = _office_spellings().get(key)
    first = next((ch for ch in surface if fold_key(ch)), "")
    if not spellings or first not in "أإآ":
        return False
    return all(sp[:1] in "أإآ" and sp[:1] != first for sp in spellings)


def _possessed_noun(raw: str, start: int, end: int, place: Any) -> bool:
    """A place whose name ends in ة written with ه, where the word without ه is an ordinary noun and no
    place cue precedes it: the pronoun suffix "his" ("مواقف جده" his grandfather; "إلى جده" is Jeddah)."""
    surface, word = raw[start:end], fold_key(raw[start:end])
    prev = (fold_key(raw[max(0, start - 20):start]).split() or [""])[-1]
    return display(place.name_ar).endswith("ة") and surface.endswith("ه") and len(word) >= 3 \
        and word[:-1] in common_words() and prev not in _PLACE_CUES


def _first_name_of(word: str, persons: list[Any]) -> bool:
    """``word`` can be the first name of one of the KB ``persons`` whose surname follows it: a known
    given name, or a spelling close to the KB's first name ("إيمانوال" for "إيمانويل")."""
    if is_given_name(word):
        return True
    for p in persons:
        for alias in (p.name_ar,) + tuple(p.aliases_ar):
            at = fold_key(alias).split()
            if len(at) > 1 and difflib.SequenceMatcher(None, word, at[0]).ratio() >= 0.7:
                return True
    return False


def _is_trigger(tok: Tok) -> bool:
    """A verb or noun of the event lexicon ("يحل ماكرون", "التقى بوتين") never starts a name."""
    lex = frame_lexicon()
    return any(lex.lookup(v) is not None for v in tok.variants)


def _titled(toks: list[Tok], start: int, titles: list[tuple[int, int, dict]]) -> bool:
    """The name starting at token ``start`` follows a title or an honorific ("الملك عبد الله", "الشيخ صباح")."""
    return start > 0 and (toks[start - 1].text in _HONORIFICS or toks[start - 1].variants[-1] in _HONORIFICS
                          or any(b == start for _, b, _ in titles))


def _state_of(m: Mention) -> str | None:
    """The state a country-name or capital mention names."""
    if m.type == "GPE" and m.country:
        return m.country
    p = m.place
    return p.cc3 if p is not None and p.kind == "capital" else None


def _skip_chars(raw: str, start: int, n: int) -> int:
    """Skip ``n`` letters of a proclitic (و ب ل ف ك) glued to a name: "وموسكو" -> "موسكو"; raw text
    may hold diacritics or tatweel between them, which folding removed."""
    while n > 0 and start < len(raw):
        start += 1
        while start < len(raw) and fold_key(raw[start]) == "" and not raw[start].isspace():
            start += 1
        n -= 1
    return start


def _merge_titles(titles: list[tuple[int, int, dict]], toks: list[Tok]) -> list[tuple[int, int, dict]]:
    """Join adjacent office, rank and nisba phrases into one title: "نائب وزير الدفاع" + "الروسي" + "العقيد"."""
    out: list[tuple[int, int, dict]] = []
    for a, b, info in titles:
        info = dict(info)
        off = info.get("office")
        if off is not None and off.kind == "rank":
            info["rank"], info["office"] = off, None
        gap_ok = out and (out[-1][1] == a or (a - out[-1][1] == 1 and info.get("nisba") and not info.get("office")
                                               and out[-1][2].get("office") is not None and out[-1][2].get("nisba") is None
                                               and toks[a - 1].text.startswith("ال")))
        if gap_ok and info.get("office") is not None and out[-1][2].get("office") is not None \
                and out[-1][2].get("nisba") is not None:
            gap_ok = False  # a second whole office starts another title: "التقى الرئيس الأمريكي بالرئيس الفرنسي"
        if gap_ok and info.get("office") is not None and out[-1][2].get("office") is None and out[-1][2].get("rank") is None:
            # a nisba qualifies the noun before it, never an office after it: "استدعت وزارة الخارجية الجزائرية
            # السفير الفرنسي" is Algeria's ministry and France's ambassador
            gap_ok = False
        if gap_ok:  # adjacent, or "رئيس حكومة [الوفاق] الليبي": one name word between office and nisba
            pa, pb, pinfo = out[-1]
            merged = dict(pinfo)
            if info.get("nisba") and merged.get("nisba") and info["nisba"] != merged["nisba"] and not info.get("office"):
                merged["more"] = tuple(merged.get("more", ())) + (info["nisba"],)
            for k, v in info.items():
                if v is not None and merged.get(k) is None:
                    merged[k] = v
            out[-1] = (pa, b, merged)
        else:
            out.append((a, b, info))
    return out


def article_date(doc: Document, ai: int) -> dt.date | None:
    """The published date of article ``ai`` of ``doc``; None when it has none (or ``doc`` has no
    articles). There is no fallback to the day of the run: an undated article stays undated, and
    what depends on its date (terms of office, :mod:`marsad.stages.link`) stays unknown."""
    art = doc.articles[ai] if doc.articles else None
    return art.published if art and art.published else None


def stable_id(prefix: str, key: str) -> str:
    return f"{prefix}:{hashlib.sha1(key.encode('utf-8')).hexdigest()[:12]}"


# --- Names of things (issue 11): places, buildings, companies, brands, works, vessels ------------------
_QUOTES = "\"«»“”'()"
_QUOTED_HEAD_REACH = 4  # the head of a quoted title and the qualifiers with the article between them and it
# Heads of products and brands, besides works and vessels (:data:`marsad.ner.names.WORK_HEADS`), before a quoted
# name: 'سلسلة القهوة البريطانية الشهيرة "كوستا كوفي"', 'السيارة الطائرة "إيفا إكس"'
_PRODUCT_HEADS = frozenset(fold_key(w) for w in (
    "سلسلة", "علامة", "ماركة", "منتج", "تطبيق", "لعبة", "سيارة", "السيارة", "طائرة", "الطائرة", "دمية", "مطعم", "مقهى"))
# Heads of a brand even without quotation marks ("متاجر تومي هيلفيغر", "منتجات كوستا"), and of a family or a
# series named after one ("كوميديا عائلة كونر"): whoever the name was given after, it names no one here
_BRAND_HEADS = frozenset(fold_key(w) for w in (
    "متاجر", "متجر", "منتجات", "فروع", "مخازن", "سلسلة", "علامة", "ماركة", "عائلة", "أسرة"))


def _brand_head(word: str) -> bool:
    """``word`` (folded), or it without a proclitic ("لشركة" is handled by head_word), is in :data:`_BRAND_HEADS`."""
    return word in _BRAND_HEADS or (len(word) > 3 and word[0] in "وفبلك" and word[1:] in _BRAND_HEADS)


_THING_MENTIONS_MIN = 2  # mentions after a thing's head from which most of a name's mentions make it a thing


def _thing_head(word: str) -> bool:
    """``word`` (folded), or it without و/ف, heads a work, vessel or product ("والمدمرة", "فيلم", "سلسلة")."""
    return any(w in WORK_HEADS or w in _PRODUCT_HEADS for w in (word, word[1:] if word[:1] in "وف" else word))


def names_a_thing(doc: Document, mentions: list[Mention]) -> bool:
    """Every one of a person's ``mentions`` (or most of several) comes right after a head noun of a place,
    building, company or brand (:func:`marsad.ner.names.head_word`: "ملعب جاسم بن حمد", "بمدينة ليستر",
    "مجمع كيسونغ"), quoted a few qualifiers after the head of a work, vessel or product, or right before a
    company's last word ("هيومن رايتس ووتش"): the name is the thing's, whoever it was given after."""
    def thing(m: Mention) -> bool:
        before = doc.raw[max(0, m.start - 80):m.start]
        after = doc.raw[m.end:m.end + 30]
        quoted = before.rstrip()[-1:] in _QUOTES
        if quoted:  # 'ببركان "فويغو"', 'مسجد "شاه جاهان"', 'الفيلم الأمريكي (بلاك بانثر)'
            before = before.rstrip()[:-1]
            if before and not before[-1].isspace():
                return False
        words = before.split()
        if before[-1:].isspace() and words and not before.rstrip()[-1:] in "،,.:;\"«»()":
            # a quoted name may stand a few qualifiers after its head ('عملها الأول "نو بونز"', 'والمدمرة
            # الأمريكية "دونالد كوك"', 'سلسلة القهوة البريطانية الشهيرة "كوستا كوفي"'); unquoted, only right after it
            for k in range(1, min(len(words), _QUOTED_HEAD_REACH + 1 if quoted else 1) + 1):
                head = fold_key(words[-k])
                if head_word(head) or _brand_head(head) or (quoted and _thing_head(head)):
                    return True
                if not head.startswith("ال") or re.search(r"[،,.:;\"«»()]", words[-k]):
                    break
        if quoted and (after.lstrip()[:1] in _QUOTES) and not is_given_name(fold_key(m.text.split()[0])):
            return True  # a quoted name the text gives no head for, not starting with a given name: a title
        return after[:1].isspace() and bool(after.split()) and fold_key(after.split()[0]) in ORG_TAILS
    things = sum(thing(m) for m in mentions)
    # all its mentions, or most of several: "شركة تومي هيلفيغر ... متاجر تومي هيلفيغر ... لشركة تومي هيلفيغر"
    return bool(mentions) and (things == len(mentions) or (things >= _THING_MENTIONS_MIN and things * 2 > len(mentions)))


# --- Phrases that the NER model reads as names (issue 11, judged sample of seed 47) -----------------
_PHRASE_STEM_ZIPF = 3.5  # a stem this frequent as a word (wordfreq) reads as the word, not as a surname's root
_ADJECTIVE_STEM_ZIPF = 3.0  # "استفزاز" 3.5, "تأبين" 3.3: the noun an adjective in ـي is made from
# A derived form (a noun with a pronoun, an adjective in ـي) is this much rarer than its stem when it is the
# word's ("جيراني" < 3 against "جيران" 3.7), not a surname spelled like it ("ريتشي" 3.5, "ريتش" 3.6)
_DERIVED_ZIPF_GAP = 1.0
_POSSESSIVES = ("هما", "هم", "ها", "ه", "ي")
_OTHER_PERSONS = ("ه", "ها", "هم", "نا", "ك")  # other possessives a noun with ي "my" is attested with


def _zipf(word: str) -> float:
    return word_zipf().get(word, 0.0)


def _rarer_than_stem(word: str, stems: list[str], floor: float) -> bool:
    """One of ``stems`` is at least ``floor`` frequent and :data:`_DERIVED_ZIPF_GAP` more frequent than ``word``."""
    return any(_zipf(f) >= floor and _zipf(f) - _zipf(word) >= _DERIVED_ZIPF_GAP for f in stems)


def _possessed(word: str, alone: bool) -> bool:
    """``word`` is a frequent noun with a possessive pronoun and no name: "خارجيته" (his foreign [ministry]:
    ة is written ت before the pronoun); with ي ("my") only ``alone`` ("أعرف جيراني") and when the stem takes
    other possessives in the word list, as foreign surnames end so too ("إيفان دوكي", "ليز جراندي")."""
    if word in kb_name_words() or is_given_name(word):
        return False
    for suf in _POSSESSIVES:
        stem = word[:-len(suf)]
        if not word.endswith(suf) or len(stem) < 3 or is_given_name(stem):
            continue
        if suf == "ي" and not (alone and any(_zipf(stem + other) for other in _OTHER_PERSONS)):
            continue  # "جيراني": the language writes "جيرانه", "جيرانهم" too; nobody writes "دوكه"
        forms = [stem] + ([stem[:-1] + "ه"] if suf != "ي" and stem.endswith("ت") else [])
        if _rarer_than_stem(word, forms, _PHRASE_STEM_ZIPF):
            return True
    return False


def _construct_plural(word: str) -> bool:
    """A participle's sound plural without its ن before a noun: "منتقدو", "محامو", "مستخدمو" (م, then a
    consonant: "ميتروغلو" is a surname)."""
    return 5 <= len(word) <= 7 and word.endswith("و") and word[1] not in "اوي" and not name_word(word) \
        and plural_noun(word + "ن")


def phrase_not_name(words: list[str]) -> str | None:
    """Why the folded ``words`` of a person span the KB does not know are a phrase of the language, or None:
    a sound plural in construct ("وقال منتقدو قرار مطعم", "محامو صبري") or a dual ("مادتا"), a noun with a possessive
    ("أعرف جيراني", "وزير خارجيته أي تسجيلات"), a country name inside ("ونجمي أوروغواي لويس سواريس"),
    a noun with an adjective in ـي made from a frequent noun ("إلقاء خطاب استفزازي", "قداس تأبيني")
    or with a nisba ("لخيانته جواسيس روسا")."""
    if not words:
        return None
    first, last = words[0], words[-1]
    if _construct_plural(first):
        return "a plural noun in construct"
    if _possessed(first, alone=len(words) == 1):
        return "a noun with a possessive"
    if len(words) == 1 and first.endswith("تا") and not name_word(first) and _zipf(first[:-2] + "ه") >= _PHRASE_STEM_ZIPF:
        return "a dual noun in construct"  # "تعد مادتا سي بي دي ..." (the two substances)
    kb = KB.load()
    if len(words) > 1 and any(not w.startswith("ال") and not name_word(w) and kb.country_by_name(w) for w in words[1:]):
        return "a country name"
    if len(words) == 2 and _zipf(first) >= _PHRASE_STEM_ZIPF and (not is_given_name(first) or first in common_words()) \
            and not name_word(last) and last.endswith("ي") \
            and not name_word(last[:-1]) and _rarer_than_stem(last, [last[:-1]], _ADJECTIVE_STEM_ZIPF):
        return "a noun and its adjective"
    if len(words) == 2 and _zipf(first) >= _PHRASE_STEM_ZIPF and not name_word(first) \
            and (kb.country_by_nisba(last) or (last.endswith("ا") and kb.country_by_nisba(last[:-1]))):
        return "a noun and a nisba"
    return None


# Words of match reports. In a club match report the state the story is about is a club's or a host's
# ("ريال مدريد يتخطى بايرن ميونيخ" gave Kimmich Spain and Ronaldo Germany), not the players'; a national team's
# story is about its state ("المنتخب التونسي يخسر أمام نظيره الإنكليزي": the players are mostly Tunisian).
_SPORT_WORDS = frozenset(fold_key(w) for w in (
    "مباراة", "المباراة", "مباريات", "المباريات", "الدوري", "اللاعب", "لاعب", "لاعبي", "المدرب", "مدرب", "المهاجم",
    "المدافع", "الحارس", "هدف", "هدفين", "أهداف", "الأهداف", "الشوط", "البطولة", "بطولة", "الملعب", "ركلة", "ركلات",
    "الدقيقة", "التعادل", "تأهل", "التأهل", "كرة", "القدم", "نادي", "النادي", "المرمى", "مرمى", "التنس"))
_NATIONAL_TEAM_WORDS = frozenset(fold_key(w) for w in (
    "منتخب", "المنتخب", "منتخبات", "المنتخبات", "المونديال", "مونديال", "الفيفا", "الأولمبية", "الأولمبياد"))
_SPORT_TOKENS_MIN = 6  # sport words among the article's tokens (its title and body)
_SPORT_SHARE_MIN = 0.02  # ... and at least this share of them: a political story naming a match stays political


def club_match_story(doc: Document, ai: int) -> bool:
    """Article ``ai`` of ``doc`` is a sports story (many :data:`_SPORT_WORDS`) with no national team in it
    (no :data:`_NATIONAL_TEAM_WORDS`)."""
    cache = doc.scratch.setdefault("club_match_story", {})
    if ai not in cache:
        art = doc.articles[ai] if ai < len(doc.articles) else None
        spans = [art.title_span] if art and art.title_span else []
        spans += [(s.start, s.end) for s in doc.sentences if s.article == ai and s.kind == "body"]
        toks = [t for a, b in spans for t in tokens_of(doc, a, b)]
        hits = sum(1 for t in toks if t.text in _SPORT_WORDS or t.variants[-1] in _SPORT_WORDS)
        national = any(t.text in _NATIONAL_TEAM_WORDS or t.variants[-1] in _NATIONAL_TEAM_WORDS for t in toks)
        cache[ai] = hits >= _SPORT_TOKENS_MIN and hits >= _SPORT_SHARE_MIN * len(toks) and not national
    return cache[ai]
