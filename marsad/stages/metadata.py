"""The ``metadata`` stage (title, outlet, publication date per article) and ``normalise`` (folded text
with an offset map, sentences)."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from urllib.parse import urlparse

from ..doc import Article, Document, Sentence
from ..pipeline import Stage
from ..temporal import find_times, parse_published
from ..textnorm import display, fold_key, normalise
from .clean import _is_end, features, lexicon


@dataclass(frozen=True)
class Outlet:
    """A news outlet of ``data/outlets.json``: Arabic and English names, web domains (``host`` or
    ``host/path``), home state (ISO3, None for international outlets) and masthead regexes."""

    name: str
    name_en: str
    domains: tuple[str, ...]
    country: str | None
    signatures: tuple[re.Pattern, ...]


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    """Every :class:`Outlet` of the package data, read once (cached)."""
    data = json.loads(resources.files("marsad.data").joinpath("outlets.json").read_text("utf-8"))
    return tuple(Outlet(o["name"], o["name_en"], tuple(o["domains"]), o.get("country"),
                        tuple(re.compile(s, re.M) for s in o.get("signatures", []))) for o in data["outlets"])


@lru_cache(maxsize=1)
def outlets_by_name() -> dict[str, Outlet]:
    """Folded Arabic and English outlet name -> its :class:`Outlet` (an English name wins), built once."""
    return {fold_key(o.name): o for o in outlets()} | {fold_key(o.name_en): o for o in outlets()}


def outlet_from_url(url: str | None) -> str | None:
    """The outlet of a URL or bare domain, from the domain table; else the domain itself."""
    if not url:
        return None
    u = url if "://" in url else "http://" + url
    parsed = urlparse(u)
    host = (parsed.hostname or "").lower().removeprefix("www.")
    path = parsed.path.lower()
    for o in outlets():
        for d in o.domains:
            dhost, _, dpath = d.partition("/")
            if (host == dhost or host.endswith("." + dhost)) and (not dpath or path.startswith("/" + dpath)):
                return o.name
    return host or None


_DASH_SPLIT = re.compile(r"\s+[-–—|]\s+")
_DATE_GLUE = re.compile(r"(?<=\S)[:：](?=\d)")
_DATE_DASH = re.compile(r"(?<=\d)\s*[-–]\s*(?=[^\W\d])|(?<=[^\W\d])\s*[-–]\s*(?=\d)")


def outlet_from_line(text: str) -> str | None:
    """Outlet named by a source line ("المصدر: صدى البلد") or a masthead ("المدن - عرب وعالم…")."""
    lex = lexicon()
    key = fold_key(text)
    for p in lex.outlet_prefixes:
        if key.startswith(p):
            rest = re.split(r"[:：\-–]", text, maxsplit=1)
            name = rest[1] if len(rest) > 1 else text[len(p):]
            name = _DASH_SPLIT.split(name.strip())[0].strip(" .،")
            return display(name) or None
    head = _DASH_SPLIT.split(text.strip())
    if len(head) >= 2:
        first = head[0].strip()
        words = first.split()
        if words and fold_key(words[0]) in lex.masthead and len(words) >= 2:
            return display(" ".join(words[1:]))
        if 1 <= len(words) <= 3 and re.search(r"\d", text) and not re.search(r"\d", first) \
                and not find_times(first, None):
            return display(first)  # "المدن - عرب وعالم…2025/11/16", never the date itself
    return None


class MetadataStage(Stage):
    """Title, outlet and published date of every article."""

    name = "metadata"
    version = "1.0"
    requires = frozenset({"lines", "articles", "meta"})
    provides = frozenset({"metadata"})

    def __call__(self, doc: Document) -> Document:
        raw = doc.raw
        meta_pub = parse_published(doc.meta.get("published")) if doc.meta.get("published") else None
        meta_outlet = doc.meta.get("outlet")
        if meta_outlet and "." in meta_outlet and " " not in meta_outlet:
            meta_outlet = outlet_from_url(meta_outlet)
        meta_outlet = meta_outlet or outlet_from_url(doc.meta.get("url")) or outlet_from_url(doc.meta.get("domain"))
        page_outlet = self._signature_outlet(raw) if not meta_outlet else None
        lines = doc.lines
        for ai, art in enumerate(doc.articles):
            if doc.meta.get("title") and ai == 0:
                art.title = display(doc.meta["title"])
            elif art.title_span:
                art.title = display(raw[art.title_span[0]:art.title_span[1]])
            region = [ln for ln in lines if art.start <= ln.start < art.end]
            head = [ln for ln in lines if (ln.start < art.start if ai else True) and ln.end <= (art.body[0][0] if art.body else art.end)]
            if ai:
                head = [ln for ln in lines if art.start <= ln.start < (art.body[0][0] if art.body else art.end)]
            art.outlet = meta_outlet or self._line_outlet(raw, region, head) or page_outlet
            tail = [ln for ln in region if art.body and ln.start >= art.body[-1][1]]
            art.published = meta_pub or self._dateline(raw, head) or self._dateline(raw, tail)
        by_name = outlets_by_name()
        for a in doc.articles:
            known = by_name.get(fold_key(a.outlet)) if a.outlet else None
            a.outlet_country = known.country if known else None
        if doc.articles and len(doc.articles) > 1:
            # Articles glued on one page share the page's outlet (the source line closes the first).
            known = next((a.outlet for a in doc.articles if a.outlet), None)
            for a in doc.articles:
                a.outlet = a.outlet or known
                a.outlet_country = a.outlet_country or doc.articles[0].outlet_country
        return doc

    @staticmethod
    def _line_outlet(raw: str, region, head) -> str | None:
        lex = lexicon()
        for ln in list(region):
            text = raw[ln.start:ln.end]
            f = features(text, lex)
            if any(f.key.startswith(p) for p in lex.outlet_prefixes):
                found = outlet_from_line(text)
                if found:
                    return found
        for ln in head:
            text = raw[ln.start:ln.end]
            if len(text) < 160 and ln.label not in ("content",):
                found = outlet_from_line(text)
                if found:
                    return found
        return None

    @staticmethod
    def _signature_outlet(raw: str) -> str | None:
        for o in outlets():
            if any(sig.search(raw) for sig in o.signatures):
                return o.name
        return None

    @staticmethod
    def _dateline(raw: str, head) -> object:
        """First full date on a short line of the article head (a dateline), else None."""
        for ln in head:
            text = raw[ln.start:ln.end]
            if not text.strip() or len(text) > 200 or ln.label == "content":
                continue
            # "تاريخ النشر:21.09.2017", "6 - سبتمبر - 2014": separators a dateline squeezes or spreads
            text = _DATE_GLUE.sub(": ", _DATE_DASH.sub(" ", text))
            for t in find_times(text, None):
                if t.date and t.precision == "day" and t.kind in ("absolute", "dateline"):
                    return t.date
        return None


_SENT_SPLIT = re.compile(r"(?<=[.!?؟])[\"”»']?\s+|(?<=[.!?؟][\"”»'])")


class NormaliseStage(Stage):
    """Folded text with an offset map, and sentences of the article bodies."""

    name = "normalise"
    version = "1.0"
    requires = frozenset({"raw", "articles"})
    provides = frozenset({"norm", "sentences"})

    def __call__(self, doc: Document) -> Document:
        doc.norm = normalise(doc.raw)
        doc.sentences = []
        for ai, art in enumerate(doc.articles):
            for s, e in art.body:
                doc.sentences.extend(Sentence(a, b, ai) for a, b in split_sentences(doc.raw, s, e))
        # Headlines and related-headline lists name people and places too (not events).
        for ln in doc.lines:
            aside = ln.label == "title" or (ln.label == "boilerplate" and ln.reason in ("list", "contains"))
            if aside and doc.raw[ln.start:ln.end].strip():
                ai = next((i for i, a in enumerate(doc.articles) if a.start <= ln.start < a.end), 0)
                lead = len(doc.raw[ln.start:ln.end]) - len(doc.raw[ln.start:ln.end].lstrip(" \t•·-*"))
                doc.sentences.append(Sentence(ln.start + lead, ln.end, ai, "title" if ln.label == "title" else "aside"))
        return doc


def split_sentences(raw: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within ``raw[start:end]`` (whitespace trimmed)."""
    out = []
    pos = start
    text = raw[start:end]
    for m in _SENT_SPLIT.finditer(text):
        cut = start + m.start()
        if _elided_quote(raw, pos, cut):
            continue
        if cut > pos:
            out.append((pos, cut))
        pos = start + m.end()
    if pos < end:
        out.append((pos, end))
    res = []
    for a, b in out:
        seg = raw[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if b - trail > a + lead:
            res.append((a + lead, b - trail))
    return res


def _elided_quote(raw: str, pos: int, cut: int) -> bool:
    """An ellipsis inside an open quotation marks words left out, not a sentence's end: 'إن الولايات المتحدة
    "قررت... أن الحكومة الروسية استخدمت أسلحة كيمياوية"'."""
    seg = raw[pos:cut].rstrip("\"”»' ")
    if not (seg.endswith("...") or seg.endswith("…")):
        return False
    return seg.count('"') % 2 == 1 or seg.count("«") > seg.count("»") or seg.count("“") > seg.count("”")


def article_text(doc: Document, art: Article) -> str:
    """The clean body text of ``art`` (its kept lines joined by newlines)."""
    return art.text(doc.raw)
