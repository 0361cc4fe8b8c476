"""The modality and topics of an event (CONTRACT §2 ``context``) from the words around its trigger:
future, historical, negation, hypothetical, and up to two topics. Used by :mod:`marsad.stages.events`."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ..temporal import TimeExpr
from .entities import Tok

_RECALLED = re.compile(r"(?:^| )و?كان(?:ت|ا|وا)?(?: \S+){0,3} قد |سبق ان")  # "وكان الوزيران قد التقيا"
_HISTORICAL_DAYS = 7  # an event dated more than a week before publication is recalled, not news
_CONDITION_REACH = 15  # tokens before a trigger a condition or possibility word governs it: "إذا فرضت واشنطن عقوبات أخرى على تركيا فسوف ترد"
_MODAL_REACH = 10  # tokens before a trigger a plan or cancellation reaches: "ويعتزم ماكرون زيارة الجزائر ولقاء تبون"


def event_context(cues: dict[str, Any], topics: dict[str, frozenset[str]], modal_words: frozenset[str], toks: list[Tok],
                  ti: int, time: TimeExpr | None, pub: dt.date | None, aspect: str = "", explicit: bool = True,
                  raw: str = "", voted: bool = False) -> list[str]:
    """CONTRACT §2 context of an event told at token ``ti``: its modality and up to two topics.

    future: a future verb ("سيزور"), a plan word near it ("المرتقبة"، "من المقرر"، "يعتزم") or a date
    after publication; historical: "وكان … قد", or a date more than a week before publication;
    negation: a negative particle right before it ("لم يلتق"، "لن يزور") or a cancellation in its
    clause ("ألغى زيارته"); hypothetical: a condition or possibility before it ("إذا"، "في حال"،
    "من الممكن"، "مشروع قرار يدين"). ``cues`` are the cue lists of ``data/triggers.json``, ``topics`` the
    topic vocabularies, ``modal_words`` every cue word a conjunction may carry; ``pub`` is the
    publication date; ``raw`` the text the tokens' offsets point into (quotations bound a condition); ``voted``:
    the event is a vote or veto on a draft, which is done whatever the draft would do ("أفشلت واشنطن مشروعي
    قرارين طرحتهما موسكو": "مشروع قرار" makes no possibility of it)."""
    ctx: list[str] = []
    # a cue with its conjunction still counts: "ولن يزور", "ويعتزم"
    words = [t.text[1:] if t.text[:1] in "وف" and len(t.text) >= 3 and t.text[1:] in modal_words else t.text
             for t in toks]
    window = words[max(0, ti - 6):ti + 3]
    before = words[max(0, ti - _MODAL_REACH):ti]
    joined = " ".join(window)
    # a date after publication in the event's own clause; one carried from an earlier sentence says nothing
    ahead = bool(explicit and time and time.date and pub and time.date > pub and time.direction == "future")
    if aspect == "future" or ahead or any(w in cues["future"] for w in window + before) or any(
            p in joined for p in cues["future"] if " " in p) or words[ti].startswith(("سي", "ست")) and len(words[ti]) > 4:
        ctx.append("future")
    elif _RECALLED.search(joined) or (explicit and time and time.date and pub
                                      and (pub - (time.enddate or time.date)).days > _HISTORICAL_DAYS):
        ctx.append("historical")
    if any(w in cues["negation"] for w in words[max(0, ti - 2):ti]) or any(w in cues["cancel"] for w in before):
        ctx.append("negation")
    # a condition inside a quotation that closed before the trigger is the quote's own: 'وكتب ترامب "التجارة
    # ستصبح غبية إذا لم تكن متبادلة"، في انتقاد للرسوم' is a criticism that happened
    first = _after_closed_quote(toks, ti, raw) if raw else 0
    # and one told far back in a long sentence conditions another clause: "اعتبر توسك أن روسيا تقف على
    # الأرجح وراء التسميم. وكتب توسك: أعبر عن تضامني" — the solidarity is no possibility
    first = max(first, ti - _CONDITION_REACH)
    pre = " ".join(words[first:ti])
    if any(w in cues["hypothetical"] and not _attributive(words, k) for k, w in enumerate(words[first:ti], first)) \
            or any(p in pre for p in cues["hypothetical"] if " " in p and not (voted and p.startswith("مشروع"))):
        ctx.append("hypothetical")
    vocab_words = set(words)
    ctx += [topic for topic, vocab in topics.items() if vocab_words & vocab][:2]
    return ctx


_CLOSING_QUOTES = ("\"", "”", "»")
# "محتمل" as an adjective qualifies the noun it follows, not a later act: 'إثر الهجوم الكيميائي "المحتمل" على دوما،
# وأيضا الغارات التي شنتها واشنطن' (the strikes happened); as a predicate it governs what follows ("من المحتمل أن")
_ATTRIBUTIVE = frozenset({"المحتمل", "المحتمله", "محتمل", "محتمله"})


def _attributive(words: list[str], k: int) -> bool:
    """The possibility word at ``k`` is an adjective on the noun before it, not "من المحتمل" governing a clause."""
    return words[k] in _ATTRIBUTIVE and k > 0 and words[k - 1] not in ("من", "ومن")


def _after_closed_quote(toks: list[Tok], ti: int, raw: str) -> int:
    """Index of the first token after the last quotation that closes, followed by a comma or stop,
    before token ``ti`` (0 when none does): what the quote said is not the trigger's clause."""
    for k in range(ti - 1, 0, -1):
        gap = raw[toks[k - 1].end:toks[k].start]
        q = max(gap.rfind(c) for c in _CLOSING_QUOTES)
        if q >= 0 and any(p in gap[q:] for p in ("،", ",", ".")):
            return k
    return 0
