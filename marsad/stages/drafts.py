"""Event drafts: what the ``events`` stage builds before output, how reports of the same event are
merged, and which time expression dates a trigger: its clause's own expression, else the discourse's
current time (:func:`discourse_time`), else publication."""
from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from collections.abc import Iterator, Sequence
from typing import Any

from ..frames import distinct_frames
from ..geo import PLACES, great_circle_km
from ..temporal import TimeExpr, find_times
from ..textnorm import fold_key
from .clauses import Cand
from .entities import Tok

_TIME_AFTER_CHARS = 80  # a time expression this close after the trigger belongs to it


class SentenceTimes(Sequence[TimeExpr]):
    """The time expressions of a sentence (:func:`~marsad.temporal.find_times` of its ``text``, moved to
    raw offsets from ``at``), found when first read: only a sentence with a trigger or a statement
    reads them, about a third of them (find_times was ~5 % of the pipeline)."""

    __slots__ = ("_text", "_pub", "_at", "_found")

    def __init__(self, text: str, pub: Any, at: int) -> None:
        self._text, self._pub, self._at = text, pub, at
        self._found: list[TimeExpr] | None = None

    def _all(self) -> list[TimeExpr]:
        if self._found is None:
            at = self._at
            self._found = [TimeExpr(**{**t.__dict__, "start": t.start + at, "end": t.end + at})
                           for t in find_times(self._text, self._pub)]
        return self._found

    def __getitem__(self, i: Any) -> Any:
        return self._all()[i]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Iterator[TimeExpr]:
        return iter(self._all())


@dataclass
class Draft:
    """One candidate event before output: its category, sides, sentence and trigger, time and place,
    rule confidence and ``extra`` (what proposed it, for the scorer: via, frame, aspect)."""

    category: str
    mode: list[str]
    context: list[str]
    source: list[Cand]
    recipient: list[Cand]
    sentence: int
    trigger_tok: Tok
    time: TimeExpr | None
    time_explicit: bool
    place: dict[str, Any] | None
    confidence: float
    article: int
    extra: dict[str, Any] = field(default_factory=dict)

    def persons(self, code: str | None = None) -> frozenset[str]:
        """Entity ids of the named officials among the sides (of state ``code`` only, when given)."""
        return frozenset(c.entity for c in self.source + self.recipient
                         if c.kind in ("person", "role") and c.entity and (code is None or c.code == code))

    def codes(self) -> frozenset[str]:
        """The state (or IGO) codes of both sides."""
        return frozenset(c.code for c in self.source + self.recipient if c.code)


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """One event per distinct meeting: same category and participants, compatible day and place."""
    kept: list[Draft] = []
    for d in drafts:
        twin = next((k for k in kept if _same_event(k, d)), None)
        if twin is None:
            kept.append(d)
            continue
        if not twin.time_explicit and d.time_explicit:
            twin.time, twin.time_explicit = d.time, True
        if (twin.place is None or twin.place.get("kind") == "country") and d.place and d.place.get("kind") != "country":
            twin.place = d.place
        if not twin.recipient and d.recipient and twin.category == "CONSULT" and "visit" in d.mode:
            twin.source, twin.recipient, twin.mode = d.source, d.recipient, d.mode
        if len(d.persons()) > len(twin.persons()) and d.codes() == twin.codes() and d.time_explicit >= twin.time_explicit:
            # the report naming more participants is the better description of the meeting
            twin.source, twin.recipient, twin.mode = d.source, d.recipient, d.mode or twin.mode
            twin.place = d.place or twin.place
            twin.sentence, twin.trigger_tok = d.sentence, d.trigger_tok
        else:
            _name_officials(twin, d)
        twin.confidence = min(0.99, twin.confidence + 0.05)
    return kept


# how closely an actor names who acted: an official before his state, a state before a nisba
_SPECIFICITY = {"person": 0, "role": 1, "org": 2, "state": 3, "capital": 3, "force": 4, "group": 5}


def _name_officials(twin: Draft, d: Draft) -> None:
    """Where a later report of the same event names one side's actor more closely, ``twin`` takes it:
    "التهديدات الأمريكية بتوجيه ضربة … لنظام الأسد" then "وكان الرئيس الأمريكي دونالد ترامب هدد بتوجيه
    ضربة للنظام السوري" — the threat is Trump's. Per state code, within twin's own orientation."""
    for side in (twin.source, twin.recipient):
        for code in {c.code for c in side}:
            mine = [c for c in side if c.code == code]
            theirs = [c for c in d.source + d.recipient if c.code == code and c.kind in ("person", "role")]
            best = min(_SPECIFICITY.get(c.kind, 9) for c in mine)
            if theirs and min(_SPECIFICITY[c.kind] for c in theirs) < best:
                at = side.index(mine[0])
                side[:] = [c for c in side if c.code != code]
                side[at:at] = theirs


@lru_cache(maxsize=1)
def _happenings() -> frozenset[str]:
    """Nouns of happenings with times of their own (``data/times_happenings.json``), folded."""
    raw = json.loads(resources.files("marsad.data").joinpath("times_happenings.json").read_text("utf-8"))
    return frozenset(fold_key(w) for w in raw["happenings"])


def own_times(times: list[TimeExpr], toks: list[Tok], ti: int) -> list[TimeExpr]:
    """``times`` without those told after a happening named after the trigger at token ``ti``: "فرض
    عقوبات على روسيا … بتسميم العميل … في مارس" — March dates the poisoning, not the sanctions."""
    words = _happenings()
    after = next((t.end for t in toks[ti + 1:] if t.text in words or t.text[:1] in "بلو" and t.text[1:] in words), None)
    return [t for t in times if after is None or t.start < after]


def _nearest_time(times: list[TimeExpr], trig: Tok, others: list[Tok] = ()) -> TimeExpr | None:
    """The time expression dating the trigger ``trig`` among ``times`` (raw offsets), or None.
    ``others`` are the sentence's other triggers: a time before one of them that lies between it and
    ``trig`` is that event's ("وشنت إسرائيل في 10 من شباط غارات … لكن طهران نفت": not the denial's)."""
    dated = [t for t in times if t.date and not any(t.end <= o.start < trig.start for o in others)]
    if not dated:
        return None
    # Arabic news gives an event's time after its verb or noun ("بحث الوزير، اليوم الثلاثاء، مع…",
    # "المكالمة التي جمعته بـ… منذ يومين"): the nearest expression after the trigger, else before it.
    after = [t for t in dated if t.start >= trig.start]
    near_after = [t for t in after if t.start - trig.end <= _TIME_AFTER_CHARS]
    if near_after:
        return min(near_after, key=lambda t: t.start)
    before = [t for t in dated if t.start < trig.start]
    if before:
        return max(before, key=lambda t: t.start)
    return min(after, key=lambda t: t.start)


def saying_time(times: list[TimeExpr], toks: list[Tok], lo: int, reach: int = 12) -> TimeExpr | None:
    """The time of the saying that a clause opened by "أن" (token ``lo - 1``) is told under, when the clause
    has none of its own: "وأعلنت ماي أمس الأربعاء أن بريطانيا ستطرد 23 دبلوماسيا روسيا" — the expulsion is
    dated by Wednesday's announcement. The nearest dated expression within ``reach`` tokens before "أن"."""
    if lo == 0 or toks[lo - 1].text not in ("ان", "بان", "وان", "انه", "انها"):
        return None
    start, end = toks[max(0, lo - 1 - reach)].start, toks[lo - 1].start
    told = [t for t in times if t.date and start <= t.start and t.end <= end]
    return max(told, key=lambda t: t.start) if told else None


def discourse_time(current: TimeExpr | None, told: list[Draft]) -> TimeExpr | None:
    """The discourse's time after a sentence: the time of the last event the sentence dated by its own
    words, when that time is news (not ahead of publication: "سيجتمعون يوم الأحد" dates no later
    report); else ``current``. A time only a background clause names ("سقطت في إسرائيل الأسبوع الماضي",
    "تسميم سكريبال في مارس") dates no event told after it. ``told`` are the sentence's drafts."""
    # a recalled event ("وشنت إسرائيل في 10 من شباط الماضي غارات", "وكان … قد زار") is background too
    dated = [d.time for d in told if d.time_explicit and d.time is not None and d.time.date is not None
             and "historical" not in d.context]
    news = [t for t in dated if t.direction != "future"]
    return news[-1] if news else current


def _same_event(a: Draft, b: Draft) -> bool:
    if a.category != b.category or a.article != b.article or a.codes() != b.codes():
        return False
    if a.category in _DIRECTED and _sides(a.source) & _sides(b.recipient) and _sides(a.recipient) & _sides(b.source) \
            and not _sides(a.source) & _sides(b.source):
        return False  # "ندد ماكرون بأفكار تنتشر في إيطاليا" and "رد رئيس الوزراء الإيطالي على ماكرون": two acts
    fa, fb = a.extra.get("frame"), b.extra.get("frame")
    if fa != fb and (fa in distinct_frames() or fb in distinct_frames()):
        return False  # "استهدفت الغارات أهدافا إيرانية" and "أسقطت طائرة بلا طيار إيرانية": two acts
    if a.category in _SAID and fa != fb and fa and fb and a.sentence != b.sentence and min(a.sentence, b.sentence) > _LEAD:
        return False  # "في انتقاد للرسوم التي ستفرضها كندا" (a tweet) and "متهما … ترودو بسوء النية" (at the summit): two statements
    for code in a.codes():
        pa, pb = a.persons(code), b.persons(code)
        if pa and pb and pa != pb:
            return False  # a visitor meeting two officials of the host state: two meetings
    if a.time and b.time and a.time_explicit and b.time_explicit and a.time.date and b.time.date:
        a_end, b_end = a.time.enddate or a.time.date, b.time.enddate or b.time.date
        if a.time.date > b_end + dt.timedelta(days=1) or b.time.date > a_end + dt.timedelta(days=1):
            return False
    if a.place and b.place and a.place.get("kind") != "country" and b.place.get("kind") != "country" \
            and a.time_explicit and b.time_explicit and _km(a.place, b.place) > PLACES.same_place_km:
        return False
    return True


# words said: two told with different verbs in the body are two statements (the lead sums up the body)
_SAID = frozenset({"ACCUSE", "DEMAND", "REJECT", "THREATEN", "SUPPORT"})
_LEAD = 0  # sentence index of an article's lead
# categories whose source acts on its recipient: the same pair the other way round is another act
_DIRECTED = frozenset({"ACCUSE", "DEMAND", "REJECT", "THREATEN", "SANCTION", "ASSAULT", "COERCE", "FIGHT", "MOBILIZE"})


def _sides(side: list[Cand]) -> frozenset[str]:
    return frozenset(c.code for c in side if c.code)


def _km(p: dict[str, Any], q: dict[str, Any]) -> float:
    """Great-circle distance between two geocoded places (infinite when either lacks coordinates)."""
    if p.get("name") == q.get("name"):
        return 0.0
    if None in (p.get("latitude"), p.get("longitude"), q.get("latitude"), q.get("longitude")):
        return math.inf
    return great_circle_km(p["latitude"], p["longitude"], q["latitude"], q["longitude"])
