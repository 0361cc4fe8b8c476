"""A person's state from the words around the name, and the state an article is about.

The link stage (:mod:`marsad.stages.link`) gives a person the KB does not know, and whose title named
no state, the state the text around a mention gives (:func:`context_country`): a nisba or a state's
name in the few words before the name ("الصحفي السعودي المفقود جمال خاشقجي"), the state an office names
("سفير إيران بتونس مصطفى بروجردي": إيران, not his posting تونس), a nisba in an apposition after a comma
("عبدالله العذبة، رئيس تحرير صحيفة العرب القطرية"), or the office of a state right after the name
("عبيد سالم الزعابي سفير الإمارات"). Another person, a verb, punctuation or a counterpart word
("ونظيره") ends the search. An official whose state the text leaves implicit is given the state of
the article (:func:`home_country`: a national outlet's own state, else :func:`focus_country`); a
government body named without a nisba, that of the official the sentence named just before it
(:func:`official_before`).

States are ISO3 codes from the KB (``KB.country_by_nisba``, ``KB.country_by_name``), from ROLE mentions
that carry one and from the mentions stage's gazetteer scan (:func:`country_counts`). This is a field of
its own, tuned case by case (``tests/stages/test_person_country.py``), kept apart from the linking
itself (clusters, KB persons, run-wide ids) so that both modules can be read whole.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..doc import Document, Entity, Mention
from ..kb import KB
from ..ner.names import past_verb, verb_like
from ..textnorm import fold_key
from .entities import body_heads, common_words


# Words around a name that end the search for its state: another party ("ونظيره", "مع"), a clause.
_CONTEXT_STOP = frozenset(fold_key(w) for w in (
    "نظيره", "نظيرته", "مع", "بين", "ضد", "و", "أو", "قال", "قالت", "أن", "إن", "أنه", "الذي", "التي", "عن",
    "إلى", "على", "لكن", "بينما", "حين", "بعد", "قبل"))
_STATE_SECTORS = frozenset({"GOV", "MIL", "SPY", "COP", "LEG"})  # bodies whose officials act for their state
_POSTED = frozenset(fold_key(w) for w in ("في", "لدى", "إلى", "من", "بالعاصمة"))
_CONTEXT_WINDOW = 6
_HE_IS = frozenset({"وهو", "وهي", "وهما", "وهم"})  # "X، وهو مسؤول في …": an apposition, not the next of a list
_ORIGIN = frozenset(fold_key(w) for w in ("الأصل", "الاصل", "المولد", "الجذور"))
# Churches whose rite is named by a nisba ("كاثوليكي روماني", "الأرثوذكسية اليونانية"): the nisba after them is no state
_RITES = frozenset(fold_key(w) for w in (
    "كاثوليكي", "كاثوليكية", "الكاثوليكي", "الكاثوليكية", "أرثوذكسي", "أرثوذكسية", "الأرثوذكسي", "الأرثوذكسية"))


def context_country(kb: KB, doc: Document, mentions: list[Mention]) -> str | None:
    """The state the words around a person the KB does not know give: a nisba in the few words
    before the name ("الصحفي السعودي المفقود جمال خاشقجي", "المتحدثة باسم وزارة الخارجية الأمريكية
    هيذر ناورت"), a state named after an office ("سفير إيران بتونس مصطفى بروجردي"; the posting
    "بتونس" is not his state), or a nisba in an apposition after it ("عبدالله العذبة، رئيس تحرير
    صحيفة العرب القطرية"). The nearest cue wins; another person, a clause boundary or a counterpart
    word ("ونظيره") ends the search. Returns an ISO3 code or None."""
    for m in sorted(mentions, key=lambda m: m.start):
        if m.sentence is None or m.sentence >= len(doc.sentences):
            continue
        found = country_near(kb, doc, m)
        if found:
            return found
    return None


def country_near(kb: KB, doc: Document, m: Mention) -> str | None:
    """The state the words around mention ``m`` give within its sentence (``m.sentence`` must be set), as
    :func:`context_country` describes: first the up to ``_CONTEXT_WINDOW`` tokens before the name, walked
    back from it, then an apposition after a comma, then an office right after the name. An ISO3 code (a
    ROLE's country as it stands) or None."""
    from .entities import token_edges, tokens_of

    sent = doc.sentences[m.sentence]
    toks = tokens_of(doc, sent.start, sent.end)
    starts, ends = token_edges(doc, sent.start, sent.end)
    others = [(o.start, o.end) for o in doc.mentions if o.sentence == m.sentence and o is not m and o.type == "PER"]
    roles = [o for o in doc.mentions if o.sentence == m.sentence and o.type == "ROLE" and o.country]
    # a state body the name is the spokesperson or official of: "المتحدثة باسم البيت الأبيض سارة ساندرز"
    bodies = [o for o in doc.mentions if o.sentence == m.sentence and o.type == "ORG" and o.org is not None
              and o.org.country and o.org.country != "IGO" and o.org.sector in _STATE_SECTORS]
    states = [o for o in doc.mentions if o.sentence == m.sentence and o.type in ("GPE", "LOC")
              and (o.country or (o.place is not None and o.place.kind == "capital"))]
    raw = doc.raw

    def cue(i: int) -> str | None:
        t = toks[i]
        role = next((o for o in roles if o.start <= t.start < o.end), None)
        if role is not None:
            return role.country  # "سفير إيران بتونس X", "نظيره الإيراني X": the title of the name
        body = next((o for o in bodies if o.start <= t.start < o.end), None)
        if body is not None:
            return body.org.country
        if any(s <= t.start < e for s, e in others) or t.text in _CONTEXT_STOP or t.variants[-1] in _CONTEXT_STOP:
            return "stop"
        code = kb.country_by_nisba(t.text)
        if code and i > 0 and toks[i - 1].text in _RITES:
            code = None  # "وهو كاثوليكي روماني": a Roman Catholic, no Romanian
        if code and i > 0 and toks[i - 1].text in body_heads():
            return "stop"
        if code and not (i + 1 < len(toks) and toks[i + 1].text in _ORIGIN):
            return code  # "الألماني السوري الأصل": the nisba before الأصل is an origin, not the nationality
        st = next((o for o in states if o.start < t.end and t.start < o.end), None)  # "لفرنسا": after the clitic
        if st is not None:
            j = next(k for k in range(i, -1, -1) if toks[k].start <= st.start)
            code = st.country or st.place.cc3
        else:
            # a state an office swallowed as its qualifier ("سفير إيران", "سفيرة المملكة المتحدة")
            j, code = next(((k, c.iso3) for k in range(i, max(i - 3, -1), -1)
                            if (c := kb.country_by_name(" ".join(x.text for x in toks[k:i + 1])))), (i, None))
        if code and j > 0 and toks[j - 1].text in _POSTED:
            return "posting"  # "السفير الروسي إلى بريطانيا، X": the walk goes on past "إلى" to his state
        if code and not (toks[j].text[0] == "ب" and toks[j].variants[-1] != toks[j].text):
            return code  # "سفير إيران بتونس": بتونس is his posting, إيران his state
        if code is None and not t.text.startswith("ال") and not t.text.endswith("ه") \
                and (past_verb(t.text) or verb_like(t.text, common_words())):
            return "stop"  # "الحكم الكولومبي ... ركلة جزاء حولها فرجاني ساسي": a clause lies between
        return None

    def walk(steps: list[tuple[int, str]]) -> str | None:
        posting = False
        for i, gap in steps:  # token index, the text between it and the name side of the walk
            if re.search(r"[.:;؛!?؟\"«»()\n،,]", gap):  # "؛": the Arabic semicolon ends a list item too
                break
            if posting and toks[i].text in _POSTED:
                posting = False
                continue
            c = cue(i)
            if c == "stop":
                break
            posting = c == "posting"
            if c and not posting:
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
            and not kb.country_by_name(toks[after[0]].text) \
            and not (toks[after[0]].text[0] == "و" and toks[after[0]].text not in _HE_IS):
        # ("وغادر القنصل محمد العتيبي، تركيا على متن رحلة": a state's name after the comma is the verb's object;
        # "بين أردوغان، وبوتين، والرئيس الإيراني": و after the comma adds the next of a list, but "، وهو مسؤول في
        # الحرس الثوري الإيراني" describes the name)
        # apposition: "سعاد البراهمة، عضو الجمعية المغربية للنساء التقدميات"
        found = walk([(i, raw[toks[i - 1].end:toks[i].start] if n else "") for n, i in enumerate(after)])
    if found is None and after and not raw[m.end:toks[after[0]].start].strip() and toks[after[0]].text[0] != "و":
        # an office of a state right after the name, without a comma: "عبيد سالم الزعابي سفير الإمارات لدى
        # الأمم المتحدة", "فيليبي الخامس ملك اسبانيا"; an organisation's office ("المتحدثة باسم اللجنة الدولية
        # للصليب الأحمر") gives no state
        found = next((o.country for o in roles if o.start <= toks[after[0]].start < o.end and o.country != "IGO"), None)
    return found
def home_country(kb: KB, doc: Document, ai: int) -> str | None:
    """The state of an official named with a bare title ("وزير الخارجية فلان"): a national outlet's
    own state when the article mentions it at all, else the state the article is about."""
    art = doc.articles[ai] if ai < len(doc.articles) else None
    home = art.outlet_country if art else None
    if home:
        counts = country_counts(doc, [(s.start, s.end) for s in doc.sentences if s.article == ai and s.kind == "body"])
        if counts.get(home) or max(counts.values(), default=0) < 2:
            return home  # local news names no other state clearly: the outlet's own
    return focus_country(kb, doc, ai)


def official_before(m: Mention, entities: dict[str, Entity]) -> str | None:
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


def country_counts(doc: Document, spans: list[tuple[int, int]]) -> dict[str, int]:
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


def focus_country(kb: KB, doc: Document, ai: int) -> str | None:
    """The state an article is about: most frequent country in its title and first sentences."""
    from collections import Counter

    art = doc.articles[ai] if ai < len(doc.articles) else None
    spans = [art.title_span] if art and art.title_span else []
    spans += [(s.start, s.end) for s in [s for s in doc.sentences if s.article == ai and s.kind == "body"][:3]]
    counts = Counter(country_counts(doc, spans))
    if doc.meta.get("title") and ai == 0:
        for w in fold_key(doc.meta["title"]).split():
            code = kb.country_by_nisba(w)
            if code:
                counts[code] += 1
    top = counts.most_common(2)
    if top and (len(top) == 1 or top[0][1] > top[1][1]):
        return top[0][0]
    return None
