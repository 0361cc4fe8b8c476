"""Statements: verbal events told as reported speech.

Most hostile and verbal events in news are not told with a verb of accusing or threatening but as a
quotation: "وقال ظريف إن الضربات الأمريكية عدوان سافر" (Iran ACCUSE USA), "وأكد المصدر تضامن سوريا
الكامل مع إيران" (Syria SUPPORT Iran), "وأضاف أن على إيران احترام التزاماتها" (DEMAND). This module
reads such sentences in three steps, all driven by ``data/statements.json``:

1. **Anchors** — reporting verbs and their participles (قال، أكد، أضاف، اعتبر، وصف، مؤكدا …).
2. **Speaker** — the anchor's subject: the actor right after it (verb–subject order, "وقال وزير
   الخارجية الروسي"), else just before it ("دمشق تعتبر"), else, for a sentence-initial anchor or a
   participle, the subject the discourse is about ("وأضاف"، "مؤكدا").
3. **Stance** — in the complement (what follows, up to the next anchor), cue words of a PLOVER
   category (ACCUSE: عدوان، غير مشروعة، انتهكت; THREATEN: سنرد، عواقب; DEMAND: يجب على; REJECT:
   غير مقبول، نفى; SUPPORT: تضامن، نرحب). Each state named in the complement is a target of the cue
   nearest to it (within :data:`CUE_REACH` tokens): "تضامن بلاده مع إيران في مواجهة السياسات العدوانية
   للإدارة الأمريكية" gives SUPPORT toward Iran and ACCUSE toward the United States.

The speaker's state is the event's source and the targets its recipients (``gold/ANNOTATION.md``:
"Statements: speaker's state is source, target's state recipient"). The ``events`` stage turns each
:class:`Statement` into an event with its date and context.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Callable

from ..doc import Document
from ..frames import CATEGORIES, Category, spec_forms
from ..morph import Form
from ..ner.names import word_zipf
from ..textnorm import fold_key
from .clauses import (_PATIENT_PREP, _PREPOSITIONS, Cand, end_tok, _head_tok, _after_preposition, _coordinated, _opens_clause, _quote_between, _subject_of,
                      _without_patients)
from .acts import in_victim_domain
from .entities import Tok
from .triggers import lexicon

CUE_REACH = 8  # tokens between a stance cue and the state it is said of: "العقوبات الأمريكية … غير مشروعة"
CONDITION_REACH = 10  # tokens between a future verb and the condition that makes it a threat
_FUTURE_STEM_ZIPF = 2.5  # "تسوي" of "ستسوي" is a word; "نوات" of "سنوات" is not
_NUMERALS = frozenset(fold_key(w) for w in ("ستين", "ستون", "ستمائة"))  # "ستين" is sixty, not "تين" in the future
PREDICATE_REACH = 16  # …and for a predicate adjective, between it and the first actor of its clause
SPEAKER_AFTER = 3  # verb–subject order: the subject starts within three words ("وقال وزير الخارجية …")
TITLE_RUN = 7  # title words a speaker's name may follow its verb by: "وقال وزير الخارجية البريطاني بوريس جونسون"
SPEAKER_BEFORE_GAP = 3  # subject–verb order: at most three words between the subject and its verb
REPORT_NEXT_REACH = 4  # "أعرب الاتحاد الأوروبي الاثنين عن أسفه": the preposition may come a few words on
#: an unnamed speaker who speaks for the body named after it ("مصدر في وزارة الخارجية")
SPOKESPERSONS = frozenset(fold_key(w) for w in (
    "مصدر", "المصدر", "مصادر", "المصادر", "مسؤول", "المسؤول", "مسؤولون", "المسؤولون", "مسؤولين", "متحدث", "المتحدث",
    "متحدثة", "المتحدثة", "ناطق", "الناطق", "الناطقة", "دبلوماسي", "الدبلوماسي", "بيان", "البيان", "وزير", "الوزير"))
REPLIES = frozenset({"REJECT"})  # a denial answers the other side even when no one is named
SPEAKER_KINDS = frozenset({"person", "role", "org", "state", "capital", "group"})
TARGET_KINDS = frozenset({"person", "role", "org", "state", "capital", "group", "force"})


@dataclass(frozen=True)
class Cue:
    """A stance cue at token ``index`` of a sentence."""

    index: int
    category: Category
    id: str
    length: int = 1  # tokens covered (phrases)
    prep: bool = False  # the phrase ends with a preposition whose object is the target: "ينسب إلى روسيا"


@dataclass
class Statement:
    """One reported statement: who said it, the anchor word, and the targets of one stance."""

    anchor: int
    speaker: list[Cand]
    category: Category
    targets: list[Cand]
    cue: Cue
    said_until: int = 0  # token index where what was said begins: times after it date the content, not the saying


@dataclass
class StatementLexicon:
    """Reporting verbs and stance cues compiled to folded written forms (see the module docstring)."""

    report: dict[str, tuple[str, Form]] = field(default_factory=dict)  # form -> (report id, form)
    report_next: dict[str, frozenset[str]] = field(default_factory=dict)  # report id -> required next word
    stance: dict[str, str] = field(default_factory=dict)  # form -> stance id
    category: dict[str, Category] = field(default_factory=dict)  # stance id -> category
    not_next: dict[str, frozenset[str]] = field(default_factory=dict)  # stance id -> words that cancel it
    not_after: dict[str, frozenset[str]] = field(default_factory=dict)  # stance id -> words before it that cancel it
    phrases: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)  # first word -> (rest, id)
    after_only: set[str] = field(default_factory=set)  # stance ids whose cue precedes its target
    predicates: set[str] = field(default_factory=set)  # stance ids said of the complement's subject from afar
    own_subject: set[str] = field(default_factory=set)  # stance verbs that are someone else's act once they have a subject
    # stance id -> the words before an actor that, with "أن" after it, make what it must do that stance
    obliges: dict[str, frozenset[str]] = field(default_factory=dict)
    # stance id -> condition phrases (folded word tuples) that make a future verb near them that stance
    conditions: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)

    def anchors(self, words: list[str]) -> list[tuple[int, bool]]:
        """``(index, finite)`` of every reporting word; participles ("مؤكدا") are not finite."""
        out = []
        for i, w in enumerate(words):
            got = self.report.get(w)
            if got is None:
                continue
            rid, form = got
            need = self.report_next.get(rid)
            # the loose test; find_statements counts the words again from the end of the speaker
            if need and not any(x in need for x in words[i + 1:i + 1 + REPORT_NEXT_REACH + TITLE_RUN]):
                continue
            out.append((i, form.pos == "verb"))
        return out

    def needs_next(self, words: list[str], r: int, covered: int) -> bool:
        """The reporting word at ``r`` wants a word it lacks: "أعرب" is a statement only with "عن" a few
        words after it and its subject ("وأعرب رئيس المجلس الأوروبي دونالد توسك عن تضامنه"); ``covered`` is
        the last token of the subject (``r`` when there is none)."""
        got = self.report.get(words[r])
        need = self.report_next.get(got[0]) if got else None
        start = max(r, covered) + 1
        return bool(need) and not any(x in need for x in words[start:start + REPORT_NEXT_REACH])

    def cues(self, words: list[str]) -> list[Cue]:
        """Stance cues of a sentence given as folded words, in order."""
        out: list[Cue] = []
        for i, w in enumerate(words):
            bare = w[1:] if w[:1] in ("و", "ف") and len(w) >= 3 else w  # "ولن نتفاوض"
            for first in {w, bare}:
                for rest, sid in self.phrases.get(first, ()):
                    after = words[i + 1 + len(rest)] if i + 1 + len(rest) < len(words) else ""
                    before = words[i - 1] if i else ""
                    if tuple(words[i + 1:i + 1 + len(rest)]) == rest and after not in self.not_next.get(sid, ()) \
                            and before not in self.not_after.get(sid, ()):
                        # "أنه على ثقة": a state of mind, no "أنه على إيران أن …"
                        out.append(Cue(i, self.category[sid], sid, 1 + len(rest), bool(rest) and rest[-1] in _TARGET_PREPS))
            sid = self.stance.get(w)
            if sid is not None and not (i + 1 < len(words) and words[i + 1] in self.not_next.get(sid, ())):
                out.append(Cue(i, self.category[sid], sid))
        out += self._conditional_futures(words)
        return [c for c in out if not (c.index > 0 and words[c.index - 1] in _EVENT_REFERENCE)]

    def obligations(self, toks: list[Tok], cands: list[Cand]) -> list[Cue]:
        """What an actor must do, between "على" and "أن", is a demand of it: "على السعودية أن تتعاون مع طلب
        تفتيش قنصليتها" ("إنه على إيران أن" is a phrase of its own)."""
        out = []
        for sid, before in self.obliges.items():
            for c in cands:
                k, e = c.tok - 1, end_tok(toks, c)
                if k >= 0 and toks[k].text in before and e + 1 < len(toks) and toks[e + 1].text == "ان" \
                        and c.kind in ("state", "capital", "person", "role", "org"):
                    out.append(Cue(k, self.category[sid], sid, 1, True))
        return out

    def _conditional_futures(self, words: list[str]) -> list[Cue]:
        """A future verb near a condition ("ستسوي تل أبيب وحيفا بالتراب إذا ارتكب الكيان الصهيوني حماقة",
        "ستطور القنبلة النووية في حال أقدمت طهران", "سنتخذ القرار في الوقت المناسب"): a threat."""
        out = []
        for sid, phrases in self.conditions.items():
            # tried only where a phrase's first word stands (a tuple for every word and phrase cost ~2 % of
            # the pipeline); an empty phrase would match everywhere
            firsts = None if () in phrases else {p[0] for p in phrases}
            at = [i for i, w in enumerate(words) if firsts is None or w in firsts
                  for p in phrases if tuple(words[i:i + len(p)]) == p]
            if not at:
                continue  # no condition: no threat (the test below asks for one near)
            out += [Cue(i, self.category[sid], sid) for i, w in enumerate(words)
                    if (_future_verb(w) or i > 0 and words[i - 1] in _SAWFA and w[:1] in "يتنا")
                    and any(abs(i - k) <= CONDITION_REACH for k in at)]
        return out


_SAWFA = frozenset({"سوف", "فسوف", "وسوف"})  # the future particle before an imperfect: "فسوف ترد تركيا"
_OWN_SUBJECTS = frozenset({"بلاده", "بلادها", "بلادنا", "انها", "انه", "اننا", "انا", "نحن", "فاننا", "فانها", "فانه"})
_OWN_SUBJECT_REACH = 3  # words between the speaker's side and its future verb: "القوات المسلحة الإيرانية ستسوي"


def _first_person(word: str) -> bool:
    """A present verb of the first person ("أعبر", "نرفض"): in a quotation, the quoted speaker talking."""
    return word[:1] in ("ا", "ن") and len(word) >= 4


def _own_future(toks: list[Tok], i: int, cands: list[Cand], codes: set[str]) -> bool:
    """The future verb at ``i`` is the speaker's side's own act: first person ("سنرد"), or its subject is
    the speaker's state, forces or "بلاده" ("بلاده ستطور القنبلة النووية"), not a thing ("التجارة المنصفة
    ستصبح تجارة غبية إذا لم تكن متبادلة" is a complaint, no threat)."""
    w = toks[i].text[1:] if toks[i].text[:1] in ("و", "ف") and not toks[i].text.startswith("س") else toks[i].text
    if w.startswith("سن"):
        return True
    lo = max(0, i - _OWN_SUBJECT_REACH)
    # verb-subject order: "فسوف ترد تركيا"
    return any(t.text in _OWN_SUBJECTS for t in toks[lo:i]) or any(lo <= c.tok <= i + 1 and c.code in codes for c in cands)


def _future_verb(word: str) -> bool:
    """A verb in the future (س + imperfect: "ستسوي", "وسنرد"), not a noun spelled with س first ("سياسة",
    "سنوات"): the word without س is itself a frequent word and carries no feminine or plural noun ending."""
    w = word[1:] if word[:1] in ("و", "ف") and len(word) > 4 else word
    return len(w) >= 4 and w[0] == "س" and w[1] in "يتن" and not w.endswith(("ه", "ة", "ات")) and w not in _NUMERALS \
        and word_zipf().get(w[1:], 0.0) >= _FUTURE_STEM_ZIPF


#: "أقوى من قبل العدوان", "منذ العدوان": a cue noun after a preposition of time names a past event
_EVENT_REFERENCE = frozenset({"قبل", "بعد", "منذ", "خلال", "اثر", "عقب", "ابان", "جراء", "اعقاب", "اثناء"})


def load_statements(data: dict) -> StatementLexicon:
    """Compile the ``report`` and ``stance`` lists of ``data/statements.json``.

    Raises ``ValueError`` naming the entry for an unknown category or a duplicate id."""
    lex = StatementLexicon()
    for spec in data["report"]:
        for w, form in spec_forms(spec).items():
            lex.report.setdefault(w, (spec["id"], form))
        if spec.get("next"):
            lex.report_next[spec["id"]] = frozenset(fold_key(x) for x in spec["next"])
    for spec in data["stance"]:
        sid, cat = spec["id"], spec["category"]
        if cat not in CATEGORIES:
            raise ValueError(f"stance cue {sid!r}: unknown category {cat!r}")
        if sid in lex.category:
            raise ValueError(f"duplicate stance cue id {sid!r}")
        lex.category[sid] = cat
        if spec.get("target") == "after":
            lex.after_only.add(sid)
        if spec.get("predicate"):
            lex.predicates.add(sid)
        if spec.get("own_subject"):
            lex.own_subject.add(sid)
        for w in spec_forms(spec):
            lex.stance.setdefault(w, sid)
        for phrase in spec.get("phrases", []):
            words = tuple(fold_key(x) for x in phrase.split())
            lex.phrases.setdefault(words[0], []).append((words[1:], sid))
        if spec.get("not_next"):
            lex.not_next[sid] = frozenset(fold_key(x) for x in spec["not_next"])
        if spec.get("not_after"):
            lex.not_after[sid] = frozenset(fold_key(x) for x in spec["not_after"])
        if spec.get("obliges"):
            lex.obliges[sid] = frozenset(fold_key(x) for x in spec["obliges"])
        if spec.get("conditions"):
            lex.conditions[sid] = [tuple(fold_key(x) for x in c.split()) for c in spec["conditions"]]
    for word in data.get("not_forms", {}).get("forms", ()):
        # generated, but in news another word: "نصف" is half, not "we describe"
        lex.report.pop(fold_key(word), None)
        lex.stance.pop(fold_key(word), None)
    return lex


@lru_cache(maxsize=1)
def statement_lexicon() -> StatementLexicon:
    """The packaged lexicon (``marsad/data/statements.json``), compiled once per process."""
    return load_statements(json.loads(resources.files("marsad.data").joinpath("statements.json").read_text("utf-8")))


def _title_run(doc: Document, toks: list[Tok], r: int, c: Cand) -> bool:
    """Only title words stand between the verb and the name: "وقال وزير الخارجية البريطاني بوريس جونسون"
    (no comma, preposition, complementizer or quotation, at most :data:`TITLE_RUN` words)."""
    between = toks[r + 1:c.tok]
    return len(between) <= TITLE_RUN and not any(
        t.text in _PREPOSITIONS or t.text in _COMPLEMENT_OPENERS for t in between) \
        and not any(ch in doc.raw[toks[r].end:c.mention.start] for ch in "،,:\"«“")


def _content_start(doc: Document, toks: list[Tok], r: int, covered: int) -> int:
    """Where the words said begin: the first complementizer or quotation after the verb and its
    subject ("وقال لافروف الاثنين إن …": the day belongs to the saying, what follows to the content)."""
    for k in range(max(r, covered) + 1, len(toks)):
        if toks[k].text.startswith(("ان", "بان")) and toks[k].text in _COMPLEMENT_OPENERS \
                or any(q in doc.raw[toks[k - 1].end:toks[k].start] for q in (":", '"', "“", "«")):
            return k
    return len(toks)


def _speaker(doc: Document, toks: list[Tok], r: int, cands: list[Cand], before_ok: bool = True
             ) -> tuple[list[Cand], int]:
    """The subject of a finite reporting verb at ``r`` and the last token it covers (``r`` if none)."""
    reach = r + SPEAKER_AFTER
    spokes = r + 2 < len(toks) and toks[r + 1].text in SPOKESPERSONS and (
        toks[r + 2].text in ("في", "باسم", "من", "لدي") or toks[r + 2].text[:1] in "بل")
    if spokes:
        reach += 2  # "وقال المصدر في الخارجية السورية", "قال متحدث باسم الخارجية الروسية"
    stop = next((k for k in range(r + 1, min(reach + 1, len(toks))) if toks[k].text in _COMPLEMENT_OPENERS
                 and toks[k].text.startswith(("ان", "بان"))), reach + 1)  # never past "إن"/"أن"
    after = sorted((c for c in cands if r < c.tok and (_head_tok(toks, c) <= reach or _title_run(doc, toks, r, c))
                    and _head_tok(toks, c) < stop and c.kind in SPEAKER_KINDS
                    and (spokes or not _after_preposition(toks, r, c))), key=lambda c: c.tok)
    if after and not any(_quote_between(doc, toks, k) for k in range(r, after[0].tok)):
        group = _coordinated(toks, sorted((c for c in cands if c.tok >= after[0].tok and c.kind in SPEAKER_KINDS),
                                          key=lambda c: c.tok))
        return group, max(end_tok(toks, c) for c in group)
    before = sorted((c for c in cands if c.tok < r and c.kind in SPEAKER_KINDS), key=lambda c: -c.tok)
    if before and before_ok and r - end_tok(toks, before[0]) - 1 <= SPEAKER_BEFORE_GAP \
            and not any(_quote_between(doc, toks, k) for k in range(end_tok(toks, before[0]), r)):
        chain = [before[0]]
        for c in before[1:]:  # walking back: "دمشق وموسكو تعتبران"
            if _coordinated(toks, [c, chain[-1]]) == [c, chain[-1]]:
                chain.append(c)
            else:
                break
        return chain[::-1], r
    return [], r


_TARGET_PREPS = frozenset({"الي", "علي"})
_JOINED = frozenset({"حيث", "اذ", "فيما", "بينما"})
_COMPLEMENT_OPENERS = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "في", "خلال", "امام", "عقب", "لدي",
                                  "اليوم", "امس", "ايضا", "كذلك", "من", "الي", "علي", "عن", "ل", "مضيفا", "قائلا"})


_LATTER = frozenset({"الاخير", "الاخيره", "الاخيرين", "الاخيرتين", "الاخيران"})


def _has_subject(toks: list[Tok], cands: list[Cand], i: int) -> bool:
    """The verb at token ``i`` has its own subject right after it: "the latter" or an actor."""
    return i + 1 < len(toks) and (toks[i + 1].text in _LATTER or any(c.tok == i + 1 for c in cands))


def _no_own_subject(doc: Document, toks: list[Tok], r: int) -> bool:
    """A verb of saying with no subject of its own: a quotation, a colon or a complementizer follows
    ("وأضاف: …", "وأكد أن …", "وقال في بيان …"). "وقال المصدر …" has one (an unnamed source), so the
    discourse subject does not stand in for it."""
    if r + 1 >= len(toks):
        return True
    gap = doc.raw[toks[r].end:toks[r + 1].start]
    return any(q in gap for q in (":", '"', "“", "«")) or toks[r + 1].text in _COMPLEMENT_OPENERS


#: claims said to be about someone ("ادعاءات لا أساس لها بشأن علاقة ترامب بالحكومة الروسية") accuse whoever
#: made them, not the state they are about
_CLAIM_CUES = frozenset({"accuse.lies"})


def _with_partners(toks: list[Tok], group: list[Cand], targets: list[Cand]) -> list[Cand]:
    """``group`` with the actor it is the partner of ("مع"): "الضربات التي نفذتها الولايات المتحدة مع فرنسا
    وبريطانيا … تنتهك القانون الدولي" is said of all three, though the United States lies beyond the cue's reach."""
    if not group or group[0].tok < 2 or toks[group[0].tok - 1].text != "مع":
        return group
    lead = [t for t in targets if t.tok < group[0].tok - 1 and end_tok(toks, t) == group[0].tok - 2]
    return lead + group if lead else group


def _patient(toks: list[Tok], c: Cand) -> bool:
    """The actor is what an act falls on: "الضربات الأمريكية على سوريا", "العقوبات ضد إيران"."""
    return c.tok > 0 and toks[c.tok - 1].text in _PATIENT_PREP or toks[c.tok].text.startswith("علي")


def _joined_before(toks: list[Tok], back: list[Cand]) -> list[Cand]:
    """The nearest actor before a cue (``back`` runs away from it) and those joined to it by "و", in text order."""
    chain = [back[0]]
    for c in back[1:]:
        between = [t.text for t in toks[end_tok(toks, c) + 1:chain[-1].tok]]
        if between == ["و"] or not between and toks[chain[-1].tok].text[:1] == "و":
            chain.append(c)
        else:
            break
    return chain[::-1]


def _stances(doc: Document, toks: list[Tok], cues: list[Cue], targets: list[Cand], after_only: set[str],
             predicates: set[str] = frozenset()) -> dict[str, tuple[Cue, list[Cand]]]:
    """What each cue is said of: the nearest target within reach and the actors coordinated with it
    ("تضامن بلاده مع إيران"، "السياسات العدوانية للإدارة الأمريكية"); cues whose id is in ``after_only`` look
    only forward ("يجب على إيران"، "ضرورة انسحاب القوات التركية"). A target two cues reach goes to the
    nearer one. Returns ``{category: (first cue, targets)}``."""
    claims: dict[tuple[int, bool], tuple[int, Cue]] = {}  # (id(target), a threat?) -> (distance, cue)
    by_id = {id(t): t for t in targets}
    # the object of a forward-looking cue is not what a later cue says of what precedes it: "أعبر عن
    # تضامني الكامل مع تيريزا ماي بعد الهجوم الوحشي" calls the attack brutal, not May
    addressed = {id(t) for c in cues if c.id in after_only
                 for t in sorted((t for t in targets if 0 < t.tok - (c.index + c.length - 1) <= CUE_REACH
                                  and t.kind != "place"), key=lambda t: t.tok)[:1]}
    for cue in cues:
        last = cue.index + cue.length - 1
        # a place is a target only as the object of the cue's own preposition: "ينسب إلى روسيا"
        fwd = sorted((t for t in targets if t.tok > last and t.tok - last <= CUE_REACH
                      and (t.kind != "place" or cue.prep and t.tok == last + 1)
                      and not (cue.id in _CLAIM_CUES and any(x.text in lexicon().cues["topic_preps"] for x in toks[last + 1:t.tok]))
                      and not (cue.category == "ACCUSE" and in_victim_domain(toks, t, lexicon().cues["victim_domain"]))),
                     key=lambda t: t.tok)
        back = [] if cue.id in after_only else sorted(
            (t for t in targets if t.tok < cue.index and t.kind != "place" and cue.index - end_tok(toks, t) <= CUE_REACH
             and id(t) not in addressed), key=lambda t: -t.tok)
        d_fwd = fwd[0].tok - last if fwd else CUE_REACH + 1
        d_back = cue.index - end_tok(toks, back[0]) if back else CUE_REACH + 1
        if not fwd and not back and cue.id in predicates:
            # a predicate adjective is said of its clause's subject however long the phrase between:
            # "إن تبريرات ترامب بشأن فرض تعريفات على صادرات كندا من الصلب والألومنيوم سخيفة"
            back = sorted((t for t in targets if t.tok < cue.index and t.kind != "place"
                           and cue.index - end_tok(toks, t) <= PREDICATE_REACH), key=lambda t: t.tok)[:1]
            d_back = PREDICATE_REACH
        if not fwd and not back:
            continue
        # said of what precedes: the agent of the phrase, not the state its act falls on
        # ("الضربات الأمريكية على سوريا عدوان" is said of the United States)
        if fwd and (d_fwd <= d_back or not back):
            group = _coordinated(toks, fwd)
        elif _patient(toks, back[0]) or back[0].kind in ("group", "force") and len(back) > 1:
            # a nisba inside the phrase belongs to its head's genitive: "واردات ألمانيا من الغاز الروسي مصدر قلق"
            group = _with_partners(toks, _coordinated(toks, _without_patients(toks, back[::-1])), targets)
        else:
            # said of the nearest actor before it and those joined to it: "انسحاب ترامب من الاتفاق يوقف عبث إيران
            # اللامسؤول" calls Iran irresponsible, not the United States named further back
            group = _with_partners(toks, _joined_before(toks, back), targets)
        dist = min(d_fwd, d_back)
        for t in group:
            # a threat shares its target with an accusation ("الحق أن ترد على هذا العدوان الإيراني" accuses and
            # threatens Iran); otherwise the nearer cue takes it, and consequences told of an act ("عواقب
            # الإجراءات المسلحة التي اتخذتها المملكة المتحدة") are a threat only when nothing nearer accuses
            key = (id(t), cue.category == "THREATEN" and toks[cue.index].text not in lexicon().cues["consequences"])
            if key not in claims or claims[key][0] > dist:
                claims[key] = (dist, cue)
    out: dict[str, tuple[Cue, list[Cand]]] = {}
    for (key, _), (_, cue) in sorted(claims.items(), key=lambda kv: by_id[kv[0][0]].tok):
        first, group = out.setdefault(cue.category, (cue, []))
        group.append(by_id[key])
    return out


@dataclass
class Situation:
    """A reporting word whose speaker names other states in what is said, whatever its stance: the unit
    of the hand-labelled statements (``eval/stance_sample.py``) that measure the cue lexicon's precision and
    recall. ``found`` are the categories the lexicon gave (empty when none of its cues applied)."""

    sentence: str  # the sentence's raw text, whitespace collapsed
    anchor: str  # the reporting word as written
    speaker: list[Cand]
    targets: list[Cand]
    found: list[Category]


def find_statements(doc: Document, toks: list[Tok], cands: list[Cand], topic: list[Cand],
                    is_party: Callable[[str | None], bool], lex: StatementLexicon | None = None,
                    counterpart: Callable[[set[str]], Cand | None] | None = None,
                    situations: list[Situation] | None = None) -> list[Statement]:
    """Reported statements of one sentence with a stance toward another state.

    ``toks`` are the sentence's tokens, ``cands`` its actor candidates (``events`` stage), ``topic``
    the discourse subject carried from earlier sentences, ``is_party`` tells whether a code is a state
    or IGO. Returns one :class:`Statement` per (anchor, category) with at least one target whose state
    differs from the speaker's. When ``situations`` is a list, every reporting word with a speaker and
    another state named after it is appended to it, with or without a stance."""
    lex = lex or statement_lexicon()
    words = [t.text for t in toks]
    anchors = lex.anchors(words)
    if not anchors:
        return []
    cues = sorted(lex.cues(words) + lex.obligations(toks, cands), key=lambda c: c.index)
    if not cues and situations is None:
        return []
    out: list[Statement] = []
    last: list[Cand] = []
    finite_at = [i for i, finite in anchors if finite]
    for j, (r, finite) in enumerate(anchors):
        if finite:
            # "…، وقال في تصريح": a verb with its own و opens a new clause and has no subject before it
            # "حيث قال:", "إذ أكد": a clause joined to the sentence has its subject too
            conj = toks[r].text[:1] in "وف" and toks[r].text[1:] in lex.report or r > 0 and toks[r - 1].text in _JOINED
            speaker, covered = _speaker(doc, toks, r, cands, before_ok=not conj)
            if not speaker and _no_own_subject(doc, toks, r):
                if _opens_clause(toks, r):
                    speaker = list(topic)  # "وأضاف: …" speaks for the one the article is about
                elif conj:  # "اتهم عراقجي واشنطن …، وقال في تصريح …": the same subject goes on
                    speaker = last or _subject_of(toks, [c for c in cands if c.tok < r]) or \
                        (list(topic) if toks[r - 1].text in _JOINED else [])
                elif last and _first_person(words[r]) and any(_quote_between(doc, toks, k)
                                                              for k in range(anchors[j - 1][0] if j else 0, r)):
                    # "وكتب توسك على تويتر: أعبر عن تضامني …": the one quoted speaks in the first person
                    speaker = last
        else:
            # a participle continues its clause's speaker: "…، مؤكدا أن …"
            speaker, covered = last or _subject_of(toks, cands) or list(topic), r
        if lex.needs_next(words, r, covered):
            continue
        speaker = [c for c in speaker if is_party(c.code)]
        if not speaker:
            continue
        last = speaker
        hi = next((k for k in finite_at if k > r), len(toks))
        codes = {c.code for c in speaker}
        # a demand made of the speaker's own state is no demand of another: "على ترامب أن يدرك بأن روسيا ليست
        # حليفتنا" (Paul Ryan) is said to his own president, not to Russia
        addressees = [c for c in cands if covered < c.tok < hi and (c.kind in TARGET_KINDS or c.kind == "place")
                      and is_party(c.code) and not (c.code in codes and c.kind == "place")]
        targets = [c for c in addressees if c.code not in codes]
        # a denial verb with a subject of its own ("حيث تنفي الأخيرة الاتهامات", "ونفت طهران ذلك") is that
        # subject's denial, told by the speaker, not the speaker's
        near = [c for c in cues if covered < c.index < hi and not (c.id in lex.own_subject and _has_subject(toks, cands, c.index))]
        near = [c for c in near if c.id not in lex.conditions or _own_future(toks, c.index, cands, codes)]
        found = _stances(doc, toks, near, targets, lex.after_only, lex.predicates)
        addressed = _stances(doc, toks, [c for c in near if c.id in lex.after_only], addressees, lex.after_only)
        # (the same cue: "فسوف ترد تركيا" has its subject after it, while the condition before it names the target)
        found = {cat: v for cat, v in found.items()
                 if cat not in addressed or addressed[cat][0] != v[0] or any(t.code not in codes for t in addressed[cat][1])}
        reply = next((c for c in near if c.category in REPLIES), None)
        if not found and not [t for t in targets if t.kind != "place"] and reply and counterpart:
            # "موسكو لا تقبل الاتهامات التي لا أساس لها": said to the other side of the dispute
            other = counterpart(codes)
            if other is not None:
                found = {reply.category: (reply, [other])}
        for cat, (cue, group) in found.items():
            out.append(Statement(r, speaker, cat, _without_patients(toks, group), cue, _content_start(doc, toks, r, covered)))
        aimed = [t for t in targets if t.kind != "place"]
        if situations is not None and aimed:
            text = " ".join(doc.raw[toks[0].start:toks[-1].end].split())
            situations.append(Situation(text, doc.raw[toks[r].start:toks[r].end], speaker, aimed, sorted(found)))
    return out
