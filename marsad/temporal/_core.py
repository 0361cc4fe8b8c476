"""Matching and resolution of Arabic temporal expressions (see :mod:`marsad.temporal`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Callable

from marsad.textnorm import Normalised

from ._calendar import (Range, _add_months, _hijri_month_range, _hijri_to_greg, _hijri_year_of, _mend,
                        _safe_date, _shift_month, _week_start)
from ._lexicon import _DROPS, _Fold, _Lex, _key, _lex


@dataclass(frozen=True)
class TimeExpr:
    """A temporal expression: raw span, surface text and its resolution (None when unresolvable)."""

    start: int
    end: int
    text: str
    date: date | None
    enddate: date | None
    precision: str  # "day" | "week" | "month" | "year"
    tense: str | None  # "past" | "future" | "present" | None
    kind: str  # "absolute" | "relative" | "weekday" | "span" | "hijri" | "dateline" | "duration"
    # Where the resolved range lies against publication: "past" (ends before it), "future" (starts
    # after it), "present" (contains it), None when unresolved. Events read it for context
    # historical/future; "since" marks a span running up to publication ("منذ الاثنين").
    direction: str | None = None


def _choose(fn: Callable[[int], Range | None], y0: int, c: "_Ctx", s: int, tense: str | None) -> Range | None:
    """Pick the year for a yearless date/month: ``fn(year)`` gives its range (None if invalid).

    An explicit modifier decides ("نوفمبر الماضي" before publication, "6 مارس المقبل" after it,
    "31 جانفي الجاري" in the year of publication); then the clause ("من المقرر أن يزور … في مارس"
    after it, "وكان قد وصل في 3 مارس" before it); else the nearest occurrence, a later one counting
    ``future_distance_factor`` times its distance (news mostly report the past, but "في شهر مارس"
    written in February is the coming March).
    """
    pub, lx = c.pub, c.lx
    cands = []
    for y in range(y0 - 2, y0 + 3):
        try:
            r = fn(y)
        except (ValueError, OverflowError):
            r = None
        if r is not None:
            cands.append((y, r))
    if not cands:
        return None
    if tense in ("present", "current"):
        ok = [r for y, r in cands if y == y0]
        if ok:
            return ok[0]
        tense = None
    rs = [r for _y, r in cands]
    if tense == "past":
        ok = [r for r in rs if r[1] < pub]
        return ok[-1] if ok else None
    if tense == "future":
        ok = [r for r in rs if r[0] > pub]
        return ok[0] if ok else None
    if c.future_clause(s):
        ok = [r for r in rs if r[1] >= pub]
        return ok[0] if ok else None
    if c.past_clause(s):
        ok = [r for r in rs if r[0] <= pub]
        return ok[-1] if ok else None

    def cost(r: Range) -> float:
        if r[0] > pub:
            return (r[0] - pub).days * lx.future_factor
        return max(0, (pub - r[1]).days)
    return min(rs, key=cost)


# --------------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")
_PROCLITIC = "وفبل"


class _Ctx:
    __slots__ = ("t", "pub", "lx")

    def __init__(self, t: str, pub: date | None, lx: _Lex):
        self.t, self.pub, self.lx = t, pub, lx

    def prev_word(self, s: int) -> str:
        j = s
        t = self.t
        while j > 0 and t[j - 1].isspace():
            j -= 1
        i = j
        while i > 0 and (t[i - 1].isalnum() or t[i - 1] == "_"):
            i -= 1
        w = t[i:j]
        return w

    def next_word(self, e: int) -> str:
        m = _WORD.match(self.t, e + len(self.t[e:e + 8]) - len(self.t[e:e + 8].lstrip()))
        return m.group() if m else ""

    def _clause_before(self, s: int) -> str:
        w = self.t[max(0, s - 70):s]
        for sep in ".!?\n;":
            k = w.rfind(sep)
            if k >= 0:
                w = w[k + 1:]
        return w

    def future_clause(self, s: int) -> bool:
        return bool(self.lx.re_future.search(self._clause_before(s)))

    def past_clause(self, s: int) -> bool:
        """"وكان الوزير قد زار … في 3 مارس": a pluperfect marker puts a yearless date before publication."""
        return bool(self.lx.re_past.search(self._clause_before(s)))


# Candidate: (start, end, priority, dict of resolution fields)
def _cand(s, e, d, ed, prec, tense, kind, prio=0, **extra):
    return (s, e, prio, dict(date=d, enddate=ed, precision=prec, tense=tense, kind=kind, **extra))


def _m_relday(m: re.Match, c: _Ctx):
    lx = c.lx
    rel = _key(m.group("rel"))
    off = lx.reldays[rel]
    s, e = m.start(), m.end()
    if not m.group("wd") and not m.group("part"):
        nw = c.next_word(e)
        if nw in lx.rel_block_after or (nw in lx.mods and off == 0):
            return None
        if rel == "غدا" and nw.startswith("ال") and len(nw) > 3 and nw not in lx.weekdays:
            return None
    pw = c.prev_word(s)
    if pw in lx.rel_block_before:
        return None
    tense = "past" if off < 0 else "future" if off > 0 else "present"
    d = c.pub + timedelta(days=off) if c.pub else None
    return _cand(s, e, d, d, "day", tense, "relative", prio=2)


def _weekday_date(pub: date, wd: int, tense: str | None, fut: bool) -> date:
    if tense == "past":
        return pub - timedelta(days=((pub.weekday() - wd) % 7) or 7)
    if tense == "future":
        return pub + timedelta(days=((wd - pub.weekday()) % 7) or 7)
    if fut:
        return pub + timedelta(days=(wd - pub.weekday()) % 7)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)


def _m_weekday(m: re.Match, c: _Ctx):
    lx = c.lx
    s, e = m.start(), m.end()
    wd = lx.weekdays[m.group("wd")]
    if c.next_word(e if not m.group("mod") else m.end("wd")) == "عشر":  # الأحد عشر = eleven
        return None
    if c.prev_word(s) == "كل":  # recurring
        return None
    mod = m.group("mod")
    tense = lx.mods.get(_key(mod)) if mod else None
    if tense == "current":
        tense = None
    d = _weekday_date(c.pub, wd, tense, c.future_clause(s)) if c.pub else None
    return _cand(s, e, d, d, "day", tense, "weekday", prio=1)


def _period_range(pub: date, unit: str, k: int) -> Range:
    if unit == "week":
        ws = _week_start(pub) + timedelta(days=7 * k)
        return ws, ws + timedelta(days=6)
    if unit == "month":
        y, mo = _shift_month(pub.year, pub.month, k)
        return date(y, mo, 1), date(y, mo, _mend(y, mo))
    y = pub.year + k
    return date(y, 1, 1), date(y, 12, 31)


def _apply_part(r: Range, unit: str, part: str) -> tuple[Range, str]:
    lx = _lex()
    a, b = r
    if unit == "month":
        lo, hi = lx.month_part_days[part]
        return (date(a.year, a.month, lo), date(a.year, a.month, min(hi, b.day))), "week"
    if unit == "year":
        lo, hi = lx.year_part_months[part]
        return (date(a.year, lo, 1), date(a.year, hi, _mend(a.year, hi))), "month"
    # week (from Saturday): "مطلع الأسبوع" is its first working days, Sunday to Tuesday (the Gulf and
    # Egypt start on Sunday, the Maghreb and the Levant on Monday)
    lo, hi = {"early": (1, 3), "mid": (3, 4), "late": (4, 6)}[part]
    return (a + timedelta(days=lo), a + timedelta(days=hi)), "week"


def _m_relper(m: re.Match, c: _Ctx):
    lx = c.lx
    mod, this, part = m.group("mod"), m.group("this"), m.group("part")
    if not (mod or this or part):
        return None
    s, e = m.start(), m.end()
    if not mod and c.t[e:e + 6].lstrip()[:1].isdigit():
        return None  # "العام 2023" is a year expression
    unit = lx.period_nouns[m.group("per")]
    tense = lx.mods.get(_key(mod)) if mod else "present"
    k = {"past": -1, "future": 1}.get(tense, 0)
    if tense == "current":
        tense = "present"
    prec = unit
    d = ed = None
    if c.pub:
        r = _period_range(c.pub, unit, k)
        if part:
            r, prec = _apply_part(r, unit, lx.parts[_key(part)])
        d, ed = r
    elif part:
        prec = {"month": "week", "year": "month"}.get(unit, "week")
    return _cand(s, e, d, ed, prec, tense, "relative", prio=1)


def _m_plural(m: re.Match, c: _Ctx):
    lx = c.lx
    tense = lx.plural_mods[_key(m.group("pm"))]
    if m.group("pp"):
        unit, n = lx.plural[_key(m.group("pp"))]
    else:
        unit = lx.unitform[_key(m.group("u"))][0]
        n = int(m.group("n"))
    if unit == "hour":
        unit, n = "day", max(1, -(-n // 24))
    prec = {"day": "day" if n <= 3 else "week", "month": "month", "year": "year"}[unit]
    d = ed = None
    if c.pub:
        if unit == "day":
            other = c.pub + timedelta(days=-n if tense == "past" else n)
        elif unit == "month":
            other = _add_months(c.pub, -n if tense == "past" else n)
        else:
            other = date(c.pub.year - n if tense == "past" else c.pub.year + n, 1 if tense == "past" else 12,
                         1 if tense == "past" else 31)
        d, ed = (other, c.pub) if tense == "past" else (c.pub, other)
    return _cand(m.start(), m.end(), d, ed, prec, tense, "span", prio=1)


_OTHER_ANCHOR = re.compile(r"\s+من\s+(\S+)")  # "قبل يوم من القمة": the count starts at another event
_NOW_WORDS = frozenset({"الان", "اليوم", "الحين"})  # "قبل يومين من الآن" counts from now


def _m_ago(m: re.Match, c: _Ctx):
    lx = c.lx
    s, e = m.start(), m.end()
    unit, form = lx.unitform[_key(m.group("u"))]
    ntok = m.group("n")
    if ntok:
        n = int(ntok) if ntok.isdigit() else lx.numwords.get(_key(ntok))
        if form == "dual":
            return None
    else:
        n = {"singular": 1, "dual": 2}.get(form)
    if form == "singular" and not ntok:
        # "بعد عام 2011"، "قبل شهر رمضان": the unit word starts another expression
        rest = c.t[m.end("u"):m.end("u") + 12].lstrip()
        nw = c.next_word(m.end("u"))
        if rest[:1].isdigit() or nw in lx.months or nw in lx.hmonths or _key(nw) in lx.hmonths:
            return None
    ago = lx.ago[m.group("ago")]
    other = _OTHER_ANCHOR.match(c.t, m.end("u"))
    if other and ago != "since" and _key(other.group(1)) not in _NOW_WORDS:
        # "قبل يوم من القمة"، "بعد أسبوع من وصوله": counted from another event, whose day this text
        # does not give; nothing is dated from publication
        return _cand(s, other.end(), None, None, "day", "past" if ago == "past" else "future", "relative", prio=1)
    approx = _key(m.group("approx") or "")
    if ago == "since" and (approx in lx.lower_bounds or (n is None and unit in ("month", "year"))):
        # "منذ أكثر من عشر سنوات"، "منذ سنوات": how long a state has lasted, not when anything happened
        return _cand(s, m.end("u"), None, None, "year" if unit == "year" else "month", "past", "duration", prio=1)
    anchor = m.group("anchor")
    tense = "future" if ago == "future" and not anchor else "past"
    if not anchor:
        e = m.end("u")
    sign = -1 if tense == "past" else 1
    approx = bool(m.group("approx"))
    d = ed = None
    if n is None:  # vague plural: قبل أيام
        far, near = lx.vague[unit]
        if c.pub:
            a, b = c.pub + timedelta(days=sign * far), c.pub + timedelta(days=sign * near)
            d, ed = min(a, b), max(a, b)
        prec = {"day": "week", "week": "week", "month": "month", "year": "year", "hour": "day"}[unit]
        return _cand(s, e, d, ed, prec, tense, "span", prio=1)
    if unit == "hour":
        if c.pub:
            d = ed = c.pub - timedelta(days=n // 24) if tense == "past" else c.pub + timedelta(days=n // 24)
        return _cand(s, e, d, ed, "day", tense, "relative", prio=1)
    if unit == "day":
        w = 1 if approx else 0
        prec = "day"
        if c.pub:
            ctr = c.pub + timedelta(days=sign * n)
            d, ed = ctr - timedelta(days=w), ctr + timedelta(days=w)
    elif unit == "week":
        w = 7 if approx else 3
        prec = "week"
        if c.pub:
            ctr = c.pub + timedelta(days=sign * 7 * n)
            d, ed = ctr - timedelta(days=w), ctr + timedelta(days=w)
    elif unit == "month":
        w = 30 if approx else 15
        prec = "month"
        if c.pub:
            ctr = _add_months(c.pub, sign * n)
            d, ed = ctr - timedelta(days=w), ctr + timedelta(days=w)
    else:
        prec = "year"
        if c.pub:
            y = c.pub.year + sign * n
            d, ed = date(y, 1, 1), date(y, 12, 31)
    return _cand(s, e, d, ed, prec, tense, "relative", prio=1)


def _m_earlier(m: re.Match, c: _Ctx):
    lx = c.lx
    tense = lx.earlier[_key(m.group("ph"))]
    per = m.group("per")
    mod = m.group("mod")
    k = 0
    if mod:
        k = {"past": -1, "future": 1}.get(lx.mods.get(_key(mod), ""), 0)
    d = ed = None
    if per == "اليوم":
        prec = "day"
        if c.pub:
            d = ed = c.pub
    else:
        unit = lx.period_nouns[per]
        prec = unit
        if c.pub:
            a, b = _period_range(c.pub, unit, k)
            if k == 0:
                if tense == "past":
                    a, b = a, max(a, c.pub - timedelta(days=1))
                else:
                    a, b = min(b, c.pub + timedelta(days=1)), b
            else:
                half = a + (b - a) / 2
                a, b = (a, half) if tense == "past" else (half, b)
            d, ed = a, b
    return _cand(m.start(), m.end(), d, ed, prec, tense, "span", prio=1)


def _day_value(tok: str, lx: _Lex) -> tuple[int | None, bool]:
    tok = _key(tok)
    if tok in lx.ordinals:
        return lx.ordinals[tok], True
    digits = tok[2:].strip() if tok.startswith("ال") else tok
    return (int(digits) if digits.isdigit() else None), False


def _month_of(m: re.Match, lx: _Lex) -> tuple[int, int]:
    """Month number and the end offset of the month group (a mismatched second name is dropped)."""
    m1 = lx.months[_key(m.group("m1"))]
    if m.group("m2"):
        m2 = lx.months[_key(m.group("m2"))]
        if m2 != m1:
            return m1, -1
    return m1, 0


def _year_of(m: re.Match, lx: _Lex, hijri: bool) -> int | None:
    y = m.group("y")
    if not y:
        return None
    y = int(y)
    era = _key(m.group("era") or "")
    if hijri or era in lx.hijri_era and era:
        return y if lx.hyear_lo - 200 <= y <= lx.hyear_hi + 200 else None
    return y if lx.year_lo <= y <= lx.year_hi else None


def _m_abs(m: re.Match, c: _Ctx):
    lx = c.lx
    d1, is_ord1 = _day_value(m.group("d1"), lx)
    d2 = is_ord2 = None
    if m.group("d2"):
        d2, is_ord2 = _day_value(m.group("d2"), lx)
    if (is_ord1 or is_ord2) and not m.group("min"):
        return None
    if not d1 or d1 > 31 or (d2 is not None and (not d2 or d2 > 31 or d2 < d1)):
        return None
    s, e = m.start(), m.end()
    if m.group("pre") and d2 is None:
        s = m.start("d1") if not (m.group("wd") or m.group("yom")) else s
        if m.group("wd") or m.group("yom"):
            return None
    hijri = m.group("hm") is not None
    if hijri:
        hm = lx.hmonths[_key(m.group("hm"))]
        if _key(m.group("hm")) in lx.hneed and not (m.group("y") or m.group("min") or is_ord1):
            return None
    else:
        mo, bad = _month_of(m, lx)
        if bad:
            return None
    y = _year_of(m, lx, hijri)
    if m.group("y") and y is None:  # a 4-digit number that is not a year: stop before it
        e = m.end("hm") if hijri else m.end("m2") if m.group("m2") else m.end("m1")
        while e < len(c.t) and c.t[e] == ")":
            e += 1
    mod = m.group("mod")
    tense = lx.mods.get(_key(mod)) if mod else None
    if tense == "current":
        tense = "present"
    last = d2 if d2 is not None else d1
    kind = "span" if d2 is not None else ("hijri" if hijri else "absolute")
    rng: Range | None = None
    if hijri:
        def fn(hy: int) -> Range | None:
            a = _hijri_to_greg(hy, hm, d1)
            b = _hijri_to_greg(hy, hm, last)
            return (a, b) if a and b else None
        if y is not None:
            rng = fn(y)
        elif c.pub:
            hy0 = _hijri_year_of(c.pub)
            if hy0:
                rng = _choose(fn, hy0, c, s, tense)
    else:
        def fn(yy: int) -> Range | None:
            a, b = _safe_date(yy, mo, d1), _safe_date(yy, mo, last)
            return (a, b) if a and b else None
        if y is not None:
            rng = fn(y)
        elif c.pub:
            rng = _choose(fn, c.pub.year, c, s, tense)
    d, ed = rng if rng else (None, None)
    return _cand(s, e, d, ed, "day", tense, kind, prio=3, has_year=y is not None,
                 month=None if hijri else mo, day=d1, dayend=last)


def _needs_context(m: re.Match, c: _Ctx, lx: _Lex, trig: set[str]) -> bool:
    """True when a month name stands alone without a year, modifier or triggering preposition."""
    if m.group("y") or m.group("mod") or m.group("part") or m.group("shahr"):
        return False
    pw = c.prev_word(m.start())
    if pw in trig or (len(pw) > 1 and pw[0] in _PROCLITIC and pw[1:] in trig):
        return False
    return True


def _m_month(m: re.Match, c: _Ctx):
    lx = c.lx
    mo, bad = _month_of(m, lx)
    if bad:
        return None
    if _key(m.group("m1")) in lx.months_need_day and not m.group("y"):
        return None  # "ك2" alone is no month; "15 ك2" is (see _m_abs)
    if _needs_context(m, c, lx, lx.month_triggers):
        return None
    y = _year_of(m, lx, False)
    s, e = m.start(), m.end()
    if m.group("y") and y is None:
        return None
    mod, part = m.group("mod"), m.group("part")
    tense = lx.mods.get(_key(mod)) if mod else None
    if tense == "current":
        tense = "present"
    prec = "month"

    def fn(yy: int) -> Range:
        return date(yy, mo, 1), date(yy, mo, _mend(yy, mo))

    if y is not None:
        rng = fn(y)
    elif c.pub:
        rng = _choose(fn, c.pub.year, c, s, tense)
    else:
        rng = None
    if part:
        prec = "week"
        if rng:
            rng, prec = _apply_part(rng, "month", lx.parts[_key(part)])
    d, ed = rng if rng else (None, None)
    return _cand(s, e, d, ed, prec, tense, "absolute", prio=2)


def _m_hmonth(m: re.Match, c: _Ctx):
    lx = c.lx
    if not (m.group("shahr") or m.group("y") or m.group("mod") or m.group("ep")):
        return None
    hm = lx.hmonths[_key(m.group("hm"))]
    y = _year_of(m, lx, True)
    s, e = m.start(), m.end()
    if m.group("y") and y is None:
        return None
    mod = m.group("mod")
    tense = lx.mods.get(_key(mod)) if mod else None
    if tense == "current":
        tense = "present"
    rng = None
    if y is not None:
        rng = _hijri_month_range(y, hm)
    elif c.pub:
        hy0 = _hijri_year_of(c.pub)
        if hy0 and tense in (None, "present"):
            # "شهر رمضان": the one that starts in the Gregorian year of publication (the latest that
            # has started by then, else the first).
            rs = [r for r in (_hijri_month_range(hy, hm) for hy in (hy0 - 1, hy0, hy0 + 1))
                  if r and r[0].year == c.pub.year]
            if rs:
                started = [r for r in rs if r[0] <= c.pub]
                rng = started[-1] if started else rs[0]
        if hy0 and rng is None:
            rng = _choose(lambda hy: _hijri_month_range(hy, hm), hy0, c, s, tense)
    d, ed = rng if rng else (None, None)
    return _cand(s, e, d, ed, "month", tense, "hijri", prio=2)


def _mod_tense(m: re.Match, lx: _Lex) -> str | None:
    """The tense a date's modifier gives ("الماضي" past, "المقبل" future, "الجاري" present), else None."""
    mod = m.group("mod")
    tense = lx.mods.get(_key(mod)) if mod else None
    return "present" if tense == "current" else tense


def _m_holiday(m: re.Match, c: _Ctx):
    lx = c.lx
    hm, hd = lx.holidays[_key(m.group("hol"))]
    y = _year_of(m, lx, True)
    tense = _mod_tense(m, lx)
    rng = None

    def fn(hy: int) -> Range | None:
        a = _hijri_to_greg(hy, hm, hd)
        return (a, a) if a else None

    if y is not None:
        rng = fn(y)
    elif c.pub:
        hy0 = _hijri_year_of(c.pub)
        if hy0:
            rng = _choose(fn, hy0, c, m.start(), tense)
    d, ed = rng if rng else (None, None)
    return _cand(m.start(), m.end(), d, ed, "day", tense, "hijri", prio=2)


def _m_occasion(m: re.Match, c: _Ctx):
    """A recurring occasion on a fixed Gregorian day ("على هامش احتفالات يوم النصر" → 9 May), its year
    given, or chosen like a yearless month's ("يوم النصر الماضي", else the nearest occurrence)."""
    lx = c.lx
    mo, dd = lx.occasions[_key(m.group("occ"))]
    y = _year_of(m, lx, False)
    tense = _mod_tense(m, lx)

    def fn(yy: int) -> Range | None:
        a = _safe_date(yy, mo, dd)
        return (a, a) if a else None

    rng = fn(y) if y is not None else _choose(fn, c.pub.year, c, m.start(), tense) if c.pub else None
    d, ed = rng if rng else (None, None)
    return _cand(m.start(), m.end(), d, ed, "day", tense, "absolute", prio=2)


def _m_numeric(m: re.Match, c: _Ctx):
    lx = c.lx
    s = m.start("y") if m.start("y") < m.start("d") else m.start("d")
    if s > 0 and c.t[s - 1] in "/.-:" and not m.group("wd"):
        return None
    y, mo, d = int(m.group("y")), int(m.group("mo")), int(m.group("d"))
    if mo > 12 and d <= 12:
        mo, d = d, mo
    if not (lx.year_lo <= y <= lx.year_hi):
        return None
    dt = _safe_date(y, mo, d)
    if dt is None:
        return None
    return _cand(m.start(), m.end(), dt, dt, "day", None, "absolute", prio=3, has_year=True)


def _m_year(m: re.Match, c: _Ctx):
    lx = c.lx
    yw, part = m.group("yw"), m.group("part")
    era = _key(m.group("era") or "")
    s, e = m.start(), m.end()
    if not (yw or part or era):
        pw = c.prev_word(s)
        if not (pw in lx.year_triggers or (len(pw) > 1 and pw[0] in _PROCLITIC and pw[1:] in lx.year_triggers)):
            return None
    y = int(m.group("y"))
    y2 = int(m.group("y2")) if m.group("y2") else None
    if y2 is not None and y2 <= y:
        y2, e = None, m.end("era") if m.group("era") else m.end("y")
    if era in lx.hijri_era and era:
        if y2 is not None:
            return None
        a = _hijri_month_range(y, 1)
        b = _hijri_month_range(y, 12)
        if era and not (a and b) and not (lx.hyear_lo <= y <= lx.hyear_hi):
            return _cand(s, e, None, None, "year", None, "hijri", prio=1)
        return _cand(s, e, a[0] if a else None, b[1] if b else None, "year", None, "hijri", prio=1)
    if not (lx.year_lo <= y <= lx.year_hi) or (y2 is not None and not (lx.year_lo <= y2 <= lx.year_hi)):
        return None
    nxt = c.t[e:e + 2]
    if nxt[:1] in "/.-:" and nxt[1:2].isdigit():
        return None
    rng: Range = (date(y, 1, 1), date(y2 or y, 12, 31))
    prec = "year"
    if part and y2 is None:
        rng, prec = _apply_part(rng, "year", lx.parts[_key(part)])
    kind = "span" if y2 else "absolute"
    return _cand(s, e, rng[0], rng[1], prec, None, kind, prio=1)


_HANDLERS = {
    "relday": _m_relday, "weekday": _m_weekday, "relper": _m_relper, "plural": _m_plural, "ago": _m_ago,
    "earlier": _m_earlier, "abs": _m_abs, "month": _m_month, "hmonth": _m_hmonth, "holiday": _m_holiday,
    "year": _m_year, "occasion": _m_occasion,
}

_MERGE_GAP = re.compile(r"\s*(?:الي|حتي|لغايه|-|–|و)\s*$")
_MERGE_PRE = re.compile(r"(?:من|بين)\s+$")


def _merge_ranges(sel: list, c: _Ctx) -> list:
    """"من 28 فبراير إلى 3 مارس 2024": two day dates joined by a connector become one span."""
    out: list = []
    for cand in sel:
        if out:
            ps, pe, pp, pinfo = out[-1]
            s, e, p, info = cand
            if (pinfo["kind"] == "absolute" and info["kind"] == "absolute" and pinfo.get("month")
                    and info.get("month") and pinfo["precision"] == "day" == info["precision"]
                    and _MERGE_GAP.match(c.t[pe:s])):
                pre = _MERGE_PRE.search(c.t, max(0, ps - 6), ps)
                if pre:
                    d, ed = pinfo["date"], info["enddate"]
                    if not pinfo.get("has_year") and ed is not None:
                        yy = ed.year - (1 if pinfo["month"] > info["month"] else 0)
                        d = _safe_date(yy, pinfo["month"], pinfo["day"])
                    if d is not None and ed is not None and d <= ed:
                        ninfo = dict(info, date=d, kind="span", tense=info["tense"] or pinfo["tense"])
                        out[-1] = (pre.start(), e, p, ninfo)
                        continue
        out.append(cand)
    return out


_SINCE_PRE = re.compile(r"(?<!\w)[وف]?منذ\s+$")


def _since_spans(sel: list, c: _Ctx) -> list:
    """"منذ الاثنين"، "منذ مطلع الشهر": a dated point after منذ opens a span that runs to publication."""
    if c.pub is None:
        return sel
    out = []
    for cand in sel:
        s, e, p, info = cand
        d = info["date"]
        pre = _SINCE_PRE.search(c.t, max(0, s - 8), s) if info["kind"] not in ("duration", "span") else None
        if pre and d is not None and d <= c.pub:
            s = pre.start() + (c.t[pre.start()] in "وف")
            if info["precision"] in ("month", "year"):
                # "منذ العام 2011": how long something has lasted, not when an event happened
                cand = (s, e, p, dict(info, date=None, enddate=None, kind="duration", tense="past"))
            else:
                cand = (s, e, p, dict(info, enddate=c.pub, kind="span", tense="past", since=True))
        out.append(cand)
    return out


def _direction(info: dict, pub: date | None) -> str | None:
    d, ed = info["date"], info["enddate"] or info["date"]
    if d is None or pub is None:
        return None
    if info.get("since"):
        return "since"
    return "past" if ed < pub else "future" if d > pub else "present"


# before the year of a numbered law, decree or resolution: "عدد 25 لسنة 2017", "القرار 2254 لعام 2015"
_CITATION = re.compile(r"(?:عدد|رقم|القرار|قرار|القانون|قانون|المرسوم|مرسوم)\s*\d+\s*ل?$")
_LASTING_REACH = 40  # characters between "تستمر يومين" and the day the event starts


def _lasting_spans(sel: list, c: _Ctx) -> list:
    """"في زيارة تستمر يومين تبدأ الثلاثاء": a day date told next to how many days its event lasts
    becomes a span of that many days (same sentence, within ``_LASTING_REACH`` characters)."""
    if not sel:
        return sel
    out = list(sel)
    for m in c.lx.re_lasting.finditer(c.t):
        n = 2 if m.group("dual") else int(m.group("n")) if m.group("n").isdigit() else c.lx.numwords.get(_key(m.group("n")))
        if not n or n > 31:
            continue
        for k, (s, e, p, info) in enumerate(out):
            gap = c.t[m.end():s] if s >= m.end() else c.t[e:m.start()]
            if info["precision"] != "day" or info["date"] is None or info["enddate"] != info["date"] \
                    or len(gap) > _LASTING_REACH or "." in gap:
                continue
            out[k] = (s, e, p, {**info, "enddate": info["date"] + timedelta(days=n - 1), "kind": "span"})
            break
    return out


def find_times(text: str, published: date | datetime | None = None, *,
               norm: Normalised | None = None) -> list[TimeExpr]:
    """Temporal expressions in ``text`` resolved against ``published`` (raw offsets, in text order).

    ``norm`` may pass an already computed ``textnorm.normalise(text)`` to skip folding.
    """
    if not text:
        return []
    if isinstance(published, datetime):
        published = published.date()
    lx = _lex()
    fx = _Fold(text, norm)
    t = fx.text
    c = _Ctx(t, published, lx)
    index, regexes, digit_fams = lx.index, lx.regexes, lx.digit_fams
    cands = []
    tried: set[tuple[int, str]] = set()
    num_rx = (lx.re_ymd, lx.re_dmy)
    for wm in lx.re_scan.finditer(t):
        w = wm.group("w")
        if w is not None:
            s = wm.start("w")
            fams = index[w]
        elif wm.group("a"):
            s = wm.start("a")
            fams = ("abs", "plural")
        else:
            s = wm.start("d")
            if s > 0 and t[s - 1].isdigit():
                continue
            fams = digit_fams
        for fam in fams:
            if (s, fam) in tried:
                continue
            tried.add((s, fam))
            if fam == "num":
                for rx in num_rx:
                    mm = rx.match(t, s)
                    if mm:
                        cd = _m_numeric(mm, c)
                        if cd:
                            cands.append(cd)
                continue
            mm = regexes[fam].match(t, s)
            if mm:
                cd = _HANDLERS[fam](mm, c)
                if cd:
                    cands.append(cd)
    if not cands:
        return []
    # Longest first, then priority; keep non-overlapping.
    cands.sort(key=lambda x: (-(x[1] - x[0]), -x[2], x[0]))
    occ = bytearray(len(t) + 1)
    sel = []
    for cd in cands:
        s, e = cd[0], cd[1]
        if 1 in occ[s:e]:
            continue
        occ[s:e] = b"\x01" * (e - s)
        sel.append(cd)
    sel.sort(key=lambda x: x[0])
    sel = _lasting_spans(_since_spans(_merge_ranges(sel, c), c), c)
    out = []
    for s, e, _p, info in sel:
        if info["precision"] == "year" and _CITATION.search(t, max(0, s - 20), s):
            continue  # "القانون عدد 25 لسنة 2017": a law's number, not a time
        kind = info["kind"]
        if kind == "absolute" and info["precision"] == "day" and info.get("has_year"):
            after = t[e:e + 3].lstrip()
            if lx.re_dateline.search(t, max(0, s - 30), s) or (
                    s <= 40 and "." not in t[:s]
                    and ((after and after[0] in "-–—:|(/\n") or (not after and len(t[:s].split()) <= 1))):
                kind = "dateline"
        if s > 0 and t[s - 1] == "(" and ")" in t[s:e] and "(" not in t[s:e]:
            s -= 1
        rs, re_ = fx.raw_span(s, e)
        while re_ < len(text) and text[re_] in _DROPS:
            re_ += 1
        out.append(TimeExpr(rs, re_, text[rs:re_], info["date"], info["enddate"], info["precision"],
                            info["tense"], kind, _direction(info, published)))
    return out
