"""Where an event happened: ranked place cues around its trigger (issue 12).

The events stage gives each trigger the place this module finds in the trigger's own clause, ranked:

1. a venue: a seat of government after a preposition standing for its city ("في البيت الأبيض" →
   Washington, via ``data/places_cues.json``) or a gathering named after its host city ("مؤتمر ميونيخ
   للأمن", "قمة سنغافورة");
2. the destination of a visit: a place a few words after a visit word ("في زيارة مفاجئة لطهران",
   "يزور … الاثنين طهران", "جولة في إثيوبيا");
3. a locative: a place after في/إلى or a glued ب ("في مكتبه بجدة", "في شمال قطاع غزة", "في العاصمة
   التركية" → Ankara);
4. a seat of government acting for its state ("أعلن البيت الأبيض أن …"), when nothing else is said.

A place right after another happening ("هجوم كيميائي في دوما", "محكمة تركية في مدينة أزمير") or a
topic word ("الأوضاع في سوريا") is never the event's. A palace or base beats a city and a city a
country, then the higher rank, then the nearest to the trigger. When the clause says nothing, the
whole sentence's cues count for its only event, else the caller's sentence or article place stands; a
visit placed only in a country goes to that country's capital ("سيزور تيلرسون إثيوبيا" → Addis Ababa,
as the gold's annotators do when nothing finer is said), a visit or summons placed nowhere to its
host's seat of government, and a threat or accusation to the venue where its speaker spoke, told in a
nearby sentence ("وقال ترامب، في البيت الأبيض، إن …").
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

from ..doc import Mention
from ..kb import KB
from ..textnorm import fold_key
from .acts import _RELATIVE
from .agents import _VERBAL
from .entities import Tok

_VISIT_REACH = 4  # words between a visit word and its destination ("زيارة رسمية خاطفة إلى …")
_OTHER_REACH = 4  # words a happening's own place may follow it by ("هجوم كيميائي محتمل في دوما")
_VERB_REACH = 10  # words between a visit verb and its object: its subject's name and title, a day
_BLOCKERS = {"في", "من", "عن", "مع", "علي", "حول", "بشان", "ضد", "الي", "لدي", "بين", "خلال"}
_SPEECH_REACH = 12  # words after a verb of saying its venue may come in, before the quotation
_QUOTES = ('"', "«", "“", ":")
_VENUE, _DESTINATION, _LOCATIVE, _SEAT_ACTOR = 3, 2, 1, 0  # cue ranks
# a palace or base is finer than its city, a city finer than its country ("بقصر قرطاج" over "زيارة إلى تونس")
_FINENESS = {"country": 0, "facility": 2, "base": 2}
_CAPITAL_WORDS = {"العاصمه", "بالعاصمه"}
_VENUE_PREPS = {"في", "من", "داخل", "امام", "خلال", "هامش", "الي", "وفي"}  # before a venue told as where
_QUARTERS = {"شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "ضواحي", "محيط", "اطراف"}
_LOC_WORDS = {"في", "الى", "داخل", "مدينه", "بمدينه", "العاصمه", "بالعاصمه", "قاعده", "بقاعده", "مقر", "بمقر"}


@dataclass(frozen=True)
class PlaceCues:
    """The lexical cues of ``data/places_cues.json``, folded: venue → city name, gathering nouns,
    visit words, words allowed between a visit word and its destination, other happenings, words of
    speaking in public, words of a topic ("الأوضاع في سوريا"),
    seats an official receives in ("مكتبه", "مقر إقامته")."""

    venues: dict[str, str]
    gatherings: frozenset[str]
    visit: frozenset[str]
    skip: frozenset[str]
    other: frozenset[str]
    saying: frozenset[str]
    topic: frozenset[str]
    seats: frozenset[str]


@lru_cache(maxsize=1)
def place_cues() -> PlaceCues:
    """Load and fold the cue table once."""
    raw = json.loads(resources.files("marsad.data").joinpath("places_cues.json").read_text("utf-8"))
    fold = lambda ws: frozenset(fold_key(w) for w in ws)  # noqa: E731
    venues = {fold_key(k): v for k, v in raw["venues"].items() if not k.startswith("_")}
    return PlaceCues(venues, fold(raw["gatherings"]), fold(raw["visit"]), fold(raw["skip"]), fold(raw["other_happenings"]),
                     fold(raw["saying"]), fold(raw["topic"]), fold(raw["seats"]))


def geo(p: Any) -> dict[str, Any]:
    """A KB place as the events stage's place dict (``kind`` kept for ranking, dropped on output)."""
    return {"name": p.name_en, "name_ar": p.name_ar, "cc3": p.cc3, "latitude": p.lat, "longitude": p.lon,
            "geonameid": p.geonameid, "kind": p.kind}


def capital_of(kb: KB, place: dict[str, Any] | None) -> dict[str, Any] | None:
    """The capital of a country-level place, geocoded; None when the place is finer or unknown."""
    if not place or place.get("kind") != "country":
        return None
    c = kb.country(place.get("cc3") or "")
    cap = kb.place(c.capital_ar) if c is not None and getattr(c, "capital_ar", None) else None
    return geo(cap) if cap is not None else None


def _tok_of(toks: list[Tok], m: Mention) -> int | None:
    return next((i for i, t in enumerate(toks) if t.end > m.start), None)


def _glued_locative(tok: Tok, m: Mention) -> bool:
    # "بجدة", "بقصر الحكومة": the mention starts after a ب glued to its first word (a name that begins
    # with ب, بريطانيا, starts with its token); a glued ل is "to/for" ("دعم لسوريا") and counts only
    # after a visit word ("زيارة لطهران", see _after_visit)
    return tok.text[:max(0, m.start - tok.start)].endswith("ب")


def _bare(word: str) -> str:
    return word[1:] if word[:1] == "و" and len(word) > 3 else word


def clause_place(kb: KB, toks: list[Tok], ti: int, lo: int, hi: int, places: list[Mention],
                 loc_of: Callable[[Mention], dict[str, Any] | None]) -> dict[str, Any] | None:
    """The best-ranked place cue for the trigger at token ``ti`` within its clause ``[lo, hi]``.

    ``places`` are the sentence's place mentions (sorted or not); ``loc_of`` geocodes one into a place
    dict with ``kind`` (city, capital, facility, country …) or None. Returns a place dict or None."""
    cues = place_cues()
    words = [t.text for t in toks]
    found: list[tuple[int, int, int, dict[str, Any]]] = []  # (finer, rank, -distance, place)

    def add(rank: int, i: int, place: dict[str, Any] | None) -> None:
        if place is not None:
            found.append((_FINENESS.get(place.get("kind"), 1), rank, -abs(i - ti), place))

    # venues by their words, whether or not a mention was found for them
    for i in range(lo, hi + 1):
        for n in (2, 1):
            key = " ".join(w[1:] if k == 0 and w[:1] in "وبل" and w[1:3] == "ال" else w
                           for k, w in enumerate(words[i:i + n]))
            # "في البيت الأبيض", "بالكرملين": the venue where; "أعلن البيت الأبيض" speaks for its state and
            # places the event in its city only when nothing else in the clause does
            where = words[i][:1] == "ب" or i > 0 and words[i - 1] in _VENUE_PREPS
            if i + n - 1 <= hi and key in cues.venues:
                p = kb.place(cues.venues[key])
                add(_VENUE if where else _SEAT_ACTOR, i, geo(p) if p is not None else None)
    for i in range(lo, hi + 1):
        w = _bare(words[i])
        if w in _CAPITAL_WORDS and i + 1 <= hi:
            # "في العاصمة التركية": the capital of the nisba's state
            iso = kb.country_by_nisba(words[i + 1])
            add(_LOCATIVE, i + 1, capital_of(kb, {"cc3": iso, "kind": "country"}) if iso else None)
        elif w in cues.seats and i + 1 <= hi and words[i + 1][:1] == "ب" and len(words[i + 1]) > 3:
            # "في مكتبه بجدة", "في مقر إقامته بالرياض": a seat glued to its city, named or not by NER
            p = kb.place(words[i + 1][1:])
            add(_LOCATIVE, i + 1, geo(p) if p is not None and p.kind != "country" else None)
    for m in places:
        i = _tok_of(toks, m)
        if i is None or not lo <= i <= hi:
            continue
        back = words[max(lo, i - _OTHER_REACH):i]
        if any(_bare(w) in cues.other for w in back):
            continue  # "هجوم كيميائي في دوما": that attack's place
        if any(_bare(w) in cues.topic for w in back[-2:]):
            continue  # "وبحثا الأوضاع في سوريا": what was discussed, not where
        if fold_key(m.text) in cues.venues:
            continue  # "في السراي الحكومي": placed in its city by the venue scan above
        place = loc_of(m)
        if place is None:
            continue
        prev = words[i - 1] if i > 0 else ""
        if prev in _QUARTERS and i > 1:
            prev = words[i - 2]  # "في شمال قطاع غزة": the preposition before the quarter
        if prev in cues.gatherings and place.get("kind") != "country":
            add(_VENUE, i, place)  # "مؤتمر ميونيخ للأمن"
            continue
        if _after_visit(words, i, lo):
            add(_DESTINATION, i, place)
            continue
        if prev in _LOC_WORDS or _glued_locative(toks[i], m) or prev[:1] == "ب" and len(prev) > 3 \
                and place.get("kind") != "country":
            add(_LOCATIVE, i, place)  # "في مكتبه بجدة", "في قاعدة إستر الجوية"
    if not found:
        return None
    return max(found, key=lambda f: f[:3])[3]


def _after_visit(words: list[str], i: int, lo: int) -> bool:
    """Token ``i`` is the destination of a visit word before it: "زيارة رسمية إلى تونس", "في زيارة
    مفاجئة لطهران", or the object of a visit verb after its subject and time ("يزور فيه وزير الخارجية
    الفرنسي جان إيف لودريان الاثنين طهران"); a preposition other than the one right before the place
    ends the search ("زار موسكو مع وفد من …")."""
    cues = place_cues()
    for j in range(i - 1, max(lo, i - _VERB_REACH) - 1, -1):
        w = _bare(words[j])
        if w in cues.visit or words[j] in cues.visit:  # "وصوله" and "وصلت" begin with a root و, no conjunction
            return i - j <= _VISIT_REACH or not words[j].startswith(("زياره", "الزياره", "جوله"))
        if w in _BLOCKERS and not (j == i - 1 or w in cues.skip and all(_bare(x) in cues.skip for x in words[j:i])):
            return False
    return False


def is_visit(toks: list[Tok], lo: int, hi: int) -> bool:
    """The clause tells a visit (a visit word within it)."""
    cues = place_cues()
    return any(t.text in cues.visit for t in toks[lo:hi + 1])


_WORDS = frozenset(_VERBAL | {"AGREE"})  # events told in words (a pledge too), not done on the ground
_PURPOSE = frozenset({"بهدف", "بغيه", "سعيا", "لاجل"})  # folded: the aim of what is said or promised follows


def event_place(kb: KB, toks: list[Tok], ti: int, clause: tuple[int, int], places: list[Mention],
                loc_of: Callable[[Mention], dict[str, Any] | None], fallback: dict[str, Any] | None,
                category: str, mode: list[str], host: str | None = None,
                alone: bool = False) -> tuple[dict[str, Any] | None, bool]:
    """The place of a drafted event told at token ``ti`` of a sentence: the clause's best cue
    (:func:`clause_place`), else ``fallback`` (the sentence's or the article's place); a call has none.
    A meeting placed only in a country that the clause tells as a visit goes to that country's capital;
    a visit placed nowhere goes to the seat of government of its ``host`` state (ISO3), as a summons
    does ("استدعت الخارجية الروسية السفير الفرنسي" → Moscow). When the event is ``alone`` in its
    sentence, the whole sentence's cues count after its clause's. Returns the place and whether the
    sentence's own cues gave it."""
    if "phone" in mode:
        return None, False
    lo, hi = clause
    if category in _WORDS:
        # "حذر نتانياهو طهران من الاعتداءات التي تقوم بها إيران في سوريا": a relative clause on what the words
        # are about tells where that happens, not where they were said; "تعهدوا على التعاون من أجل التوصل إلى
        # وقف لإطلاق النار في سوريا": nor does the aim of a pledge
        hi = next((k - 1 for k in range(ti + 1, hi + 1) if toks[k].text in _RELATIVE
                   or toks[k].text in _PURPOSE or toks[k].text == "اجل" and toks[k - 1].text == "من"), hi)
    # a strike lands where "على" puts it, whatever else its clause names ("تزعزعت الوحدة التي أبدتها الدول الثلاث في
    # أنقرة إثر الضربات الغربية على دمشق" is Damascus)
    place = cued = (_struck(toks, ti, hi, places, loc_of) if category == "ASSAULT" else None) \
        or clause_place(kb, toks, ti, lo, hi, places, loc_of)
    if place is None and alone:
        # the only event of its sentence may be placed past a quotation that cut its clause:
        # 'قصفت إسرائيل "موقعا عسكريا" لحركة حماس في شمال قطاع غزة' (words up to what they are about only)
        place = cued = clause_place(kb, toks, ti, 0, hi if category in _WORDS else len(toks) - 1, places, loc_of)
    if place is None or place.get("kind") == "country" and fallback and fallback.get("kind") != "country" \
            and fallback.get("cc3") == place.get("cc3"):
        place = fallback  # "زيارة إلى تونس" and, earlier, "بقصر قرطاج": the finer place of the same country
    if category == "CONSULT" and place is None and host and "visit" in mode:
        place = capital_of(kb, {"cc3": host, "kind": "country"})
    if category == "CONSULT" and place is not None and place.get("kind") == "country" \
            and ("visit" in mode or is_visit(toks, lo, hi)):
        place = capital_of(kb, place) or place
    return place, cued is not None and place is cued


def _struck(toks: list[Tok], ti: int, hi: int, places: list[Mention],
            loc_of: Callable[[Mention], dict[str, Any] | None]) -> dict[str, Any] | None:
    """Where a strike lands, a city named right after "على" in its clause: "الضربات الغربية على دمشق" → Damascus
    (a country there is its target, not a place finer than the article's)."""
    for k in range(ti + 1, min(hi, len(toks) - 1) + 1):
        if toks[k].text != "علي" or k + 1 >= len(toks):
            continue
        at = next((m for m in places if m.start == toks[k + 1].start), None)
        got = loc_of(at) if at is not None else None
        if got is not None and got.get("kind") != "country":
            return got
    return None


def speech_place(kb: KB, raw: str, toks: list[Tok], places: list[Mention],
                 loc_of: Callable[[Mention], dict[str, Any] | None]) -> dict[str, Any] | None:
    """Where the sentence's speaker spoke, when it says so before any quotation: "وقال ترامب، في البيت
    الأبيض، إن …" → Washington, "وكان نتانياهو يتحدث خلال استعراض لضباط جدد بالبحرية في حيفا" → Haifa.
    ``raw`` is the document text the tokens' offsets point into. Only a city or finer place counts."""
    cues = place_cues()
    k = next((i for i, t in enumerate(toks) if _bare(t.text) in cues.saying), None)
    if k is None:
        return None
    hi = k
    while hi + 1 < len(toks) and hi - k < _SPEECH_REACH and not any(q in raw[toks[hi].end:toks[hi + 1].start] for q in _QUOTES):
        hi += 1
    p = clause_place(kb, toks, k, max(0, k - _SPEECH_REACH // 2), hi, places, loc_of)
    return p if p is not None and p.get("kind") != "country" else None


_SPEECH_SENTENCES = 3  # a speech's venue told up to this many sentences from what was said in it


def place_speeches(drafts: list[Any], speeches: list[tuple[int, int, set[str], dict[str, Any]]],
                   verbal: set[str]) -> None:
    """Give each verbal event (accusation, threat, demand, rejection) its clause did not place the
    venue where its speaker spoke, told in a nearby sentence of the same article: "حذر نتانياهو طهران
    الأحد …" then "وقال نتانياهو في مؤتمر ميونيخ للأمن" → Munich. ``speeches`` are (article,
    sentence, speaker entity ids, venue) from :func:`speech_place`; drafts are changed in place."""
    for d in drafts:
        if d.category not in verbal or d.extra.get("place_cue"):
            continue
        speakers_of = {c.entity for c in d.source if c.entity}
        # the speaker's own venue first; else a venue of the other party speaking in the same exchange
        near = [(not (speakers_of & speakers), abs(si - d.sentence), venue) for ai, si, speakers, venue in speeches
                if ai == d.article and abs(si - d.sentence) <= _SPEECH_SENTENCES and d.persons() & speakers]
        if near:
            d.place = min(near, key=lambda n: n[:2])[2]


def place_at_seats(drafts: list[Any], seats: dict[str, dict[str, Any]], verbal: set[str]) -> None:
    """Give each verbal event its clause did not place the seat of its speaker's office, where his title
    names one: "خطيب جمعة طهران أحمد خاتمي" speaks in Tehran. ``seats`` maps person entity ids to
    places; run before :func:`place_speeches`, whose venues told nearby come first. In place."""
    for d in drafts:
        if d.category in verbal and not d.extra.get("place_cue"):
            seat = next((seats[c.entity] for c in d.source if c.entity in seats), None)
            if seat is not None:
                d.place = seat
