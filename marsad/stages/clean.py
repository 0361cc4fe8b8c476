"""The ``clean`` stage: decide line by line what is article body, and split glued articles.

Signals, in the manner of jusText: line length, sentence punctuation, Arabic stop-word density,
list markers, repetition, position relative to the body, and a phrase lexicon of page furniture
(``data/boilerplate.json``). A line is *content-like* when it reads as running prose; the body of an
article is the stretch between its first and last content-like lines, widened over adjacent
sentence-like lines, and short lines inside it (sub-headings) are kept while furniture is dropped
wherever it appears. Once the body has begun, headlines under a related-links header and everything
after a comment header are furniture. Robustness set: tests/data/pages (test_clean_templates.py).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..doc import Article, Document, Line
from ..pipeline import Stage
from ..temporal import find_times
from ..textnorm import fold_key

_LIST_MARK = re.compile(r"^\s*([•·▪►◄●○■□◆\-–—*»]|\d{1,2}\s?[.)\-–]\s)\s*")
_SENT_END = re.compile(r"[.!?؟…:\"”»)]\s*$")
_SENT_PUNCT = re.compile(r"[.،,؛!?؟]")
_DATE_NUM = r"(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}[/.\-]\d{1,2}[/.\-]\d{1,2})"
# "18:37 ت م" (Mecca time on agency wires), "10:05 ص", "21:43 GMT", "2018-03-07 14:02", "14:02 - 07/03/2018"
_TIMESTAMP = re.compile(r"^\s*(?:" + _DATE_NUM + r"\s*[-–|,،]?\s*)?\d{1,2}[:.]\d{2}(?::\d{2})?"
                        r"(?:\s*(?:[اصمAPap][.ًم]?\w*|ت\s*\.?\s*[مغ]\.?|GMT|UTC|(?:ب)?توقيت(?:\s+\S+){1,2}))?"
                        r"(?:\s*[-–|,،]?\s*" + _DATE_NUM + r")?\s*$", re.I)
_IMAGE_ID = re.compile(r"^\s*(image|img|photo|صورة)[-_ ]?\d+", re.I)
_CAPTION_TAIL = re.compile(r"\((?:[^()]{2,40})\)\s*$")
_WORD = re.compile(r"[\w\u0600-\u06FF]+")
_NAV_SEP = re.compile(r"\s*[»›]\s*|\s+[|>]\s+|\s*\|\s*")
_COMMENT_COUNT = re.compile(r"^(\d+\s+تعليق\w*|تعليقات\s*\(?\d+\)?)$")


@dataclass(frozen=True)
class Lexicon:
    """The boilerplate phrases of ``data/boilerplate.json``, folded (``fold_key``) and sorted longest
    first: whole lines, line prefixes, phrases a line contains or ends with, related-headline markers,
    outlet source lines and mastheads, stopwords, comment headings, social and promotion phrases."""

    exact: frozenset[str]
    prefix: tuple[str, ...]
    contains: tuple[str, ...]
    end: tuple[str, ...]
    related: tuple[str, ...]
    outlet_prefixes: tuple[str, ...]
    masthead: tuple[str, ...]
    stopwords: frozenset[str]
    colon_prefix: tuple[str, ...]  # "شاهد:" must not take every headline starting with "شاهد"
    comment_heads: frozenset[str]
    social: frozenset[str]
    promo: tuple[str, ...]  # app and newsletter promotions: furniture even as prose
    promo_links: tuple[str, ...]  # "للمزيد:"، "اقرأ..": a link to another story when punctuated so
    openers: tuple[str, ...]  # "كما"، "من جهته": a paragraph that carries on the one before
    waw_words: frozenset[str]  # "وزير": starts with و but is no conjunction


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The :class:`Lexicon` read from the package data once (cached)."""
    data = json.loads(resources.files("marsad.data").joinpath("boilerplate.json").read_text("utf-8"))
    f = lambda xs: tuple(sorted({fold_key(x) for x in xs if fold_key(x)}, key=len, reverse=True))  # noqa: E731
    return Lexicon(
        exact=frozenset(fold_key(x) for x in data["line_exact"]) | frozenset(x.lower() for x in data["line_exact"]),
        prefix=f(x for x in data["line_prefix"] if not x.endswith(":")),
        colon_prefix=tuple(x for x in data["line_prefix"] if x.endswith(":")),
        contains=tuple(x.lower() for x in data["line_contains"]),
        comment_heads=frozenset(fold_key(x) for x in data["comment_headers"]),
        social=frozenset(fold_key(x) for x in data["social_networks"]),
        end=f(data["end_markers"]), related=f(data["related_markers"]),
        outlet_prefixes=f(data["outlet_prefixes"]), masthead=f(data["masthead_words"]),
        stopwords=frozenset(fold_key(x) for x in data["stopwords"]),
        promo=f(x for x in data["promo_phrases"] if not x.endswith((":", ".."))),
        promo_links=f(x for x in data["promo_phrases"] if x.endswith((":", ".."))),
        openers=f(data["continuation_openers"]), waw_words=frozenset(fold_key(x) for x in data["waw_words"]),
    )


def split_lines(raw: str) -> list[Line]:
    """The raw lines of ``raw`` as :class:`Line` spans ``[start, end)`` without the newline (labels unset)."""
    lines, pos = [], 0
    for part in raw.split("\n"):
        lines.append(Line(pos, pos + len(part)))
        pos += len(part) + 1
    return lines


@dataclass
class LineFeatures:
    """What the cleaner knows of one line: stripped text, folded key, word count, share of
    stopwords (0-1), sentence punctuation count, whether it ends a sentence and whether it is a list item."""

    text: str
    key: str
    words: int
    stop_ratio: float
    punct: int
    ends_sentence: bool
    listed: bool


def features(text: str, lex: Lexicon) -> LineFeatures:
    """The :class:`LineFeatures` of one line's text."""
    key = fold_key(text)
    toks = key.split()
    stops = sum(1 for t in toks if t in lex.stopwords)
    return LineFeatures(text=text.strip(), key=key, words=len(toks), stop_ratio=stops / len(toks) if toks else 0.0,
                        punct=len(_SENT_PUNCT.findall(text)), ends_sentence=bool(_SENT_END.search(text)),
                        listed=bool(_LIST_MARK.match(text)))


_CONTAINS_MAX_WORDS = 60  # furniture lines are short; a marker in a longer line is quoted or glued text

def furniture(f: LineFeatures, lex: Lexicon) -> str | None:
    """The kind of page furniture a line is, or None."""
    k = f.key
    if not k or not k.replace("_", "").strip():
        return "blank" if not f.text else "symbol"  # also a rule of underscores "_______"
    if k in lex.exact or f.text.lower() in lex.exact or f.text.lower().rstrip(":. ") in lex.exact:
        return "phrase"
    if k.startswith(lex.prefix) or f.text.startswith(lex.colon_prefix):
        return "prefix"
    low = f.text.lower()
    prose = content_like(f)  # a body sentence may mention "مواقع التواصل الاجتماعي"; "|تفاصيل" is markup
    # a whole paragraph (a one-line JSON maintext) is no furniture line for a marker inside it
    if f.words <= _CONTAINS_MAX_WORDS and any(
            c in low and not ((prose or f.words > 12) and c.replace(" ", "").isalpha()) for c in lex.contains):
        return "contains"
    if _IMAGE_ID.match(f.text) or _TIMESTAMP.match(f.text):
        return "widget"
    if f.words <= 30 and (any(f" {p} " in f" {k} " for p in lex.promo) or any(
            k.startswith(p + " ") and _link_mark(len(p.split())).match(f.text) for p in lex.promo_links)):
        return "promo"  # "يمكنكم استلام إشعارات … تطبيق بي بي سي عربي"، "للمزيد: ما سر …"
    if f.words <= 10 and _social_count(k, lex) >= 2:
        return "share"  # "شارك على فيسبوك تويتر واتساب"
    if all(t.startswith("#") for t in f.text.split()):
        return "tags"
    # no separator character, one part: no regex split of every paragraph
    parts = [x for x in _NAV_SEP.split(f.text) if x.strip()] if any(c in f.text for c in "»›|>") else ()
    if len(parts) >= 2 and ("»" in f.text or "›" in f.text or len(parts) >= 3) \
            and all(len(x.split()) <= 3 for x in parts) and not _SENT_PUNCT.search(f.text):
        return "nav"  # breadcrumbs "الرئيسية » سياسة » عربي", "أخبار | رياضة | فن"
    return None


@lru_cache(maxsize=8)
def _link_mark(n: int) -> re.Pattern:
    """n words then a colon or two dots: "للمزيد:"، "اقرأ.."، "اقرأ أيضا:"."""
    return re.compile(r"^\W*\w+" + r"\s+\w+" * (n - 1) + r"\s*(?::|\.\.)")


def _social_count(key: str, lex: Lexicon) -> int:
    toks = key.split()
    pairs = {" ".join(p) for p in zip(toks, toks[1:])}
    return sum(1 for t in toks if t in lex.social) + sum(1 for p in pairs if p in lex.social)


def content_like(f: LineFeatures) -> bool:
    """Running prose: long enough, punctuated like sentences, dense in function words (or, for a
    name-dense news lead, long and ending in a full stop)."""
    if f.words >= 15 and f.text.rstrip(" \"”»)").endswith((".", "؟", "!")) and not f.listed:
        return True
    if f.words <= 25 and _CAPTION_TAIL.search(f.text) and not _SENT_PUNCT.search(_CAPTION_TAIL.sub("", f.text)):
        return False  # a photo caption ending in its credit: "… (Getty)", "… (وكالة فارس)"
    if f.words >= 12 and (f.punct >= 1 or f.ends_sentence) and f.stop_ratio >= 0.08:
        return True
    return f.words >= 25 and f.stop_ratio >= 0.12


def headline_like(f: LineFeatures) -> bool:
    """True for a line that could be a headline: 3 to 30 words, no closing punctuation, not a list item."""
    return 3 <= f.words <= 30 and not f.text.endswith((".", "،", ":")) and not f.listed


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
        _mark_after_body(lines, feats, lex)
        _mark_teasers(lines, feats, lex)
        _mark_link_runs(lines, feats)
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
            # Long items straight after a paragraph, with no header between, continue the body
            # (a programme, a list of demands); link lists are headed or short.
            prev = next((lines[k] for k in range(i - 1, -1, -1) if lines[k].label != "blank"), None)
            body_list = prev is not None and prev.label == "content" and \
                sum(feats[k].words for k in items) >= 10 * len(items)
            if len(items) >= 2 and prose <= len(items) // 3:
                for k in items:
                    lines[k].label, lines[k].reason = ("short", "body-list") if body_list else ("boilerplate", "list")
            i = j
        else:
            i += 1


def _mark_after_body(lines: list[Line], feats: list[LineFeatures], lex: Lexicon) -> None:
    """Once the body has begun, headlines under a related-links header ("اقرأ أيضا", "الأكثر قراءة")
    are links, not sub-headings, up to the next prose; and a comment header opens a section of
    reader comments, prose or not, that runs to the end of the page. Before the body both are
    ambiguous (a sidebar may precede the headline), so they are left to the position rules."""
    started = False
    related = False
    for i, (ln, f) in enumerate(zip(lines, feats)):
        if ln.label == "content":
            if started and _is_comment_head(f, lex):
                pass
            else:
                started, related = True, False
                continue
        if not started or ln.label == "blank":
            continue
        if _is_comment_head(f, lex):
            for ln2 in lines[i:]:
                if ln2.label != "blank":
                    ln2.label, ln2.reason = "boilerplate", "comments"
            return
        if _is_related_head(f, lex):
            related = True
        elif related and ln.label == "short":
            ln.label, ln.reason = "boilerplate", "related"


_TEASER_MIN_WORDS = 15
_TEASER_MIN_RUN = 3
_TEASER_MAX_SHARED = 0.3


def _topic_words(f: LineFeatures) -> set[str]:
    return {w for w in f.key.split() if len(w) >= 4}


def _shared(f: LineFeatures, own: set[str]) -> float:
    ws = _topic_words(f)
    return len(ws & own) / len(ws) if ws else 0.0


def _mark_teasers(lines: list[Line], feats: list[LineFeatures], lex: Lexicon) -> None:
    """Pages close with the leads of other stories, one paragraph each ("كشف مصدر مطلع لـCNN …"،
    "قال وزير الخزانة الأمريكي، ستيفن منوشين …"). An article's own paragraphs carry on from the one
    before ("وقال"، "كما"، "من جهته"، a quotation); a trailing run of three or more long paragraphs
    none of which does is that block. The article keeps at least its first paragraph."""
    body = [i for i, ln in enumerate(lines) if ln.label in ("content", "short")]
    run: list[int] = []
    for n in range(len(body) - 1, -1, -1):
        f = feats[body[n]]
        # a list item, or a line under "… من الساعة الثامنة صباحا :", carries on too
        after_colon = n > 0 and feats[body[n - 1]].text.rstrip().endswith(":")
        if lines[body[n]].label != "content" or f.words < _TEASER_MIN_WORDS or f.listed or after_colon \
                or f.text.rstrip().endswith(":") or _carries_on(f, lex):
            break
        run.append(body[n])
    if run and len(run) == len(body):
        run.pop()  # a body of fresh paragraphs only: its first is the article
    # A feature's own paragraphs stay on its topic (guns, flowers, a press review); other stories do not.
    own = {w for i in body[:len(body) - len(run)] for w in _topic_words(feats[i])}
    if run and sum(_shared(feats[i], own) for i in run) / len(run) > _TEASER_MAX_SHARED:
        return
    if len(run) >= _TEASER_MIN_RUN:
        for i in run:
            lines[i].label, lines[i].reason = "boilerplate", "teaser"


def _carries_on(f: LineFeatures, lex: Lexicon) -> bool:
    """A paragraph that continues the one before: a conjunction (وقال، فقد), a linking phrase
    (كما، من جهته، جاء ذلك), or a quotation."""
    if f.text[:1] in "\"“«'-–—(":
        return True
    k = f.key
    first = k.split()[0] if k else ""
    if any(k == o or k.startswith(o + " ") for o in lex.openers):
        return True
    if first in ("و", "ف") or first.startswith("و") and len(first) >= 3 and first not in lex.waw_words:
        return True
    # "الإجابة على هذا السؤال …"، "أبرز التصريحات في هذا الشأن": a demonstrative points back
    return any(w in _BACK_REFERENCE for w in k.split()[:6])


_BACK_REFERENCE = frozenset({"هذا", "هذه", "ذلك", "تلك", "هولاء", "هذين", "هاتين"})


def _mark_link_runs(lines: list[Line], feats: list[LineFeatures]) -> None:
    """Two or more headlines in a row between paragraphs ("هل سجلت ساعة خاشقجي ما حدث داخل
    القنصلية؟" under "تزايد الضغوط على السعودية …") are links to other stories; a sub-heading
    stands alone."""
    seq = [i for i, ln in enumerate(lines) if ln.label != "blank"]
    j = 0
    while j < len(seq):
        k = j
        while k < len(seq) and lines[seq[k]].label == "short" and headline_like(feats[seq[k]]) \
                and not feats[seq[k]].text.endswith("."):
            k += 1
        if k - j >= 2 and j > 0 and k < len(seq) and lines[seq[j - 1]].label == "content" \
                and lines[seq[k]].label == "content":
            for i in seq[j:k]:
                lines[i].label, lines[i].reason = "boilerplate", "related"
        j = max(k, j + 1)


def _is_comment_head(f: LineFeatures, lex: Lexicon) -> bool:
    return f.key in lex.comment_heads or bool(_COMMENT_COUNT.match(f.key))


def _is_related_head(f: LineFeatures, lex: Lexicon) -> bool:
    return f.words <= 5 and any(f.key == m or f.key.startswith(m + " ") for m in lex.related)


def _is_end(f: LineFeatures, lex: Lexicon) -> bool:
    return any(f.key == m or f.key.startswith(m + " ") for m in lex.end)


def _segment(lines: list[Line], feats: list[LineFeatures], lex: Lexicon, repeated: Counter, raw: str) -> list[Article]:
    """Split the page into articles: a new article starts when prose resumes after an article-end
    marker (source line, tags, agency end mark) and a headline."""
    n = len(lines)
    content_idx = [i for i in range(n) if lines[i].label == "content"]
    if not content_idx:
        # No prose at all: keep non-furniture lines as one article so nothing is silently lost.
        body = [i for i in range(n) if lines[i].label == "short" and not _looks_meta(feats[i], lex)]
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
        # Prose-like lines next to the body belong to it even when too bare to count as prose alone
        # (a lead with few function words, a line-up "الترجي : فلان - فلان ."), as in jusText.
        limit = blocks[bi + 1][0] if bi + 1 < len(blocks) else n
        while (k := _neighbour(lines, first, -1, prev_end)) is not None and _near_prose(feats[k], lex):
            first = k
        while (k := _neighbour(lines, last, 1, limit)) is not None and \
                (_near_prose(feats[k], lex) or lines[k].reason == "body-list"):
            last = k
        # The headline: the nearest headline-like short line before the body, after the previous article.
        title_i = None
        for k in range(first - 1, prev_end - 1, -1):
            cand = lines[k].label == "short" or (bi > 0 and lines[k].reason == "related")
            if cand and headline_like(feats[k]) and not _looks_meta(feats[k], lex):
                title_i = k
                if bi > 0:
                    break
            elif lines[k].label == "content":
                break
        if bi == 0:
            title_i = _page_headline(lines, feats, lex, prev_end, first, title_i)
        start_i = title_i if title_i is not None else first
        body = [k for k in range(first, last + 1) if lines[k].label in ("content", "short")
                and (lines[k].reason == "body-list" or not _looks_meta(feats[k], lex))]
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


def _neighbour(lines: list[Line], i: int, step: int, bound: int) -> int | None:
    """The next non-blank line from ``i`` in direction ``step``, if it is an unlabelled short line."""
    k = i + step
    while (bound <= k if step < 0 else k < bound) and lines[k].label == "blank":
        k += step
    if (bound <= k if step < 0 else k < bound) and lines[k].label == "short":
        return k
    return None


def _near_prose(f: LineFeatures, lex: Lexicon) -> bool:
    return f.words >= 6 and f.text.rstrip(" \"”»)").endswith((".", "؟", "!")) and not _looks_meta(f, lex)


def _page_headline(lines: list[Line], feats: list[LineFeatures], lex: Lexicon, lo: int, hi: int,
                   fallback: int | None) -> int | None:
    """The headline of a page head: not a menu item or site name, a repeated line first (pages
    print the headline twice), else the first remaining headline-like line."""
    menu = _menu_runs(lines, feats, lo, hi)
    cands = [k for k in range(lo, hi) if lines[k].label == "short" and k not in menu and headline_like(feats[k])
             and not _looks_meta(feats[k], lex) and not _CAPTION_TAIL.search(feats[k].text)
             and not _site_name(feats[k], lex)]
    seen = Counter(feats[k].key for k in cands)
    return next((k for k in cands if seen[feats[k].key] > 1), cands[0] if cands else fallback)


def _menu_runs(lines: list[Line], feats: list[LineFeatures], lo: int, hi: int) -> set[int]:
    """Lines in runs of three or more navigation-like lines (furniture, or at most three words)."""
    out: set[int] = set()
    run: list[int] = []
    top = next((k for k in range(lo, hi) if lines[k].label != "blank"), None)
    for k in list(range(lo, hi)) + [None]:
        if k is not None and lines[k].label == "blank":
            continue
        if k is not None and (lines[k].label == "boilerplate" or feats[k].words <= 3):
            run.append(k)
            continue
        if len(run) >= 3:
            out.update(run)
            # the site name above the menu: "بي بي سي نيوز عربي"
            if lo == 0 and top is not None and top < run[0] and feats[top].words <= 5 and \
                    all(lines[j].label == "blank" for j in range(top + 1, run[0])):
                out.add(top)
        run = []
    return out


def _site_name(f: LineFeatures, lex: Lexicon) -> bool:
    """"الوكالة العربية السورية للأنباء", "جريدة العرب الدولية": a masthead, not a headline."""
    toks = f.key.split()
    return f.words <= 5 and bool(toks) and toks[0].removeprefix("ال") in lex.masthead


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
