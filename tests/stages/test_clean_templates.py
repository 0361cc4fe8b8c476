"""Cleaning across site templates: real article bodies wrapped in the furniture of many Arabic news
sites (tests/data/pages, see its README). Measured like the reference scorer: a gold line is "kept"
when its folded text occurs in the folded article texts.

Run as a script for a per-page report: ``python tests/stages/test_clean_templates.py``.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

from marsad.doc import Document
from marsad.extract import Extractor

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"
STAGES = ("read", "decode", "clean", "metadata", "normalise")

# Floors pinned a little under what the cleaner reached on 31 pages (content 0.992, leaked 0.0,
# articles 1.0, titles 1.0, published 0.968): one more failing page in each still passes.
MIN_CONTENT_KEPT = 0.98
MAX_BOILER_LEAKED = 0.02
MIN_ARTICLE_COUNT = 0.96
MIN_TITLE = 0.96
MIN_PUBLISHED = 0.96

_DIACRITICS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي", "ک": "ك", "ة": "ه",
                       "ؤ": "و", "ۀ": "ه", "ە": "ه", "\u200c": " ", "\u00a0": " "})


def norm(s: str | None) -> str:
    """The reference scorer's folding."""
    if not s:
        return ""
    s = _DIACRITICS.sub("", s).translate(_FOLD)
    s = re.sub(r"[^\w\s]", " ", s)
    return " ".join(s.split()).lower()


@lru_cache(maxsize=1)
def results() -> dict[str, dict]:
    ex = Extractor(stages=STAGES)
    out = {}
    for txt in sorted(PAGES.glob("*.txt")):
        gold = json.loads(txt.with_suffix(".json").read_text("utf-8"))
        raw = txt.read_bytes()
        doc = ex.process(Document(doc_key=txt.name, path=str(txt), raw_bytes=raw))
        assert doc.error is None, doc.error
        lines = raw.decode("utf-8").split("\n")
        kept = norm(" \n ".join(a.text(doc.raw) for a in doc.articles))
        gold_body = norm(" \n ".join(lines[i - 1] for i in gold["content"]))
        lost = [i for i in gold["content"] if norm(lines[i - 1]) and norm(lines[i - 1]) not in kept]
        # A furniture line whose text also occurs in the body ("تونس" as a tag) cannot be measured.
        boiler = [i for i in gold["boilerplate"] if norm(lines[i - 1]) and norm(lines[i - 1]) not in gold_body]
        leaked = [i for i in boiler if norm(lines[i - 1]) in kept]
        first = doc.articles[0] if doc.articles else None
        out[txt.stem] = {
            "content_n": sum(1 for i in gold["content"] if norm(lines[i - 1])), "lost": lost,
            "boiler_n": len(boiler), "leaked": leaked,
            "articles": (len(doc.articles), gold["articles"]),
            "title": (norm(first.title) if first else "", norm(gold["title"])) if gold.get("title") else None,
            "published": ((first.published.isoformat() if first and first.published else None), gold["published"])
            if gold.get("published") else None,
        }
    return out


def aggregate() -> dict[str, float]:
    r = results().values()
    cn, bn = sum(x["content_n"] for x in r), sum(x["boiler_n"] for x in r)
    titles = [x["title"] for x in r if x["title"]]
    pubs = [x["published"] for x in r if x["published"]]
    return {
        "content_kept": 1 - sum(len(x["lost"]) for x in r) / cn,
        "boiler_leaked": sum(len(x["leaked"]) for x in r) / bn,
        "article_count": sum(a == b for a, b in (x["articles"] for x in r)) / len(r),
        "title": sum(a == b for a, b in titles) / len(titles),
        "published": sum(a == b for a, b in pubs) / len(pubs),
    }


def _failures(key: str) -> str:
    bad = {}
    for name, x in results().items():
        v = x[key]
        if isinstance(v, list) and v:
            bad[name] = v
        elif isinstance(v, tuple) and v[0] != v[1]:
            bad[name] = v
    return json.dumps(bad, ensure_ascii=False)


def test_page_set_is_large_and_varied():
    assert len(list(PAGES.glob("*.txt"))) >= 20
    assert all(p.with_suffix(".json").exists() for p in PAGES.glob("*.txt"))


def test_body_lines_are_kept():
    assert aggregate()["content_kept"] >= MIN_CONTENT_KEPT, _failures("lost")


def test_furniture_does_not_leak():
    assert aggregate()["boiler_leaked"] <= MAX_BOILER_LEAKED, _failures("leaked")


def test_glued_articles_are_counted():
    assert aggregate()["article_count"] >= MIN_ARTICLE_COUNT, _failures("articles")


@pytest.mark.parametrize("key,floor", [("title", MIN_TITLE), ("published", MIN_PUBLISHED)])
def test_title_and_date(key, floor):
    assert aggregate()[key] >= floor, _failures(key)


if __name__ == "__main__":
    for name, x in results().items():
        print(f"{name:28} lost={x['lost']} leaked={x['leaked']} articles={x['articles']}"
              + (f" title={'ok' if x['title'][0] == x['title'][1] else x['title'][0]!r}" if x["title"] else "")
              + (f" published={x['published']}" if x["published"] and x["published"][0] != x["published"][1] else ""))
    print({k: round(v, 4) for k, v in aggregate().items()})
