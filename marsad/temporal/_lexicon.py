"""Lexicon loading and compilation for :mod:`marsad.temporal`, plus fast folding with raw offsets."""
from __future__ import annotations

import json
import re
from bisect import bisect_right
from pathlib import Path
from typing import Any

from marsad.textnorm import Normalised, fold, normalise

_DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "temporal.json"

# --------------------------------------------------------------------------------------------------
# Lexicon compilation (once per process)
# --------------------------------------------------------------------------------------------------

def _future_table() -> dict[str, Any]:
    """Future verbs of meeting, present verbs of starting and phrases of lasting (``data/times_future.json``)."""
    return json.loads((_DATA_PATH.parent / "times_future.json").read_text("utf-8"))


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
        # fixed Gregorian occasions ("يوم النصر" is 9 May): data/times_occasions.json
        occasions = json.loads((_DATA_PATH.parent / "times_occasions.json").read_text("utf-8"))["occasions"]
        self.occasions = {_f(w): tuple(v) for w, v in occasions.items()}
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
        self.lower_bounds = {_f(w) for w in d["lower_bound_words"]}
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
        self.future_factor = float(d["future_distance_factor"])
        self.months_need_day = {_f(w) for w in d["months_need_day"]}
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
            r"(?P<ago>" + _alt(self.ago) + r")" + S + r"(?:(?P<approx>" + _alt(d["approx_words"] + d["lower_bound_words"])
            + r")\s*)?"
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
        self.re_occasion = re.compile(
            r"(?P<occ>" + _alt(self.occasions) + r")(?!\w)(?:\s*,?\s*" + YEAR + r")?(?:" + S + r"(?P<mod>" + MODS
            + r")(?!\w))?")
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
        # a listed marker ("من المقرر") or a future verb of meeting ("سيجتمعون", "ستبحثان"): prefix س, a
        # person prefix, a stem of data/times_future.json, an optional dual or plural ending
        fut = _future_table()
        future_verb = r"[وف]?س[يتن]" + _alt(fut["stems"]) + r"(?:ون|ان|ين|ا)?"
        self.re_future = re.compile(r"(?<!\w)(?:" + _alt(d["future_markers"] + fut["starting"]) + "|" + future_verb
                                    + r")(?!\w)")
        # "في زيارة تستمر يومين": how many days an event lasts (a digit count, a number word, or a dual)
        days = d["duration_units"]["day"]
        self.re_lasting = re.compile(
            r"(?<!\w)" + _alt(fut["lasting"]) + r"\s+(?:(?P<dual>" + _alt(days["dual"]) + r")|(?P<n>\d{1,2}|"
            + _alt(d["number_words"]) + r")\s+(?:" + _alt(days["plural"] + days["singular"]) + r"))(?!\w)")
        self.re_past = re.compile(r"(?<!\w)[وف]?" + _alt(d["past_markers"]) + r"(?!\w)")
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
        add("occasion", list(self.occasions))
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
            "occasion": self.re_occasion,
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
_fold = fold  # textnorm.fold: its table applied through one regex over the characters it changes
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
        self.text = _fold(raw)
        drops = [m.start() for m in _DROP_RE.finditer(raw)]
        if drops:
            self._f = [p - t for t, p in enumerate(drops)]

    def _raw(self, i: int) -> int:
        return i if self._f is None else i + bisect_right(self._f, i)

    def raw_span(self, i: int, j: int) -> tuple[int, int]:
        if self._norm is not None:
            return self._norm.raw_span(i, j)
        return self._raw(i), self._raw(j - 1) + 1
