"""One event filter for every reader: ``marsad events``, ``marsad export``, ``marsad dyads``, the API
and the web UI all build an :class:`EventFilter` with :func:`parse_filter` and hand it to the store.

    f = parse_filter(country=["قطر", "RUS"], category="consult", since="2017-03",
                     until="2017", min_confidence="0.5")
    f.countries == ("QAT", "RUS"); f.category == "CONSULT"
    f.since == "2017-03-01"; f.until == "2017-12-31"

Countries are ISO 3166-1 alpha-3 codes, or state names in Arabic or English as the KB knows them
(clitics folded: «لقطر» is Qatar); every given country must be among an event's actors.
Errors are :class:`FilterError` naming the parameter, the value and, where a list is closed
(categories, sort orders), the allowed values.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any, Iterable

from pydantic import BaseModel, ConfigDict

CATEGORIES = ("CONSULT", "SUPPORT", "AGREE", "COOPERATE", "AID", "ACCUSE", "DEMAND", "REJECT", "THREATEN",
              "SANCTION", "ASSAULT", "MOBILIZE", "COERCE", "YIELD", "PROTEST")
#: actor codes that are no state but filter like one
OTHER_CODES = ("IGO", "NGO")
SORTS = ("date_desc", "date_asc", "confidence", "sources")
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
MAX_TEXT = 500
#: proclitics before a state's name: «لقطر», «وقطر», «بالسعودية», «للسعودية» (ل + السعودية)
_CLITICS = (("لل", "ال"), ("وال", "ال"), ("بال", "ال"), ("وب", ""), ("ول", ""), ("و", ""), ("ف", ""),
            ("ب", ""), ("ل", ""), ("ك", ""))


class FilterError(ValueError):
    """A filter value that cannot be used; the message names the parameter (and allowed values)."""

    def __init__(self, name: str, value: Any, why: str) -> None:
        self.name, self.value = name, value
        super().__init__(f"invalid parameter '{name}': {why} (got {value!r})")


class EventFilter(BaseModel):
    """A validated event filter (see the module docstring). Empty fields filter nothing."""

    model_config = ConfigDict(frozen=True)
    countries: tuple[str, ...] = ()
    category: str | None = None
    person: str | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float | None = None
    sort: str = "date_desc"

    def query(self) -> dict[str, Any]:
        """The filter as URL query parameters (for links that keep it, e.g. exports)."""
        q: dict[str, Any] = {}
        if self.countries:
            q["country"] = ",".join(self.countries)
        for k in ("category", "person", "since", "until"):
            if getattr(self, k):
                q[k] = getattr(self, k)
        if self.min_confidence is not None:
            q["min_confidence"] = self.min_confidence
        if self.sort != "date_desc":
            q["sort"] = self.sort
        return q


def _text(name: str, value: Any) -> str | None:
    if value is None:
        return None
    s = str(value)
    if "\x00" in s:
        raise FilterError(name, value, "must not contain NUL characters")
    if len(s) > MAX_TEXT:
        raise FilterError(name, s[:40] + "…", f"longer than {MAX_TEXT} characters")
    return s.strip() or None


def parse_day(name: str, value: Any, *, end: bool = False) -> str | None:
    """``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` -> ISO day (first day, or the last when ``end``);
    calendar-checked: ``2017-31-01`` and ``2017-02-30`` are errors, not text to compare."""
    s = _text(name, value)
    if s is None:
        return None
    m = _DATE_RE.fullmatch(s)
    if not m:
        raise FilterError(name, value, "expected a date YYYY-MM-DD (or YYYY-MM, YYYY)")
    year = int(m.group(1))
    try:
        month = int(m.group(2) or (12 if end else 1))
        if m.group(3):
            day = int(m.group(3))
        else:
            day = calendar.monthrange(year, month)[1] if end else 1
        return dt.date(year, month, day).isoformat()
    except (ValueError, calendar.IllegalMonthError) as exc:
        raise FilterError(name, value, f"not a calendar date ({exc})") from None


def _kb() -> Any:
    from marsad.kb import KB

    return KB.load()


def known_codes() -> frozenset[str]:
    """ISO alpha-3 codes of the KB's states plus the non-state actor codes."""
    return frozenset(c.iso3 for c in _kb().countries()) | frozenset(OTHER_CODES)


def resolve_country(value: str, name: str = "country") -> str:
    """A state's ISO alpha-3 code from a code or an Arabic/English name (KB); an organisation
    (``IGO:nato``, «حلف الناتو», NATO) as ``IGO:<org id>``; ``IGO``/``NGO`` for all. Raises FilterError."""
    s = value.strip()
    if re.fullmatch(r"(?i)IGO:[a-z0-9_\-]{1,40}", s):
        return "IGO:" + s[4:].lower()
    org = _kb().org(s) if not re.fullmatch(r"[A-Za-z]{3}", s) else None
    if org is not None and org.country == "IGO":
        return "IGO:" + org.id
    codes = known_codes()
    if re.fullmatch(r"[A-Za-z]{3}", s) and s.upper() in codes:
        return s.upper()
    c = _kb().country_by_name(s)
    for pre, repl in _CLITICS:
        if c is not None:
            break
        if s.startswith(pre) and len(s) > len(pre) + 2:
            c = _kb().country_by_name(repl + s[len(pre):])
    if c is None and re.fullmatch(r"[A-Za-z .'-]+", s):
        low = s.lower()
        c = next((x for x in _kb().countries() if x.name_en.lower() == low), None)
    if c is not None:
        return c.iso3
    raise FilterError(name, value, "unknown state: give an ISO 3166-1 alpha-3 code (QAT) or a state name "
                                   "in Arabic or English (قطر, Qatar)")


def parse_countries(values: Iterable[str] | str | None, name: str = "country") -> tuple[str, ...]:
    """Repeated and/or comma-separated (``,`` or ``،``) codes or names -> codes, order kept."""
    if isinstance(values, str):
        values = [values]
    out: list[str] = []
    for v in values or ():
        for part in re.split(r"[,،]", _text(name, v) or ""):
            if part.strip():
                code = resolve_country(part, name)
                if code not in out:
                    out.append(code)
    return tuple(out)


def parse_category(value: Any, name: str = "category") -> str | None:
    """A PLOVER category given by a user (any case) in upper case, None when empty; raises
    :class:`FilterError` naming ``name`` for anything else."""
    s = _text(name, value)
    if s is None:
        return None
    if s.upper() not in CATEGORIES:
        raise FilterError(name, value, "unknown PLOVER category; one of " + ", ".join(CATEGORIES))
    return s.upper()


def parse_filter(country: Iterable[str] | str | None = None, category: Any = None, person: Any = None,
                 since: Any = None, until: Any = None, min_confidence: Any = None,
                 sort: Any = None) -> EventFilter:
    """Validate raw values (strings from a CLI or a URL) into an :class:`EventFilter`."""
    conf = None
    c = _text("min_confidence", min_confidence) if min_confidence is not None else None
    if c is not None:
        try:
            conf = float(c)
        except ValueError:
            raise FilterError("min_confidence", min_confidence, "expected a number between 0 and 1") from None
        if not 0.0 <= conf <= 1.0:
            raise FilterError("min_confidence", min_confidence, "expected a number between 0 and 1")
    srt = _text("sort", sort) or "date_desc"
    if srt not in SORTS:
        raise FilterError("sort", sort, "one of " + ", ".join(SORTS))
    f = EventFilter(countries=parse_countries(country), category=parse_category(category),
                    person=_text("person", person), since=parse_day("since", since),
                    until=parse_day("until", until, end=True), min_confidence=conf, sort=srt)
    if f.since and f.until and f.since > f.until:
        raise FilterError("until", until, f"is before since={since}")
    return f


def as_filter(filter: EventFilter | None = None, **kw: Any) -> EventFilter:
    """``filter`` itself, or one built from already-clean keyword values (``countries``,
    ``category``, ``person``, ``since``, ``until``, ``min_confidence``, ``sort``)."""
    if filter is not None:
        return filter
    kw = {k: v for k, v in kw.items() if v is not None}
    if "countries" in kw:
        kw["countries"] = tuple(str(c).upper() for c in kw["countries"] or ())
    if kw.get("category"):
        kw["category"] = str(kw["category"]).upper()
    return EventFilter(**kw)


ORDER_BY = {
    "date_desc": "(date_lo IS NULL), date_lo DESC, id",
    "date_asc": "(date_lo IS NULL), date_lo ASC, id",
    "confidence": "confidence DESC, id",
    "sources": "n_sources DESC, (date_lo IS NULL), date_lo DESC, id",
}

__all__ = ["EventFilter", "FilterError", "parse_filter", "parse_countries", "parse_day", "parse_category",
           "resolve_country", "as_filter", "CATEGORIES", "SORTS", "ORDER_BY"]
