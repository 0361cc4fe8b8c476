"""Arabic date/time expression detection and resolution.

``find_times(text, published)`` finds temporal expressions in raw Arabic news text and resolves them
against the publication date: relative days (اليوم، أمس، أول أمس، غداً), weekdays (الأربعاء الماضي),
relative periods (الأسبوع الماضي، الشهر المقبل، مطلع الشهر), durations (قبل 3 أسابيع، منذ يومين،
بعد نحو 3 أسابيع على), plural periods (خلال اليومين الماضيين), explicit dates in the Gregorian
transliterated, Levantine/Iraqi, Maghrebi and Moroccan month systems (including combined forms such
as "15 تشرين الأول/أكتوبر"), ordinal days (الخامس من أكتوبر), day ranges, numeric dates, years and
Hijri dates (converted with ``hijridate``, Umm al-Qura).

All words live in ``marsad/data/temporal.json``; they are folded with :mod:`marsad.textnorm` and
compiled once. Matching runs on folded text; reported offsets are raw offsets. To stay fast, the text
is scanned word by word and the (anchored) family regexes are only tried at words that can start an
expression.

``precision`` is one of "day", "week", "month", "year": "week" marks windows of a few days to two
weeks whose exact day is unknown (الأسبوع الماضي، قبل 3 أسابيع، مطلع الشهر).
"""
from __future__ import annotations

from functools import lru_cache

from ._core import TimeExpr, find_times
from ._lexicon import _lex
from ._published import parse_published

__all__ = ["TimeExpr", "find_times", "parse_published", "weekday_names"]


@lru_cache(maxsize=1)
def weekday_names() -> frozenset[str]:
    """The folded weekday names of ``data/temporal.json`` ("الثلاثاء", "الجمعه", …)."""
    return frozenset(_lex().weekdays)
