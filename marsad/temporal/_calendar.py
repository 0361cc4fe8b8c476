"""Calendar arithmetic for :mod:`marsad.temporal`: month shifts, safe dates, Hijri conversion (Umm al-Qura
via ``hijridate``) and week starts."""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from ._lexicon import _lex


def _mend(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def _add_months(d: date, k: int) -> date:
    y, m = _shift_month(d.year, d.month, k)
    return date(y, m, min(d.day, _mend(y, m)))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except (ValueError, OverflowError):
        return None


def _hijri_to_greg(hy: int, hm: int, hd: int) -> date | None:
    lx = _lex()
    if not (lx.hyear_lo <= hy <= lx.hyear_hi):
        return None
    try:
        from hijridate import Hijri
        g = Hijri(hy, hm, hd).to_gregorian()
        return date(g.year, g.month, g.day)
    except (ValueError, OverflowError, ImportError):
        return None


def _hijri_month_range(hy: int, hm: int) -> tuple[date, date] | None:
    lx = _lex()
    if not (lx.hyear_lo <= hy <= lx.hyear_hi):
        return None
    try:
        from hijridate import Hijri
        h = Hijri(hy, hm, 1)
        g = h.to_gregorian()
        s = date(g.year, g.month, g.day)
        return s, s + timedelta(days=h.month_length() - 1)
    except (ValueError, OverflowError, ImportError):
        return None


def _hijri_year_of(d: date) -> int | None:
    try:
        from hijridate import Gregorian
        return Gregorian(d.year, d.month, d.day).to_hijri().year
    except (ValueError, OverflowError, ImportError):
        return None


Range = tuple[date, date]


def _week_start(d: date) -> date:
    return d - timedelta(days=(d.weekday() - _lex().week_start) % 7)
