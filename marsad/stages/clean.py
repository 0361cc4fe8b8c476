"""The ``clean`` stage: decide line by line what is article body, and split glued articles.

Signals, in the manner of jusText: line length, sentence punctuation, Arabic stop-word density,
list markers, repetition, position relative to the body, and a phrase lexicon of page furniture
(``data/boilerplate.json``). A line is *content-like* when it reads as running prose; the body of an
article is the stretch between its first and last content-like lines, and short lines inside it
(sub-headings) are kept while furniture is dropped wherever it appears.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..doc import Article, Document, Line
from ..pipeline import Stage, register
from ..temporal import find_times
from ..textnorm import fold_key

_LIST_MARK = re.compile(r"^\s*[•·▪►◄●○■□◆\-–—*»]\s*")
_SENT_END = re.compile(r"[.!?؟…:\"”»)]\s*$")
_SENT_PUNCT = re.compile(r"[.،,؛!?؟]")
_TIMESTAMP = re.compile(r"^\s*(\d{1,2}[:.]\d{2}(\s*[اصمAPap][.ًم]?\w*)?|\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?)\s*$")
_IMAGE_ID = re.compile(r"^\s*(image|img|photo|صورة)[-_ ]?\d+", re.I)
_CAPTION_TAIL = re.compile(r"\((?:[^()]{2,40})\)\s*$")
_WORD = re.compile(r"[\w\u0600-\u06FF]+")


@dataclass(frozen=True)
class Lexicon:
    exact: frozenset[str]
    prefix: tuple[str, ...]
    contains: tuple[str, ...]
    end: tuple[str, ...]
    related: tuple[str, ...]
    outlet_prefixes: tuple[str, ...]
    masthead: tuple[str, ...]
    stopwords: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = json.loads(resources.files("marsad.data").joinpath("boilerplate.json").read_text("utf-8"))
    f = lambda xs: tuple(sorted({fold_key(x) for x in xs if fold_key(x)}, key=len, reverse=True))  # noqa: E731
    return Lexicon(
        exact=frozenset(fold_key(x) for x in data["line_exact"]) | frozenset(x.lower() for x in data["line_exact"]),
        prefix=f(data["line_prefix"]), contains=tuple(x.lower() for x in data["line_contains"]),
        end=f(data["end_markers"]), related=f(data["related_markers"]),
        outlet_prefixes=f(data["outlet_prefixes"]), masthead=f(data["masthead_words"]),
        stopwords=frozenset(fold_key(x) for x in data["stopwords"]),
    )


def split_lines(raw: str) -> list[Line]:
    lines, pos = [], 0
    for part in raw.split("\n"):
        lines.append(Line(pos, pos + len(part)))
        pos += len(part) + 1
    return lines


@dataclass
class LineFeatures:
    text: str
    key: str
    words: int
    stop_ratio: float
    punct: int
    ends_sentence: bool
    listed: bool


def features(text: str, lex: Lexicon) -> LineFeatures:
    key = fold_key(text)
    toks = key.split()
    stops = sum(1 for t in toks if t in lex.stopwords)
    return LineFeatures(text=text.strip(), key=key, words=len(toks), stop_ratio=stops / len(toks) if toks else 0.0,
                        punct=len(_SENT_PUNCT.findall(text)), ends_sentence=bool(_SENT_END.search(text)),
                        listed=bool(_LIST_MARK.match(text)))


def furniture(f: LineFeatures, lex: Lexicon) -> str | None:
    """The kind of page furniture a line is, or None."""
    k = f.key
    if not k:
        return "blank" if not f.text else "symbol"
    if k in lex.exact or f.text.lower() in lex.exact or f.text.lower().rstrip(":. ") in lex.exact:
        return "phrase"
    if any(k.startswith(p) for p in lex.prefix):
        return "prefix"
    low = f.text.lower()
    if any(c in low for c in lex.contains):
        return "contains"
    if _IMAGE_ID.match(f.text) or _TIMESTAMP.match(f.text):
        return "widget"
    return None


def content_like(f: LineFeatures) -> bool:
    """Running prose: long enough, punctuated like sentences, dense in function words."""
    if _CAPTION_TAIL.search(f.text) and not _SENT_PUNCT.search(_CAPTION_TAIL.sub("", f.text)):
        return False  # a photo caption ending in its credit: "… (Getty)", "… (وكالة فارس)"
    if f.words >= 12 and (f.punct >= 1 or f.ends_sentence) and f.stop_ratio >= 0.08:
        return True
    return f.words >= 25 and f.stop_ratio >= 0.12


def headline_like(f: LineFeatures) -> bool:
    return 3 <= f.words <= 30 and not f.text.endswith((".", "،", ":")) and not f.listed


@register
class CleanStage(Stage):
    """Label lines and build articles (body spans, title candidates)."""

    name = "clean"
    version = "1.0"
    requires = frozenset({"raw"})
    provides = frozenset({"lines", "articles"})

    def __call__(self, doc: Document) -> Document:
        lex = lexicon()
        raw = doc.raw
        lines = split_lines(raw)
        feats = [features(raw[ln.start:ln.end], lex) for ln in lines]
        repeated = Counter(f.key for f in feats if f.key)
        for ln, f in zip(lines, feats):
            kind = furniture(f, lex)
            if kind == "blank":
                ln.label = "blank"
            elif kind:
                ln.label, ln.reason = "boilerplate", kind
            elif content_like(f):
                ln.label, ln.reason = "content", "prose"
            else:
                ln.label, ln.reason = "short", ""
        _mark_lists(lines, feats)
        if doc.kind == "json":
            # A record's maintext is already the article body: keep every non-furniture line.
            body = [(ln.start, ln.end) for ln in lines if ln.label in ("content", "short")]
            doc.lines, doc.articles = lines, [Article(0, len(raw), body=body)] if body else []
            return doc
        doc.lines = lines
        doc.articles = [a for a in _segment(lines, feats, lex, repeated, raw) if a.body]
        return doc


def _mark_lists(lines: list[Line], feats: list[LineFeatures]) -> None:
    """Runs of bulleted short items without sentence punctuation are menus or related-link lists."""
    i = 0
    while i < len(lines):
        if feats[i].listed and lines[i].label != "blank":
            j = i
            items = []
            while j < len(lines) and (feats[j].listed or lines[j].label == "blank"):
                if feats[j].listed:
                    items.append(j)
                j += 1
            prose = sum(1 for k in items if feats[k].ends_sentence and feats[k].text.rstrip().endswith((".", "؟", "!"))
                        and feats[k].words >= 8)
            if len(items) >= 2 and prose <= len(items) // 3:
                for k in items:
                    lines[k].label, lines[k].reason = "boilerplate", "list"
            i = j
        else:
            i += 1


def _is_end(f: LineFeatures, lex: Lexicon) -> bool:
    return any(f.key == m or f.key.startswith(m + " ") for m in lex.end)


def _segment(lines: list[Line], feats: list[LineFeatures], lex: Lexicon, repeated: Counter, raw: str) -> list[Article]:
    """Split the page into articles: a new article starts when prose resumes after an article-end
    marker (source line, tags, agency end mark) and a headline."""
    n = len(lines)
    content_idx = [i for i in range(n) if lines[i].label == "content"]
    if not content_idx:
        # No prose at all: keep non-furniture lines as one article so nothing is silently lost.
        body = [i for i in range(n) if lines[i].label == "short"]
        return [Article(lines[body[0]].start, lines[body[-1]].end, body=[(lines[i].start, lines[i].end) for i in body])] if body else []
    # Group content lines into blocks separated by article-end markers.
    blocks: list[list[int]] = [[content_idx[0]]]
    for a, b in zip(content_idx, content_idx[1:]):
        gap = range(a + 1, b)
        if any(_is_end(feats[k], lex) for k in gap):
            blocks.append([b])
        else:
            blocks[-1].append(b)
    articles = []
    prev_end = 0
    for bi, block in enumerate(blocks):
        first, last = block[0], block[-1]
        # The headline: the nearest headline-like short line before the body, after the previous article.
        title_i = None
        for k in range(first - 1, prev_end - 1, -1):
            if lines[k].label == "short" and headline_like(feats[k]) and not _looks_meta(feats[k], lex):
                title_i = k
                if bi > 0:
                    break
            elif lines[k].label == "content":
                break
        if bi == 0:
            # On the first article prefer the first headline-like line of the page head (pages repeat it).
            for k in range(prev_end, first):
                if lines[k].label == "short" and headline_like(feats[k]) and not _looks_meta(feats[k], lex) \
                        and not _CAPTION_TAIL.search(feats[k].text):
                    title_i = k
                    break
        start_i = title_i if title_i is not None else first
        body = [k for k in range(first, last + 1) if lines[k].label in ("content", "short")
                and not _looks_meta(feats[k], lex)]
        art = Article(start=lines[start_i].start if bi else 0, end=lines[last].end, body=[(lines[k].start, lines[k].end) for k in body])
        if title_i is not None:
            art.title_span = (lines[title_i].start + _lead_ws(raw, lines[title_i]), lines[title_i].end)
            lines[title_i].label = "title"
        articles.append(art)
        prev_end = last + 1
    # Let each article run up to the next one so its page furniture and source line belong to it.
    for a, b in zip(articles, articles[1:]):
        a.end = max(a.end, b.start - 1)
    if articles:
        articles[-1].end = len(raw)
    return articles


def _lead_ws(raw: str, ln: Line) -> int:
    s = raw[ln.start:ln.end]
    return len(s) - len(s.lstrip())


def _looks_meta(f: LineFeatures, lex: Lexicon) -> bool:
    """Source lines, mastheads and datelines: metadata, not body or headline."""
    k = f.key
    if any(k.startswith(p) for p in lex.outlet_prefixes) or _is_end(f, lex):
        return True
    if any(k.startswith(m + " ") for m in lex.masthead) and re.search(r"\d", k):
        return True
    if f.words <= 14 and re.search(r"\d{4}", k):
        # a dateline such as "الجمعة 2024/04/26" or "العدد … - ٢١ سبتمبر ٢٠٢٣"
        return any(t.precision == "day" for t in find_times(f.text, None))
    return False
