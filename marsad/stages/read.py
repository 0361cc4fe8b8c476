"""Input discovery and the ``read`` and ``decode`` stages.

:func:`discover` turns command-line paths into :class:`~marsad.doc.Document` stubs lazily: files
in the order given, folders recursively in sorted order, one document per line of ``.jsonl`` and
``.jsonl.gz`` files. Reading bytes and decoding them are stages so their failures become
per-document errors.
"""
from __future__ import annotations

import gzip
import hashlib
import html as htmllib
import json
import os
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..doc import Document, DocumentError
from ..pipeline import Stage, register

MAX_BYTES = 20 * 1024 * 1024  # a news page is never this big; larger files are reported, not read
SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".jsonl.gz", ".xhtml")
_BINARY_MAGIC = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
                 b"%PDF": "a PDF file", b"PK\x03\x04": "a ZIP archive", b"\x1f\x8b": "gzip data",
                 b"RIFF": "a RIFF (WebP/WAV) file", b"\x7fELF": "an executable"}

# Field aliases of news-please style records (CONTRACT.md §1).
TEXT_FIELDS = ("maintext", "text", "content", "body")
DATE_FIELDS = ("date_publish", "published", "date", "date_extracted")
OUTLET_FIELDS = ("outlet", "source", "source_name", "source_domain")


def _kind(path: str) -> str:
    p = path.lower()
    if p.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if p.endswith((".json", ".jsonl", ".jsonl.gz")):
        return "json"
    return "txt"


def discover(paths: Iterable[str]) -> Iterator[Document]:
    """Yield one document stub per input document, in input order.

    Unreadable paths yield a stub that the ``read`` stage turns into an error record.
    """
    for given in paths:
        p = Path(given)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.name.lower().endswith(SUFFIXES) and not f.name.startswith("."):
                    yield from _expand(str(f))
        else:
            yield from _expand(given)


def _expand(path: str) -> Iterator[Document]:
    low = path.lower()
    if low.endswith((".jsonl", ".jsonl.gz")):
        opener = gzip.open if low.endswith(".gz") else open
        try:
            with opener(path, "rb") as fh:
                for n, line in enumerate(fh, 1):
                    if line.strip():
                        yield Document(doc_key=f"{path}#{n}", path=path, raw_bytes=line, kind="json")
        except (OSError, EOFError) as exc:
            yield Document(doc_key=path, path=path, kind="json",
                           error=f"cannot read {path}: {exc.__class__.__name__}: {exc}")
        return
    yield Document(doc_key=path, path=path, kind=_kind(path))


def identify(doc: Document) -> Document:
    """Read a stub's bytes (within the size limit) and set its ``doc_id``, or its ``error``.

    Called by the ``read`` stage, and by ingestion to skip stored documents before extracting.
    """
    if doc.raw_bytes is None and doc.error is None:
        try:
            size = os.path.getsize(doc.path)
            if size > MAX_BYTES:
                doc.error = f"{doc.path}: file too large ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB limit)"
                return doc
            with open(doc.path, "rb") as fh:
                doc.raw_bytes = fh.read()
        except OSError as exc:
            doc.error = f"{doc.path}: unreadable: {exc.strerror or exc}"
            return doc
    if doc.raw_bytes is not None and doc.doc_id is None:
        doc.doc_id = hashlib.sha1(doc.raw_bytes).hexdigest()
    return doc


@register
class ReadStage(Stage):
    """Read the raw bytes of a document and hash them."""

    name = "read"
    requires = frozenset({"source"})
    provides = frozenset({"bytes"})

    def __call__(self, doc: Document) -> Document:
        if doc.error:
            raise DocumentError(doc.error)
        identify(doc)
        if doc.error:
            raise DocumentError(doc.error)
        assert doc.raw_bytes is not None
        if not doc.raw_bytes.strip():
            raise DocumentError(f"{doc.doc_key}: empty document")
        for magic, what in _BINARY_MAGIC.items():
            if doc.raw_bytes.startswith(magic):
                raise DocumentError(f"{doc.doc_key}: binary content ({what}), not text")
        if b"\x00" in doc.raw_bytes[:4096] and not doc.raw_bytes.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise DocumentError(f"{doc.doc_key}: binary content (NUL bytes), not text")
        return doc


def decode_bytes(data: bytes, name: str) -> str:
    """Decode document bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or legacy cp1256 Arabic.

    Raises:
        DocumentError: when the bytes are neither valid UTF-8 nor plausibly cp1256 Arabic text.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"{name}: invalid UTF-16: {exc.reason}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    # Legacy Windows Arabic: accept it only if most letters decode to Arabic script.
    try:
        text = data.decode("cp1256")
    except UnicodeDecodeError:
        text = ""
    letters = [c for c in text if c.isalpha()]
    arabic = sum(1 for c in letters if "\u0600" <= c <= "\u06ff")
    if letters and arabic / len(letters) >= 0.5:
        return text
    raise DocumentError(f"{name}: invalid UTF-8 at byte {utf8_error.start} "
                        f"({utf8_error.reason}) and not legacy Arabic (cp1256) text")


@register
class DecodeStage(Stage):
    """Bytes to raw text; JSON records parsed, their ``maintext`` becoming the raw text."""

    name = "decode"
    requires = frozenset({"bytes"})
    provides = frozenset({"raw", "meta"})

    def __call__(self, doc: Document) -> Document:
        assert doc.raw_bytes is not None
        text = decode_bytes(doc.raw_bytes, doc.doc_key)
        if doc.kind == "json":
            try:
                rec = json.loads(text)
            except json.JSONDecodeError as exc:
                raise DocumentError(f"{doc.doc_key}: broken JSON: {exc.msg} at line {exc.lineno} "
                                    f"column {exc.colno}") from None
            if not isinstance(rec, dict):
                raise DocumentError(f"{doc.doc_key}: JSON is a {type(rec).__name__}, expected an article object")
            body = next((rec[k] for k in TEXT_FIELDS if isinstance(rec.get(k), str) and rec[k].strip()), None)
            if body is None:
                raise DocumentError(f"{doc.doc_key}: JSON record has no text (fields {', '.join(TEXT_FIELDS)})")
            doc.record = rec
            doc.raw = body
            doc.meta = {
                "title": rec.get("title") if isinstance(rec.get("title"), str) else None,
                "published": next((rec[k] for k in DATE_FIELDS if rec.get(k)), None),
                "url": rec.get("url"),
                "outlet": next((rec[k] for k in OUTLET_FIELDS[:3] if isinstance(rec.get(k), str) and rec[k]), None),
                "domain": rec.get("source_domain"),
                "language": rec.get("language"),
            }
        elif doc.kind == "html":
            doc.raw, doc.meta = _html_to_text(text, doc.doc_key)
        else:
            doc.raw = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
        if not doc.raw.strip():
            raise DocumentError(f"{doc.doc_key}: no text")
        return doc


def _html_to_text(html: str, name: str) -> tuple[str, dict]:
    """Main text and metadata of a saved page (trafilatura), the text becoming the raw text."""
    import trafilatura  # imported lazily: only HTML input pays for it

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=False,
                                   favor_recall=True, with_metadata=False) or ""
        md = trafilatura.extract_metadata(html)
    except Exception as exc:  # trafilatura raises many types on broken markup
        raise DocumentError(f"{name}: unparsable HTML: {exc}") from None
    meta = {}
    if md is not None:
        meta = {"title": md.title, "published": md.date, "url": md.url,
                "outlet": md.sitename, "domain": md.hostname}
    meta["title"] = page_headline(html, meta.get("title"))
    if not meta.get("outlet"):
        meta["outlet"] = page_outlet(html, meta.get("title"))
    return text, meta


def page_headline(html: str, title: str | None) -> str | None:
    """The page's <h1> when the title is missing or is that headline plus a site suffix
    ("الرئيس يستقبل … | بوابة الشروق"); an <h1> holding only the logo (one or two words) is no headline."""
    for m in re.finditer(r"<h1\b[^>]*>(.*?)</h1>", html, re.S | re.I):
        h1 = " ".join(htmllib.unescape(_TAGS.sub(" ", m.group(1))).split())
        if not 3 <= len(h1.split()) <= 40:
            continue
        t = " ".join((title or "").split())
        if not t or (h1 in t and h1 != t):
            return h1
    return title


# --------------------------------------------------------------------------------------------------
# The outlet of a page that has no og:site_name: its copyright line, else its <title> suffix
# --------------------------------------------------------------------------------------------------

_TITLE_SPLIT = re.compile(r"\s+[|\-–—:]\s+|\s*[|•»«]\s*")
_YEARS = re.compile(r"\b\d{4}(?:\s*[-–]\s*\d{4})?\b|[\u0660-\u0669]{4}")
_TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S | re.I)


@lru_cache(maxsize=1)
def _site_words() -> tuple[re.Pattern, frozenset[str], tuple[str, ...]]:
    data = json.loads(resources.files("marsad.data").joinpath("boilerplate.json").read_text("utf-8"))
    phrases = sorted(data["copyright_phrases"], key=len, reverse=True)
    rx = re.compile("|".join(re.escape(p) for p in phrases), re.I)
    return rx, frozenset(data["site_name_generic"]), tuple(data["site_name_prefixes"])


def _clean_name(name: str) -> str | None:
    _rx, _generic, prefixes = _site_words()
    name = " ".join(name.strip(" .,،:-–—|()[]").split())
    for p in prefixes:
        if name.startswith(p):
            name = name[len(p):].strip()
    if name.startswith("لل"):  # "محفوظة للشروق" → الشروق
        name = name[1:]
    words = name.split()
    return name if 1 <= len(words) <= 5 and not any(c.isdigit() for c in name) else None


def page_outlet(html: str, headline: str | None) -> str | None:
    """"جميع الحقوق محفوظة © 2024 الشروق أونلاين" → الشروق أونلاين; else the part of
    "<title>الرئيس يستقبل … | بوابة الشروق - الأخبار العاجلة</title>" that is no headline or tagline."""
    rx, generic, _p = _site_words()
    for line in htmllib.unescape(_TAGS.sub("\n", html[-20000:])).splitlines():
        if len(line) < 200 and rx.search(line):
            name = _clean_name(_YEARS.sub(" ", rx.sub(" ", line)))
            if name:
                return name
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.S | re.I)
    if not m:
        return None
    head = " ".join((headline or "").split())
    parts = [" ".join(p.split()) for p in _TITLE_SPLIT.split(htmllib.unescape(_TAGS.sub(" ", m.group(1))))]
    for part in reversed(parts):
        if not part or part == head or (head and (part in head or head in part)) or part in generic:
            continue
        if part.split()[0] in generic:  # "أخبار الجزائر"، "الأخبار العاجلة على مدار الساعة"
            continue
        name = _clean_name(part)
        if name and len(name.split()) <= 4:
            return name
    return None
