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

import calendar
import email.utils
import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, Callable

from marsad.textnorm import Normalised, fold, normalise

__all__ = ["TimeExpr", "find_times", "parse_published"]

_DATA_PATH = Path(__file__).parent / "data" / "temporal.json"


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
    kind: str  # "absolute" | "relative" | "weekday" | "span" | "hijri" | "dateline"


# --------------------------------------------------------------------------------------------------
# Lexicon compilation (once per process)
# --------------------------------------------------------------------------------------------------

def _f(s: str) -> str:
    return " ".join(fold(s).split())


def _alt(words) -> str:
    ws = sorted({_f(w) for w in words if w}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ws) + ")"


def _key(s: str) -> str:
    return " ".join(s.split())


def _trie_re(words) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        alts = [re.escape(ch) + build(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        end = "" in node
        if len(alts) == 1 and not end:
            return alts[0]
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if end else body

    return build(trie)


class _Lex:
    def __init__(self, d: dict[str, Any]):
        self.months: dict[str, int] = {}
        for system in d["months"].values():
            for w, n in system.items():
                self.months[_f(w)] = n
        self.ambiguous_months = {_f(w) for w in d["ambiguous_months"]}
        self.hmonths = {_f(w): n for w, n in d["hijri_months"].items()}
        self.hneed = {_f(w) for w in d["hijri_months_need_context"]}
        self.hepithets = [_f(w) for w in d["hijri_month_epithets"]]
        self.holidays = {_f(w): tuple(v) for w, v in d["hijri_holidays"].items()}
        self.weekdays = {_f(w): n for w, n in d["weekdays"].items()}
        self.week_start = int(d["week_start_weekday"])
        self.ordinals = {_f(w): n for w, n in d["day_ordinals"].items()}
        self.numwords = {_f(w): n for w, n in d["number_words"].items()}
        self.unitform: dict[str, tuple[str, str]] = {}
        for unit, forms in d["duration_units"].items():
            for form, ws in forms.items():
                for w in ws:
                    self.unitform[_f(w)] = (unit, form)
        self.unit_days = d["unit_days"]
        self.vague = {k: v for k, v in d["vague_plural_windows"].items() if not k.startswith("_")}
        self.ago = {_f(w): t for w, t in d["ago_words"].items()}
        self.reldays = {_f(w): n for w, n in d["relative_days"].items()}
        self.rel_block_after = {_f(w) for w in d["relative_day_blockers_after"]}
        self.rel_block_before = {_f(w) for w in d["relative_day_blockers_before"]}
        self.period_nouns = {_f(w): u for w, u in d["period_nouns"].items()}
        self.mods: dict[str, str] = {}
        for tense, ws in d["modifiers"].items():
            for w in ws:
                self.mods[_f(w)] = tense
        self.this_words = [_f(w) for w in d["this_words"]]
        self.parts: dict[str, str] = {}
        for part, ws in d["period_parts"].items():
            for w in ws:
                self.parts[_f(w)] = part
        self.month_part_days = d["month_part_days"]
        self.year_part_months = d["year_part_months"]
        self.plural = {_f(w): tuple(v) for w, v in d["plural_periods"].items()}
        self.plural_mods: dict[str, str] = {}
        for tense, ws in d["plural_modifiers"].items():
            for w in ws:
                self.plural_mods[_f(w)] = tense
        self.earlier = {_f(w): t for w, t in d["earlier_phrases"].items()}
        self.year_words = [_f(w) for w in d["year_words"]]
        self.year_triggers = {_f(w) for w in d["year_triggers"]}
        self.month_triggers = {_f(w) for w in d["month_triggers"]}
        self.greg_era = {_f(w) for w in d["gregorian_era"]}
        self.hijri_era = {_f(w) for w in d["hijri_era"]}
        self.fwd_days = int(d["year_window_forward_days"])
        self.year_lo, self.year_hi = d["year_range"]
        self.hyear_lo, self.hyear_hi = d["hijri_year_range"]
        self.day_parts = [_f(w) for w in d["day_parts"]]

        S = r"\s+"
        WD = _alt(self.weekdays)
        MON = _alt(self.months)
        HMON = _alt(self.hmonths)
        MODS = _alt(self.mods)
        PARTS = _alt(self.parts)
        DPARTS = _alt(self.day_parts)
        ERA = _alt(self.greg_era | self.hijri_era)
        ORD = _alt(self.ordinals)
        DAYTOK = r"(?:(?:ال\s*)?\d{1,2}(?!\d)|" + ORD + r"(?!\w))"
        CONN = _alt(d["range_connectors"])
        YEAR = r"(?P<y>\d{4})(?!\d)(?:\s*(?P<era>" + ERA + r")(?!\w))?"
        MG = (r"(?:\(\s*)?(?P<m1>" + MON + r")(?!\w)(?:\s*\))?"
              r"(?:(?:\s*[/\\\-]\s*|\s*\(\s*|\s+)(?P<m2>" + MON + r")(?!\w)(?:\s*\))?)?")
        UNITS = _alt(self.unitform)
        NUMW = _alt(self.numwords)

        self.re_relday = re.compile(
            r"(?:(?P<part>" + DPARTS + r")" + S + r")?(?P<rel>" + _alt(self.reldays) + r")(?!\w)"
            r"(?:\s*,?\s*(?P<wd>" + WD + r")(?!\w))?")
        self.re_weekday = re.compile(
            r"(?:(?P<part>" + DPARTS + r")" + S + r")?(?P<wd>" + WD + r")(?!\w)"
            r"(?:" + S + r"(?P<mod>" + MODS + r")(?!\w))?")
        self.re_relper = re.compile(
            r"(?:(?P<part>" + PARTS + r")" + S + r")?(?:(?P<this>" + _alt(self.this_words) + r")" + S + r")?"
            r"(?P<per>" + _alt(self.period_nouns) + r")(?!\w)(?:" + S + r"(?P<mod>" + MODS + r")(?!\w))?")
        self.re_plural = re.compile(
            r"(?:(?P<pp>" + _alt(self.plural) + r")|ال\s*(?P<n>\d{1,3})\s*(?P<u>" + UNITS + r"))"
            r"(?!\w)" + S + r"(?P<pm>" + _alt(self.plural_mods) + r")(?!\w)")
        self.re_ago = re.compile(
            r"(?P<ago>" + _alt(self.ago) + r")" + S + r"(?:(?P<approx>" + _alt(d["approx_words"]) + r")\s*)?"
            r"(?:(?P<n>\d{1,3}|" + NUMW + r")(?!\w)\s*)?(?P<u>" + UNITS + r")(?!\w)"
            r"(?:" + S + r"(?P<anchor>" + _alt(d["ago_anchor_words"]) + r")(?!\w))?")
        self.re_earlier = re.compile(
            r"(?P<ph>" + _alt(self.earlier) + r")" + S + r"(?:(?P<this>" + _alt(self.this_words) + r")" + S + r")?"
            r"(?P<per>اليوم|" + _alt(self.period_nouns) + r")(?!\w)(?:" + S + r"(?P<mod>" + MODS + r")(?!\w))?")
        self.re_abs = re.compile(
            r"(?:(?P<wd>" + WD + r")(?!\w)\s*,?\s*)?(?:(?P<yom>يوم|يومي)" + S + r")?(?:(?P<pre>من|بين)" + S + r")?"
            r"(?P<d1>" + DAYTOK + r")(?:\s*(?P<conn>" + CONN + r")\s*(?P<d2>" + DAYTOK + r"))?"
            r"\s*(?:(?P<min>من)" + S + r"(?:شهر" + S + r")?)?"
            r"(?:" + MG + r"|(?P<hm>" + HMON + r")(?!\w))"
            r"(?:\s*,?\s*" + YEAR + r")?(?:" + S + r"(?P<mod>" + MODS + r")(?!\w))?")
        self.re_month = re.compile(
            r"(?:(?P<part>" + PARTS + r")" + S + r")?(?:(?P<shahr>شهر|شهري)" + S + r")?" + MG +
            r"(?:\s*,?\s*" + YEAR + r")?(?:" + S + r"(?P<mod>" + MODS + r")(?!\w))?")
        self.re_hmonth = re.compile(
            r"(?:(?P<shahr>شهر)" + S + r")?(?P<hm>" + HMON + r")(?!\w)"
            r"(?:" + S + r"(?P<ep>" + _alt(self.hepithets) + r")(?!\w))?"
            r"(?:\s*,?\s*" + YEAR + r")?(?:" + S + r"(?P<mod>" + MODS + r")(?!\w))?")
        self.re_holiday = re.compile(
            r"(?P<hol>" + _alt(self.holidays) + r")(?!\w)(?:" + S + r"(?P<ep>" + _alt(self.hepithets) + r")(?!\w))?"
            r"(?:\s*,?\s*" + YEAR + r")?(?:" + S + r"(?P<mod>" + MODS + r")(?!\w))?")
        self.re_ymd = re.compile(
            r"(?:(?P<wd>" + WD + r")(?!\w)\s*,?\s*)?(?P<y>\d{4})(?P<s>[/.\-])(?P<mo>\d{1,2})(?P=s)(?P<d>\d{1,2})"
            r"(?![\d:]|[/.\-]\d)")
        self.re_dmy = re.compile(
            r"(?:(?P<wd>" + WD + r")(?!\w)\s*,?\s*)?(?P<d>\d{1,2})(?P<s>[/.\-])(?P<mo>\d{1,2})(?P=s)(?P<y>\d{4})"
            r"(?![\d:]|[/.\-]\d)")
        self.re_year = re.compile(
            r"(?:(?P<part>" + PARTS + r")" + S + r")?(?:(?P<yw>" + _alt(self.year_words + ["عامي", "العامين", "سنتي"])
            + r")" + S + r")?" + YEAR +
            r"(?:\s*(?P<conn>و|-|–|الي|حتي)\s*(?P<y2>\d{4})(?!\d))?")
        self.re_future = re.compile(r"(?<!\w)" + _alt(d["future_markers"]) + r"(?!\w)")
        self.re_dateline = re.compile(_alt(d["dateline_markers"]) + r"\W{0,4}$")

        # Which families may start at a given (folded) first word.
        idx: dict[str, set[str]] = {}

        def add(fam: str, phrases):
            for p in phrases:
                w = p.split()[0] if p.split() else p
                idx.setdefault(w, set()).add(fam)

        add("relday", list(self.reldays) + self.day_parts)
        add("weekday", list(self.weekdays) + self.day_parts)
        add("relper", list(self.parts) + self.this_words + list(self.period_nouns))
        add("plural", list(self.plural))
        add("ago", list(self.ago))
        add("earlier", list(self.earlier))
        add("abs", list(self.weekdays) + list(self.ordinals) + ["يوم", "يومي", "من", "بين"])
        add("month", list(self.parts) + list(self.months) + ["شهر", "شهري"])
        add("hmonth", list(self.hmonths) + ["شهر"])
        add("holiday", list(self.holidays))
        add("num", list(self.weekdays))
        add("year", list(self.parts) + self.year_words + ["عامي", "العامين", "سنتي"])
        self.index = {w: tuple(sorted(f)) for w, f in idx.items()}
        # One scan over the text finds every word that can start an expression (a trie-shaped regex
        # is much faster in ``re`` than a flat alternation).
        self.re_scan = re.compile(r"(?<!\w)(?:[وفبل](?=\w))?(?:(?P<w>" + _trie_re(self.index) + r")(?!\w)"
                                  r"|(?P<a>ال)?(?P<d>\d))")
        self.digit_fams = ("abs", "num", "year")  # "num": numeric d/m/Y and Y/m/d
        self.regexes = {
            "relday": self.re_relday, "weekday": self.re_weekday, "relper": self.re_relper,
            "plural": self.re_plural, "ago": self.re_ago, "earlier": self.re_earlier, "abs": self.re_abs,
            "month": self.re_month, "hmonth": self.re_hmonth, "holiday": self.re_holiday, "year": self.re_year,
        }


_LEX: _Lex | None = None


def _lex() -> _Lex:
    global _LEX
    if _LEX is None:
        with open(_DATA_PATH, encoding="utf-8") as fh:
            _LEX = _Lex(json.load(fh))
    return _LEX


# --------------------------------------------------------------------------------------------------
# Fast folding with an offset map
# --------------------------------------------------------------------------------------------------

def _special_chars() -> tuple[str, str]:
    drop, expand = [], []
    for lo, hi in ((0x80, 0x800), (0x2000, 0x2070), (0xFB50, 0xFF00)):
        for c in range(lo, hi):
            ch = chr(c)
            n = len(fold(ch))
            if n == 0:
                drop.append(ch)
            elif n > 1:
                expand.append(ch)
    return "".join(drop), "".join(expand)


_DROPS, _EXPANDS = _special_chars()
_DROP_RE = re.compile("[" + re.escape(_DROPS) + "]")
_EXPAND_RE = re.compile("[" + re.escape(_EXPANDS) + "]") if _EXPANDS else re.compile(r"(?!x)x")


class _Fold:
    """Folded text plus a raw-offset map (identity, sparse drop list, or a full Normalised)."""

    __slots__ = ("text", "_f", "_norm")

    def __init__(self, raw: str, norm: Normalised | None = None):
        self._norm = norm
        self._f: list[int] | None = None
        if norm is not None:
            self.text = norm.text
            return
        if _EXPAND_RE.search(raw):
            self._norm = normalise(raw)
            self.text = self._norm.text
            return
        self.text = fold(raw)
        drops = [m.start() for m in _DROP_RE.finditer(raw)]
        if drops:
            self._f = [p - t for t, p in enumerate(drops)]

    def _raw(self, i: int) -> int:
        return i if self._f is None else i + bisect_right(self._f, i)

    def raw_span(self, i: int, j: int) -> tuple[int, int]:
        if self._norm is not None:
            return self._norm.raw_span(i, j)
        return self._raw(i), self._raw(j - 1) + 1


# --------------------------------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------------------------------

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


def _choose(fn: Callable[[int], Range | None], y0: int, pub: date, tense: str | None, fut: bool,
            fwd: int) -> Range | None:
    """Pick the year for a yearless date/month: ``fn(year)`` gives its range (None if invalid)."""
    cands = []
    for y in range(y0 - 2, y0 + 3):
        try:
            r = fn(y)
        except (ValueError, OverflowError):
            r = None
        if r is not None:
            cands.append(r)
    if not cands:
        return None
    if tense == "past":
        ok = [r for r in cands if r[1] < pub]
        return ok[-1] if ok else None
    if tense == "future":
        ok = [r for r in cands if r[0] > pub]
        return ok[0] if ok else None
    if fut:
        ok = [r for r in cands if r[1] >= pub]
        return ok[0] if ok else None
    limit = pub + timedelta(days=fwd)
    ok = [r for r in cands if r[0] <= limit]
    return ok[-1] if ok else None


def _week_start(d: date) -> date:
    return d - timedelta(days=(d.weekday() - _lex().week_start) % 7)


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

    def future_clause(self, s: int) -> bool:
        w = self.t[max(0, s - 70):s]
        for sep in ".!?\n;":
            k = w.rfind(sep)
            if k >= 0:
                w = w[k + 1:]
        return bool(self.lx.re_future.search(w))


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
        if rel == "غدا" and nw.startswith("ال") and nw not in lx.weekdays:
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
    # week
    lo, hi = {"early": (0, 2), "mid": (2, 4), "late": (4, 6)}[part]
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
    anchor = m.group("anchor")
    tense = "past" if (ago == "past" or anchor) else "future"
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
                rng = _choose(fn, hy0, c.pub, tense if tense != "present" else None, c.future_clause(s),
                              lx.fwd_days)
    else:
        def fn(yy: int) -> Range | None:
            a, b = _safe_date(yy, mo, d1), _safe_date(yy, mo, last)
            return (a, b) if a and b else None
        if y is not None:
            rng = fn(y)
        elif c.pub:
            rng = _choose(fn, c.pub.year, c.pub, tense if tense != "present" else None, c.future_clause(s),
                          lx.fwd_days)
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
        rng = _choose(fn, c.pub.year, c.pub, tense if tense != "present" else None, c.future_clause(s), lx.fwd_days)
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
            rng = _choose(lambda hy: _hijri_month_range(hy, hm), hy0, c.pub,
                          tense if tense != "present" else None, c.future_clause(s), lx.fwd_days)
    d, ed = rng if rng else (None, None)
    return _cand(s, e, d, ed, "month", tense, "hijri", prio=2)


def _m_holiday(m: re.Match, c: _Ctx):
    lx = c.lx
    hm, hd = lx.holidays[_key(m.group("hol"))]
    y = _year_of(m, lx, True)
    mod = m.group("mod")
    tense = lx.mods.get(_key(mod)) if mod else None
    if tense == "current":
        tense = "present"
    rng = None

    def fn(hy: int) -> Range | None:
        a = _hijri_to_greg(hy, hm, hd)
        return (a, a) if a else None

    if y is not None:
        rng = fn(y)
    elif c.pub:
        hy0 = _hijri_year_of(c.pub)
        if hy0:
            rng = _choose(fn, hy0, c.pub, tense if tense != "present" else None, c.future_clause(m.start()),
                          lx.fwd_days)
    d, ed = rng if rng else (None, None)
    return _cand(m.start(), m.end(), d, ed, "day", tense, "hijri", prio=2)


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
    "year": _m_year,
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
    sel = _merge_ranges(sel, c)
    out = []
    for s, e, _p, info in sel:
        kind = info["kind"]
        if kind == "absolute" and info["precision"] == "day" and info.get("has_year"):
            after = t[e:e + 3].lstrip()
            if lx.re_dateline.search(t, max(0, s - 30), s) or (
                    s <= 40 and "." not in t[:s] and (not after or after[0] in "-–—:|(/\n")):
                kind = "dateline"
        if s > 0 and t[s - 1] == "(" and ")" in t[s:e] and "(" not in t[s:e]:
            s -= 1
        rs, re_ = fx.raw_span(s, e)
        while re_ < len(text) and text[re_] in _DROPS:
            re_ += 1
        out.append(TimeExpr(rs, re_, text[rs:re_], info["date"], info["enddate"], info["precision"],
                            info["tense"], kind))
    return out


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
