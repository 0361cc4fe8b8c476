"""Who an act is told of, after the frame engine has found its sides: the agent of a relative clause
on an act noun, the official a state acts by, and one event for one act told with several readings.
Used by :mod:`marsad.stages.events`."""
from __future__ import annotations

from ..doc import Event, Mention
from ..frames import frame_lexicon
from ..morph import segment
from .clauses import Cand, _coordinated, end_tok
from .drafts import Draft
from .entities import Tok
from .triggers import _NO_TRIGGER, Lexicon, Trigger

_RELATIVE = {"التي", "الذي", "اللذين", "اللتين", "الذين", "اللواتي"}
_GENITIVE_GAP = 2  # a verbal noun's agent follows it closely: "الغارات الجوية الإسرائيلية"
_DEMONSTRATIVES = {"هذه", "تلك", "هذا", "ذلك", "هاته"}
_FRIENDLY = {"CONSULT", "SUPPORT", "AGREE", "COOPERATE", "AID"}


def relative_agent(toks: list[Tok], ti: int, right: list[Cand], light: set[str]) -> tuple[list[Cand], list[Cand]] | None:
    """Agent and target of an act noun told by a relative clause with a light verb: "الضربات التي نفذتها
    أمريكا وفرنسا وبريطانيا على سوريا" -> ([USA, FRA, GBR], [SYR]); the target is whoever follows the agents
    (None when no agent follows the light verb closely)."""
    k = next((k for k in range(ti + 1, min(ti + 1 + _GENITIVE_GAP + 1, len(toks) - 1)) if toks[k].text in _RELATIVE), None)
    # the verb carries the relative's pronoun: "نفذتها", "شنها"
    forms = {v[:-len(p)] for v in toks[k + 1].variants for p in ("ها", "ه", "هم") if v.endswith(p)} if k is not None else set()
    forms |= {f[1:] for f in forms if f[:1] == "س"}  # a future light verb: "الرسوم التي ستفرضها كندا"
    if k is None or not (set(toks[k + 1].variants) | forms) & light:
        return None
    after = [c for c in right if c.tok > k + 1]
    if not after or after[0].tok - (k + 1) > _GENITIVE_GAP:
        return None
    agents = _coordinated(toks, after)
    rest = [c for c in after if c.tok > agents[-1].tok]
    end = end_tok(toks, agents[-1])
    if rest and end + 2 == rest[0].tok and toks[end + 1].text == "مع":
        # partners in the act: "الضربات التي نفذتها الولايات المتحدة مع فرنسا وبريطانيا"
        agents = agents + _coordinated(toks, rest)
    codes = {c.code for c in agents}
    return agents, [c for c in after if c.tok > agents[-1].tok and c.code not in codes]


def anaphoric_claim(toks: list[Tok], ti: int, claims: set[str]) -> bool:
    """The denial at token ``ti`` is of claims the text told before: "وتنفي إيران هذه الاتهامات"
    (a demonstrative before a claim noun within the next few words)."""
    return any(toks[k].text in _DEMONSTRATIVES and toks[k + 1].text in claims
               for k in range(ti + 1, min(len(toks) - 1, ti + 1 + _GENITIVE_GAP + 1)))


def accuser(drafts: list[Draft], article: int, denier: set[str], at: Tok) -> list[Cand]:
    """Who made the claims a denial points back to: the source of the last hostile or verbal event of
    the article (before token ``at``) aimed at the denier's state — "استهدفت الغارات الإسرائيلية أهدافا
    إيرانية … وتنفي إيران هذه الاتهامات" denies Israel's account. Empty when none is."""
    for d in reversed(drafts):
        if d.article == article and d.trigger_tok.start < at.start and d.category not in _FRIENDLY \
                and denier & {c.code for c in d.recipient} and not denier & {c.code for c in d.source}:
            return list(d.source)
    return []


def striker(drafts: list[Draft], article: int, judge: set[str], at: Tok) -> list[Cand]:
    """Who carried out the strikes a reaction names with no agent ("ورحبت تركيا بالضربات الغربية", "ونددت روسيا
    بالغارات"): the source of the article's last strike told before token ``at``, when the one reacting is not
    among them. Empty when none is."""
    for d in reversed(drafts):
        if d.article == article and d.trigger_tok.start < at.start and d.category == "ASSAULT" \
                and not judge & {c.code for c in d.source}:
            return list(d.source)
    return []


def name_the_official(d: Draft, cands: list[Cand]) -> Draft:
    """A state acting in a sentence that names one official of it: the official acts for it and is
    named among the actors, for each state of the source ("أعلن وزير الخارجية المغربي ناصر بوريطة أن المغرب قرر قطع علاقاته مع إيران":
    Morocco, by Bourita). Meetings are left alone: their participants are already who met."""
    if d.category == "CONSULT":
        return d
    # each state of the source separately: "ذكر مكتب ماكرون … إن باريس اتفقت مع بريطانيا" is France by Macron
    named = {c.code for c in d.source if c.kind in ("person", "role")}
    theirs = {c.code for c in d.recipient}
    for code in dict.fromkeys(c.code for c in d.source):
        officials = {c.entity: c for c in cands if c.kind == "person" and c.entity and c.code == code}
        before = [c for c in officials.values() if c.mention.start < d.trigger_tok.start]
        if len(officials) > 1 and before:
            # several: the one named last before the act speaks for it ("وأعلنت ماي … أن بريطانيا ستطرد …،
            # كما قال وزير الخارجية بوريس جونسون … إن لندن ستستهدف": May expels, Johnson targets assets)
            last = max(before, key=lambda c: c.mention.start)
            officials = {last.entity: last}
        if code not in named and code not in theirs and len(officials) == 1:
            d.source = list(officials.values()) + d.source
    return d


def fold_readings(events: list[Event]) -> list[Event]:
    """One event for one act told with several readings: the drafts of one sentence with the same
    source states and the same recipient states become one event whose ``event`` lists their
    categories, most confident first ("أكد ترودو اعتراضه على الرسوم الأمريكية وتعهد بإجراءات مماثلة
    ضد واشنطن" is one REJECT+THREATEN act of Canada at the United States, as the annotation guide's
    "two when both readings hold"). Meetings stay apart: a meeting and what it signed are two acts.
    Keeps input order; the folded event keeps the best reading's id, features and confidence."""
    out: list[Event] = []
    best: dict[tuple, Event] = {}
    for ev in sorted(events, key=lambda e: -e.confidence):
        if ev.event[0] == "CONSULT":
            out.append(ev)
            continue
        key = (ev.article, ev.start, frozenset(a.code for a in ev.source), frozenset(a.code for a in ev.recipient))
        if key in best and _one_act(best[key], ev):
            best[key].event.extend(c for c in ev.event if c not in best[key].event)
            continue
        best.setdefault(key, ev)
        out.append(ev)
    order = {id(e): k for k, e in enumerate(events)}
    return sorted(out, key=lambda e: order[id(e)])


def _one_act(a: Event, b: Event) -> bool:
    """Two readings of one sentence tell one act unless their days or their named officials differ:
    "وأعلنت ماي أمس الأربعاء أن بريطانيا ستطرد 23 دبلوماسيا روسيا، كما قال وزير الخارجية بوريس جونسون
    الخميس إن لندن ستستهدف أصول روسيا" is May's expulsion (Wednesday) and Johnson's threat (Thursday)."""
    if a.date and b.date and (a.date, a.enddate) != (b.date, b.enddate):
        return False
    named = lambda e: {x.entity for x in e.source + e.recipient if x.entity and x.entity.split(":")[0] in ("kb", "per")}  # noqa: E731
    pa, pb = named(a), named(b)
    return not (pa and pb and not (pa <= pb or pb <= pa))


def _light(tok: Tok, light: set[str]) -> bool:
    """The token is a light verb ("شنت", "فرض"), also with و/ف on a two-letter one the clitic layer keeps
    whole ("وشن ترامب هجوما")."""
    return bool(set(tok.variants) & light) or tok.text[:1] in "وف" and tok.text[1:] in light


def _agent_after(toks: list[Tok], ti: int, side: list[Cand]) -> int | None:
    """Token index of "من قبل" (by) between the actors after a verb: the passive's agent follows it."""
    if len(side) < 2:
        return None
    return next((k for k in range(ti + 1, side[-1].tok) if _by(toks, k + 1) and any(c.tok < k for c in side)), None)


def in_victim_domain(toks: list[Tok], c: Cand, domain: set[str]) -> bool:
    """The state is where a decried act falls, not who did it: "احتلال أجزاء من سورية من الولايات المتحدة"
    accuses the United States, "انتهاك سيادة لبنان" and "انتهاك الأجواء السورية" accuse no one named.
    ``domain``: the cue list victim_domain (سيادة، أراضي، أجزاء، أجواء …)."""
    k = c.tok - 1
    if k > 0 and toks[k].text == "من":  # partitive: "أجزاء من سورية"
        k -= 1
    return k >= 0 and any(v in domain for v in toks[k].variants)


def _by(toks: list[Tok], k: int) -> bool:
    """Token ``k`` is the قبل of "من قبل" (by an agent), not the time word "قبل" (before)."""
    return toks[k].text == "قبل" and k > 0 and toks[k - 1].text == "من"


_ONE_OF = ("احدي", "احد")  # folded إحدى / أحد


def own_forces(toks: list[Tok], lo: int, force_heads: set[str]) -> bool:
    """The clause told after "أن" (starting at token ``lo``) opens with forces under a possessive pronoun
    — the speaker's own: "يقول الجيش الإسرائيلي إن إحدى طائراته العمودية أسقطت طائرة بلا طيار إيرانية"
    (Israel shot it down), "وقالت روسيا إن قواتها قصفت …"."""
    k = lo + 1 if lo + 1 < len(toks) and toks[lo].text in _ONE_OF else lo
    return k < len(toks) and any(s.enclitic in ("ه", "ها", "هم") and s.stem in force_heads for s in segment(toks[k].text))


_RELATIVE_TIME_REACH = 6  # words between a relative pronoun and the time its clause names


def outside_relatives(times: list, toks: list[Tok]) -> list:
    """``times`` without those told in a relative clause, which date the noun it describes: "في حوار …
    عشية بداية زيارته واشنطن التي تستمر من الثلاثاء إلى الخميس" — Tuesday to Thursday is the visit, not
    the interview."""
    def relative(t) -> bool:
        k = next((i for i, tok in enumerate(toks) if tok.start >= t.start), len(toks))
        return any(toks[j].text in _RELATIVE for j in range(max(0, k - _RELATIVE_TIME_REACH), k))
    return [t for t in times if not relative(t)]


_OBJECT_NISBA_REACH = 5  # "انسحاب بلاده من الاتفاق النووي الإيراني": the object's nisba a few words on


def object_nisba(toks: list[Tok], ti: int, nisbas: dict[str, str], codes: set[str], raw: str) -> list[Cand]:
    """The state a nisba on the trigger's object names, for frames whose target is told that way
    ("أعلن ترامب انسحاب بلاده من الاتفاق النووي الإيراني": Iran); the first one not of the agent's ``codes``."""
    for k in range(ti + 1, min(len(toks), ti + 1 + _OBJECT_NISBA_REACH)):
        code = nisbas.get(toks[k].text)
        if code and code not in codes:
            t = toks[k]
            return [Cand(Mention(t.start, t.end, raw[t.start:t.end], "NORP", "nisba", country=code), code, k, "group",
                         None, raw[t.start:t.end], None, "GOV")]
    return []


_OWN_COUNTRY = frozenset({"بلاده", "بلادها", "دولته", "دولتها", "حكومته", "حكومتها"})


def own_country(toks: list[Tok], ti: int) -> bool:
    """A verbal noun whose agent is "his country": "وكان ترامب قال … معلنا انسحاب بلاده من الاتفاق" — the
    state of the sentence's subject acts."""
    return ti + 1 < len(toks) and toks[ti + 1].text in _OWN_COUNTRY


def expelled(d: Draft, toks: list[Tok], expel: set[str]) -> Draft:
    """A summons told with an order to leave is an expulsion: "استدعت القنصل التركي العام وطلبت منه
    المغادرة", "أبلغت السفير الفلبيني بأنه شخص غير مرغوب فيه" — SANCTION by the summoning state (the
    host, ``recipient`` of a summons) on the envoy's state, not a consultation."""
    if d.extra.get("frame") != "consult.summon" or not any(t.text in expel for t in toks):
        return d
    d.category, d.mode, d.source, d.recipient = "SANCTION", [], d.recipient, d.source
    d.extra["frame"] = "sanction.expel"
    return d


_DATIVE_REACH = 4  # the لـ may be on the title before a name: "للرئيس الكوري الجنوبي مون جي إين"


def addressed(toks: list[Tok], recipient: list[Cand]) -> bool:
    """The recipient is addressed: with لـ on it or its title ("تعهُّد كيم للرئيس الكوري الجنوبي") or as a
    partner after مع ("تعهد التحالف بالتعاون مع الحكومة اليمنية")."""
    return any(toks[k].text[:1] == "ل" and not toks[k].text.startswith("ال") or toks[k].text == "مع"
               for c in recipient for k in range(max(0, c.tok - _DATIVE_REACH), c.tok + 1))


_DRAFT_REACH = 6  # "مشروع قرار أمريكي لإصدار إعلان يندد …": the verb a few words after the draft's head
_DRAFTED = frozenset({"ACCUSE", "DEMAND", "SUPPORT", "REJECT", "THREATEN"})


_DRAFT_HEAD_REACH = 7  # "عطلت الكويت الأربعاء خلال اجتماع لمجلس الأمن مشروع قرار": the draft a few words after the vote
_SPONSOR_REACH = 9  # "ضد مشروع قرار بمجلس الأمن، طرحته الكويت": the sponsor a few words after the draft's head
_PRESENTER_REACH = 3  # "تقدمت به الكويت": the presenting verb's subject right after it


def draft_head(toks: list[Tok], lo: int, hi: int, heads: set[str]) -> int | None:
    """The first draft resolution's head word ("مشروع"، "مسودة", with a proclitic) among tokens ``lo..hi-1``."""
    return next((k for k in range(max(0, lo), min(len(toks), hi)) if any(v in heads for v in toks[k].variants)
                 or toks[k].text.startswith("مشروعي")), None)


def draft_sponsor(toks: list[Tok], head: int, cands: list[Cand], nisbas: dict[str, str], presenters: set[str],
                  raw: str) -> list[Cand]:
    """The state that put forward the draft whose head word is at ``head``: the nisba on the draft ("مشروع
    قرار أمريكي", "مشروع القرار البريطاني") or the subject of a verb presenting it ("مشروع قرار تقدمت به
    الكويت", "مشروعي قرارين بديلين طرحتهما موسكو", "قدمت بريطانيا مشروع قرار"). ``presenters``: the cue list
    draft_presenters."""
    verb = next((k for k in range(head - 1, max(-1, head - 1 - _PRESENTER_REACH), -1) if toks[k].text in presenters), None)
    if verb is not None:
        named = sorted((c for c in cands if verb < c.tok < head and c.kind in ("state", "capital", "person", "role")),
                       key=lambda c: c.tok)
        if named:
            return named[:1]
    for k in range(head + 1, min(len(toks), head + 1 + _SPONSOR_REACH)):
        code = nisbas.get(toks[k].text)
        if code and k - head <= 3:
            t = toks[k]
            return [Cand(Mention(t.start, t.end, raw[t.start:t.end], "NORP", "nisba", country=code), code, k, "group",
                         None, raw[t.start:t.end], None, "GOV")]
        if toks[k].text in presenters:
            return sorted((c for c in cands if k < c.tok <= k + _PRESENTER_REACH
                           and c.kind in ("state", "capital", "person", "role")), key=lambda c: c.tok)[:1]
    return []


_PLOT_REACH = 3  # "مخططا إرهابيا، استهدف إسقاط طائرة": the plot a few words before the attack it planned


def plotted(toks: list[Tok], i: int, category: str, heads: set[str]) -> bool:
    """An attack named as what a plot was to do ("أحبطت مخططا لإسقاط طائرة ركاب", "خطة لاغتيال"): no
    attack happened — the plot, and whoever foiled it, is another story. ``heads``: the cue list plot_heads."""
    return category == "ASSAULT" and any(toks[k].text in heads for k in range(max(0, i - _PLOT_REACH), i))


def drafted(toks: list[Tok], i: int, category: str, heads: set[str]) -> bool:
    """A verbal act a draft resolution would make ("مشروع قرار يدين بقوة إطلاق الصواريخ", "مسودة قرار تطالب
    …"): proposed, not done — the vote on it is the event, if any. ``heads``: the cue list draft_heads."""
    return category in _DRAFTED and any(toks[k].text in heads and toks[k + 1].text in ("قرار", "القرار")
                                         for k in range(max(0, i - _DRAFT_REACH), i - 1))


_SUBHEADING_MAX = 8  # tokens: a short verbless line inside the body, "إشادة إسرائيلية وتنديد فلسطيني"


def subheading(raw: str, sent, toks: list[Tok]) -> bool:
    """A subheading inside the body: a short verbless line of its own with no closing punctuation ("دعم
    أوروبي لبريطانيا", "إشادة إسرائيلية وتنديد فلسطيني") names a topic, not an event."""
    text = raw[sent.start:sent.end].rstrip()
    line_start = sent.start == 0 or raw[sent.start - 1] == "\n"
    line_end = sent.end >= len(raw) or raw[sent.end:sent.end + 1] in ("\n", "")
    return line_start and line_end and len(toks) <= _SUBHEADING_MAX and not text.endswith((".", "!", "?", "؟", ":", "\"", "»", "”")) \
        and not any((got := frame_lexicon().lookup(t.text)) and got[1].pos == "verb" for t in toks)  # "ليبرمان يرفض اعتذار عباس" is a headline with its verb: an event


_LIFT_REACH = 3  # "رفعت غالبية العقوبات الأمريكية": the easing verb a few words before the sanctions


def lifted(toks: list[Tok], i: int, category: str, lift: set[str]) -> bool:
    """Sanctions told as lifted or eased ("رفعت غالبية العقوبات الأمريكية المفروضة على ليبيا", "تخفيف
    العقوبات"): PLOVER's YIELD (easing), not SANCTION. ``lift``: the cue list lift (not "علّق", which is
    also "commented on")."""
    return category == "SANCTION" and any(toks[k].text in lift and not any(t.text == "من" for t in toks[k + 1:i])
                                          for k in range(max(0, i - _LIFT_REACH), i))  # "تخفف من وطأة العقوبات" eases their effect


# a quantity right after the verb opens its own subject: "كما انتقد العديد من السياسيين الألمان اللاعبين"
_QUANTIFIERS = frozenset({"العديد", "عدد", "بعض", "مئات", "الاف", "عشرات", "كثير", "معظم", "اغلب"})
INVITE_REACH = 12  # "ودعا الرئيس المصري عبد الفتاح السيسي نظيره الفرنسي إيمانويل ماكرون إلى زيارة": the visit after the invitee
_ARMED_SUBJECT_REACH = 4  # "قصفت الطائرات الحربية الإسرائيلية": a force's nisba a few words after the strike verb


def quantified(toks: list[Tok], ti: int) -> bool:
    """A quantity right after the verb at ``ti`` ("العديد من", "عدد من") opens the verb's own subject."""
    return ti + 2 < len(toks) and toks[ti + 1].text in _QUANTIFIERS and toks[ti + 2].text == "من"


def armed_subject(toks: list[Tok], ti: int, trig: Trigger, first: Cand, strikes: set[str]) -> bool:
    """A force named right after a strike verb is its subject, whoever the discourse was about: "قصفت الطائرات
    الإسرائيلية مواقع في دمشق" after a sentence about Damascus is Israel striking, not struck. ``strikes``: the
    categories whose target is where the act lands."""
    return not trig.noun and trig.category in strikes and first.kind == "force" \
        and 0 < first.tok - ti <= _ARMED_SUBJECT_REACH


def invitation(lex: Lexicon, toks: list[Tok], k: int) -> int | None:
    """The visit noun an invitation verb at token ``k`` invites to ("دعا … نظيره الروسي لزيارة", "إلى زيارة
    القاهرة"), or None: a visit noun with ل or after إلى a few words after a call_on verb."""
    if not any((lex.trigger(v) or _NO_TRIGGER).frame == "demand.call_on" for v in toks[k].variants):
        return None
    for j in range(k + 1, min(len(toks), k + 1 + INVITE_REACH)):
        word = toks[j].text
        bare = word[1:] if word[:1] == "ل" and toks[j - 1].text != "الي" else word
        to = word[:1] == "ل" or toks[j - 1].text == "الي"
        if to and (lex.trigger(bare) or _NO_TRIGGER).role == "visitor":
            return j  # a visit; "دعت الكويت إلى عقد اجتماع طارئ لمجلس الأمن" is a demand
    return None


def sentence_sponsor(toks: list[Tok], cands: list[Cand], lex: Lexicon, nisbas: dict[str, str], raw: str) -> list[Cand]:
    """The sponsor of the last draft resolution a sentence names with one ("مشروع قرار أمريكي"), or []."""
    heads, found, k = lex.cues["draft_heads"], [], 0
    while (head := draft_head(toks, k, len(toks), heads)) is not None:
        found = draft_sponsor(toks, head, cands, nisbas, lex.cues["draft_presenters"], raw) or found
        k = head + 1
    return found
