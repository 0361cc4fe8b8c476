"""Clause machinery shared by the event stages: actor candidates and how Arabic news groups them.

A :class:`Cand` is one actor mention of a sentence with the state it stands for. The helpers read the
shape of the sentence around a trigger: coordinated actors ("موسكو وطهران"), quotation and colon breaks,
prepositional objects ("العقوبات على روسيا"), locatives ("في روسيا"), and the subject a sentence opens with.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..doc import Actor, Document, Mention
from ..textnorm import display, fold_key
from .entities import Tok
from .triggers import lexicon

_LOC_PREP = {"في", "الى", "بـ", "الي", "داخل", "بمدينه", "بالعاصمه", "العاصمه", "مدينه", "فوق"}
_CONTINUERS = {"كما", "ثم", "وكما", "ومن", "جهته", "جهتها", "جانبه", "جانبها", "من"}
_SUBJECT_WINDOW = 6  # tokens: where a news sentence names its subject
_CAPITAL_WORDS = {"عاصمه", "العاصمه", "داخل", "خارج", "مدينه", "بالعاصمه", "بمدينه"}
_PATIENT_PREP = {"علي", "ضد", "بحق"}  # the state an act falls on: "العقوبات الأمريكية على إيران"
_CARRY_MAX_TOK = 2  # "وأضاف", "كما استقبل": a verb this close to the sentence start may have no subject of its own


@dataclass
class Cand:
    """An actor candidate in a sentence."""

    mention: Mention
    code: str | None
    tok: int  # token index of the mention start
    kind: str  # person | org | state | role | group
    entity: str | None = None
    name: str = ""
    office: str | None = None
    sector: str | None = None

    def actor(self) -> Actor:
        """The candidate as an output :class:`~marsad.doc.Actor` (entity id, text, name, code, sector, office)."""
        return Actor(entity=self.entity, actor_text=self.mention.text, identifier_text=self.name or display(self.mention.text),
                     code=self.code, sector=self.sector, office=self.office)



def _quote_between(doc: Document, toks: list[Tok], i: int) -> bool:
    """A clause break between tokens i and i+1: a colon, a semicolon, or a quotation of speech
    (a quoted name of a few words, "جان موريس ريبير", is no break)."""
    gap = doc.raw[toks[i].end:toks[i + 1].start]
    if ":" in gap or "؛" in gap:
        return True
    if not any(q in gap for q in ('"', "“", "”")):
        return False
    # a quote that closes (or opened) within a few words is a quoted name, title or word: "جان موريس ريبير",
    # ندد ظريف بـ"التطرف" الذي تبديه دول الاتحاد
    near = [*range(max(i - 5, 0), i), *range(i + 1, min(i + 6, len(toks) - 1))]
    return not any(any(q in doc.raw[toks[k].end:toks[k + 1].start] for q in ('"', "“", "”")) for k in near)


_JOINERS = {"و", "وكذلك", "كذلك", "مع", "بين", "ومع", "برئاسه", "يرافقه", "نظيره", "ونظيره", "ضم", "بحضور"}


def _group(doc: Document, toks: list[Tok], ordered: list[Cand], reverse: bool) -> list[Cand]:
    """The nearest actor and those coordinated with it, walking away from the trigger."""
    if not ordered:
        return []
    out = [ordered[0]]
    for c in ordered[1:]:
        a, b = (c, out[-1]) if reverse else (out[-1], c)
        # a title anchoring the later name belongs to it: "… صباح الأربعاء أمين المجلس … أحمديان"
        b_start = min(b.mention.start, (b.mention.title_span or (b.mention.start,))[0])
        gap_toks = [t for t in toks if t.start >= a.mention.end and t.end <= b_start]
        gap = doc.raw[a.mention.end:b_start]
        b_tok = next((t for t in toks if t.end > b.mention.start), None)
        # "جمعه بالرئيس…", "التقى بسفيرة…": a بـ glued to the second party joins it like مع
        # an official joined by "و" glued to the title: "…، ونائب رئيس مجلس الوزراء الإماراتي منصور بن زايد"
        titled = next((t.text[:1] == "و" and t.text[1:] in lexicon().cues["office_heads"] for t in toks if t.start == b_start), False)
        joined = not gap_toks or titled or any(t.text in _JOINERS for t in gap_toks) or (
            b_tok is not None and b_tok.text.startswith("ب") and not reverse
            and (b.mention.start > b_tok.start or b.kind == "role"))  # office words never begin with ب
        if len(gap_toks) <= 4 and "،" not in gap or (joined and len(gap_toks) <= 10 and gap.count("،") <= 1):
            out.append(c)
        else:
            break
    return out


def _is_locative(toks: list[Tok], ti: int, m: Mention | None = None) -> bool:
    """A place after في/إلى/داخل or with a glued بـ ("بموسكو") — but "بريطانيا", "بلجيكا" begin with ب."""
    prev = toks[ti - 1].text if ti > 0 else ""
    own = toks[ti].text
    glued = own.startswith(("ب", "في")) and len(own) > 4 and (m is None or fold_key(m.text).split()[:1] != [own])
    if ti > 1 and prev.startswith("ال") and prev.endswith(("يه", "ي")) and toks[ti - 2].text in _CAPITAL_WORDS:
        return True  # "في العاصمة الكازاخية أستانا": a nisba between the head and the name
    if ti > 1 and prev == "مع" and toks[ti - 2].text in _BORDER_WORDS:
        return True  # "على طول الحدود مع سوريا": the border names where, not a partner
    if prev in _NEAR_WORDS or ti > 1 and prev == "من" and toks[ti - 2].text in _NEAR_WORDS:
        return True  # "قرب دمشق", "بالقرب من دمشق", "ومقرها لوكسمبورغ", "شمال سوريا": where, not who
    k = ti - 1 if prev == "من" else ti - 2 if prev in _LAND and ti > 1 and toks[ti - 2].text == "من" else 0
    if k > 1 and _troops_leaving(toks, k):
        return True  # "سحب جميع القوات الأجنبية من (أراضي) سوريا": where the troops leave, not whom the call is to
    return prev in _LOC_PREP or prev in _CAPITAL_WORDS or glued


_WITHDRAWAL = {"انسحاب", "الانسحاب", "بانسحاب", "سحب", "بسحب", "خروج", "بخروج", "اخراج", "باخراج", "رحيل", "برحيل"}
_TROOPS = {"القوات", "قوات", "جنود", "الجنود", "القواعد", "المقاتلين", "مقاتلي", "العسكريين", "المستشارين"}
_LAND = {"اراضي", "الاراضي", "ارض", "اراضيها"}
_WITHDRAWAL_REACH = 5  # words from the withdrawal noun to the "من" of the place left


def _troops_leaving(toks: list[Tok], k: int) -> bool:
    """Token ``k`` ("من") ends "withdrawal … troops … من": "انسحاب جميع القوات الأجنبية من"."""
    words = [t.text for t in toks[max(0, k - _WITHDRAWAL_REACH):k]]
    w = next((j for j, x in enumerate(words) if x in _WITHDRAWAL), None)
    return w is not None and any(x in _TROOPS for x in words[w + 1:])


_NEAR_WORDS = {"قرب", "بالقرب", "قريبا", "مقرها", "ومقرها", "مقره", "ومقره", "محيط", "بمحيط", "ضواحي", "بضواحي",
               "ريف", "بريف", "قبالة", "قباله", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي",
               "وسط", "اطراف", "بشمال", "بجنوب", "بشرق", "بغرب"}
_BORDER_WORDS = {"الحدود", "حدود", "حدودها", "حدوده", "الحدوديه", "حدودها"}


_PREPOSITIONS = {"علي", "ضد", "الي", "في", "من", "عن", "مع", "بين", "لدي", "حول", "بشان", "تجاه", "نحو"}


def _opens_clause(toks: list[Tok], ti: int) -> bool:
    """The trigger opens its sentence: "وندد …", "كما استقبل …", "ثم اتهم …" (not "ويكفي طالب اللجوء")."""
    return ti == 0 or ti <= _CARRY_MAX_TOK and all(t.text in _CONTINUERS for t in toks[:ti])


def _subject_of(toks: list[Tok], cands: list[Cand], first: int = 0) -> list[Cand]:
    """The subject a sentence is about: its officials or states named within its first words
    ("قال وزير الخارجية الإيراني محمد جواد ظريف …", "أعلنت الخارجية الروسية …"), empty if none. ``first``
    is the sentence's first token after a wire dateline ("دبي، الإمارات العربية المتحدة (CNN)-- انتقد …")."""
    early = [c for c in cands if c.tok - first <= _SUBJECT_WINDOW and c.kind in ("person", "role", "state", "capital", "org")]
    if not early:
        return []
    first = min(early, key=lambda c: c.tok)
    return [c for c in early if c.code == first.code]


def _pair(toks: list[Tok], k: int) -> str:
    return f"{toks[k].text} {toks[k + 1].text}" if k + 1 < len(toks) else ""


def _after_preposition(toks: list[Tok], ti: int, c: Cand) -> bool:
    """The candidate is a prepositional object, not a genitive: "العقوبات على روسيا", "غارات بسوريا"."""
    for k in range(ti + 1, c.tok):
        t = toks[k]
        # a head noun with a glued ل/ب carries the nisba after it: "تهديدا للحكومة الكوبية"
        if t.text in _PREPOSITIONS or t.text.startswith("لل") or t.text[:1] in "بل" and len(t.variants) > 1:
            return True
    t = toks[c.tok]
    # "للسعودية", "بإيران": a glued ل/ب, whether or not the mention span includes it
    return t.text.startswith("لل") or t.text[:1] in "بل" and (t.start < c.mention.start or len(t.variants) > 1
                                                               and fold_key(c.mention.text).split()[:1] != [t.text])


def end_tok(toks: list[Tok], c: Cand) -> int:
    """Index of the last token of a candidate's mention."""
    k = c.tok
    while k + 1 < len(toks) and toks[k + 1].start < c.mention.end:
        k += 1
    return k


def _subject_before(toks: list[Tok], ti: int, c: Cand) -> bool:
    """The candidate ends right before the verb and is no prepositional object: it is the subject of a
    subject-verb-object clause ("إن إسرائيل تحمل إيران ومضيفتها سوريا المسؤولية"), not "في سوريا قصفت …"."""
    first = next((k for k in range(c.tok, -1, -1) if toks[k].start <= c.mention.start), c.tok)
    last = end_tok(toks, c)
    if last != ti - 1 or c.kind not in ("state", "capital", "person", "role", "org", "force"):
        return False
    t = toks[first]
    return not (first > 0 and toks[first - 1].text in _PREPOSITIONS or t.text.startswith("لل")
                or t.text[:1] in "بل" and len(t.variants) > 1)


def _prefer_persons(side: list[Cand]) -> list[Cand]:
    """Within one side, a person of a state stands for that state: drop its state/org/group mentions."""
    person_codes = {c.code for c in side if c.kind in ("person", "role")}
    out, seen = [], set()
    for c in side:
        if c.kind not in ("person", "role") and c.code in person_codes:
            continue
        key = c.entity or (c.kind, c.code, c.mention.text)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    # roles whose country already has a named person on this side are the same people
    named = {c.code for c in out if c.kind == "person"}
    return [c for c in out if not (c.kind == "role" and c.code in named)]




def _coordinated(toks: list[Tok], group: list[Cand]) -> list[Cand]:
    """The first actor of a group and those joined to it by a bare "و" ("دمشق وموسكو", "مصر والأردن")
    or in apposition (the same state's title and name): a compound subject, not the subject and its object."""
    out = [group[0]]
    for c in group[1:]:
        prev_end = end_tok(toks, out[-1])
        # from the token the mention starts in: a title's head may lie after it ("والمستشارة الألمانية")
        first = next((k for k in range(prev_end + 1, c.tok) if toks[k].end > c.mention.start), c.tok)
        head = _head_tok(toks, c)
        titled = prev_end < head < first
        if titled:
            first = head  # the name's own title opens its phrase: "تيريزا ماي والرئيس الفرنسي ماكرون"
        between = [t.text for t in toks[prev_end + 1:first]]
        # a title joins by "وال…" only: "وزير الخارجية الأمريكي" after a name is the object, not "و" + a title
        glued = toks[first].text.startswith("وال") if titled else \
            toks[first].text.startswith("و") and (toks[first].start < c.mention.start or toks[first].text.startswith("وال"))
        apposition = c.code == out[-1].code and len(between) <= 2  # "الرئيس الفرنسي، إيمانويل ماكرون"
        # a relation noun with a pronoun on the first: "إيران ومضيفتها سوريا", "روسيا وحليفتها إيران" (not ه:
        # folded ة looks the same, "الاتفاق والضربة الإسرائيلية")
        related = not titled and len(between) == 1 and between[0][:1] == "و" and len(between[0]) >= 5 and between[0].endswith(("ها", "هم", "هما"))
        if between == ["و"] or (not between and glued) or apposition or related:
            out.append(c)
        else:
            break
    return out


def _definite(word: str) -> bool:
    """A folded word with the article after its clitics: "القرار", "والسياسات", "للإدارة"."""
    w = word[1:] if word[:1] in "وف" and len(word) > 4 else word
    return w.startswith(("ال", "لل")) or w[:1] in "بك" and w[1:].startswith("ال")


def _without_patients(toks: list[Tok], recipient: list[Cand]) -> list[Cand]:
    """What a statement condemns or rejects is the act of its agent: in "أدانت موسكو العقوبات الأمريكية
    على إيران" the target is the United States; the state the act falls on (after على/ضد) is no target
    when an agent precedes it."""
    out = [recipient[0]]
    for c in recipient[1:]:
        if any(toks[k].text in _PATIENT_PREP for k in range(out[-1].tok + 1, c.tok)) or toks[c.tok].text.startswith("علي"):
            break
        out.append(c)
    return out


def _head_tok(toks: list[Tok], c: Cand) -> int:
    """Where a candidate's phrase begins: its title if the mention layer found one ("قائد الحرس الثوري
    الإيراني محمد علي جعفري" begins at قائد), else its own first token."""
    span = c.mention.title_span
    if not span:
        return c.tok
    return next((k for k, t in enumerate(toks) if t.end > span[0]), c.tok)


# three states just named, or their leaders: "وكان زعماء الدول الثلاثة قد اجتمعوا", "قمة بين الدول الثلاث"
_TRIO_STATES = {fold_key(w) for w in ("الدول", "البلدان", "الدولة")}
_TRIO_HEADS = {fold_key(w) for w in ("زعماء", "رؤساء", "قادة", "وزراء", "الزعماء", "الرؤساء", "القادة", "الوزراء")} | _TRIO_STATES
_TRIO_REACH = 5  # words on either side of the trigger: "وكان زعماء الدول الثلاثة قد اجتمعوا"
_TRIO_NUMBERS = {fold_key(w) for w in ("الثلاث", "الثلاثة")}


def _listed_trio(toks: list[Tok], cands: list[Cand]) -> list[str]:
    """The states of a list of exactly three joined by "و" ("روسيا وإيران وتركيا", "بوتين ونظيريه الإيراني
    حسن روحاني والتركي رجب طيب أردوغان"), in order; [] when the sentence lists no such three."""
    run: list[Cand] = []
    found: list[str] = []
    for c in sorted((c for c in cands if c.code and c.code != "IGO" and c.kind in ("person", "role", "state", "capital")),
                    key=lambda c: c.tok):
        joined = run and 0 < c.tok - end_tok(toks, run[-1]) <= _TRIO_REACH \
            and toks[end_tok(toks, run[-1]) + 1].text[:1] == "و"
        run = run + [c] if joined else [c]
        codes = list(dict.fromkeys(x.code for x in run))
        if len(codes) == 3:
            found = codes
    return found


def _trio(toks: list[Tok], ti: int) -> bool:
    """A plural of office or of state and "three" ("زعماء الدول الثلاثة", "قمة بين الدول الثلاث") among
    the few words around the trigger: the parties are three states named before."""
    near = toks[max(0, ti - _TRIO_REACH):ti + _TRIO_REACH]
    return any(t.text in _TRIO_HEADS for t in near) and any(t.text in _TRIO_NUMBERS for t in near)


_WHERE_GAP = 2  # words from "حيث يزور" to the state it names: "حيث يزور الهند"
_CARRY_OUT = {"يقوم", "تقوم", "يقومون", "يقومان"}  # "حيث يقوم بزيارة"


def _visit_where(toks: list[Tok], ti: int, cands: list[Cand], earlier: list[Cand]
                 ) -> tuple[list[Cand], list[Cand]] | None:
    """Visitor and host of a visit told after "حيث": "أكد الوزير الإيراني من البرازيل حيث يقوم بزيارة",
    "تحدث ظريف من نيودلهي حيث يزور الهند" — the official before the place visits it (or what the
    verb names after it). None when no "حيث" closely precedes the trigger or no official precedes the place."""
    where = ti - 1 if ti > 0 and toks[ti - 1].text == "حيث" else \
        ti - 2 if ti > 1 and toks[ti - 2].text == "حيث" and toks[ti - 1].text in _CARRY_OUT else None
    if where is None:
        return None
    spot = [c for c in earlier if end_tok(toks, c) == where - 1]
    named = [c for c in cands if 0 < c.tok - ti <= _WHERE_GAP and c.kind in ("state", "capital", "person", "role")]
    hosts = named[:1] or spot
    if not hosts:
        return None
    visitor = [c for c in cands if c.tok < (spot[0].tok if spot else where) and c.kind in ("person", "role")
               and c.code != hosts[0].code]
    return ([max(visitor, key=lambda c: c.tok)], hosts) if visitor else None
