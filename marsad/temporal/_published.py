"""Publication dates from metadata strings (see :mod:`marsad.temporal`)."""
from __future__ import annotations

import calendar
import email.utils
import re
from datetime import date, datetime
from typing import Any

from marsad.textnorm import fold

from ._calendar import _safe_date
from ._core import find_times
from ._lexicon import _lex


# --------------------------------------------------------------------------------------------------
# Publication dates (metadata)
# --------------------------------------------------------------------------------------------------

_ISO = re.compile(r"^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_,]|[+-]\d|Z)", re.I)
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:$|T)")
_DMY = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_EN_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_EN_DMY = re.compile(r"(?<![\w])(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})(?!\d)", re.I)
_EN_MDY = re.compile(r"(?<![\w])([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?!\d)", re.I)


def _en_month(s: str) -> int | None:
    s = s.lower()
    if s[:3] in _EN_MONTHS and (len(s) == 3 or calendar.month_name[_EN_MONTHS[s[:3]]].lower().startswith(s)
                                or s == "sept"):
        return _EN_MONTHS[s[:3]]
    return None


def _valid(y: int, m: int, d: int) -> date | None:
    lx = _lex()
    if not (lx.year_lo <= y <= lx.year_hi):
        return None
    return _safe_date(y, m, d)


def parse_published(value: Any) -> date | None:
    """A publication date from metadata: date/datetime, timestamps, ISO 8601, RFC 2822, d/m/Y, Arabic."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        v = float(value)
        if v > 1e11:
            v /= 1000.0
        try:
            from datetime import timezone
            return datetime.fromtimestamp(v, tz=timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            return None
    s = fold(str(value)).strip()
    if not s:
        return None
    m = _ISO.match(s)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _DMY.match(s)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if mo > 12 and d <= 12:
            d, mo = mo, d
        return _valid(y, mo, d)
    m = _COMPACT.match(s)
    if m:
        r = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if r:
            return r
    if re.search(r"[a-z]", s):
        try:
            tup = email.utils.parsedate_tz(str(value))
        except (TypeError, ValueError, IndexError):
            tup = None
        if tup and tup[0]:
            r = _valid(tup[0], tup[1], tup[2])
            if r:
                return r
        for rx, order in ((_EN_DMY, "dmy"), (_EN_MDY, "mdy")):
            for m in rx.finditer(s):
                if order == "dmy":
                    d, mo, y = m.group(1), _en_month(m.group(2)), m.group(3)
                else:
                    mo, d, y = _en_month(m.group(1)), m.group(2), m.group(3)
                if mo:
                    r = _valid(int(y), mo, int(d))
                    if r:
                        return r
    raw = str(value)
    for e in find_times(raw, None):
        if e.precision == "day" and e.date is not None and e.kind in ("absolute", "dateline", "hijri"):
            return e.date
    m = re.search(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)", s)
    if m:
        r = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if r:
            return r
    try:
        import dateparser  # optional fallback
        r = dateparser.parse(raw, languages=["ar", "en", "fr"],
                             settings={"DATE_ORDER": "DMY", "PREFER_DAY_OF_MONTH": "first",
                                       "RETURN_AS_TIMEZONE_AWARE": False, "STRICT_PARSING": True})
    except Exception:  # noqa: BLE001 - dateparser is an optional, best-effort fallback
        r = None
    if r is not None:
        return _valid(r.year, r.month, r.day)
    return None
