"""Input discovery and the ``read`` and ``decode`` stages: bounded and total.

:func:`discover` turns command-line paths into :class:`~marsad.doc.Document` stubs lazily: files
in the order given, folders recursively in sorted order, one document per line of ``.jsonl`` and
``.jsonl.gz`` files. Reading bytes and decoding them are stages so their failures become
per-document errors.

Every path through here is bounded (no document over :data:`MAX_BYTES` is held in memory, gzip is
streamed with a cap on what it may inflate, decoded text is capped at :data:`MAX_TEXT_CHARS`) and
total: whatever the input, each document comes out either read or as a stub whose ``error`` names
it and the problem, and discovery itself never raises. Repairs that keep a document (bad UTF-8
bytes, NUL, lone surrogates, unusable JSON fields) are listed in ``doc.meta["warnings"]``.
"""
from __future__ import annotations

import bisect
import codecs
import hashlib
import html as htmllib
import io
import json
import os
import re
import stat
import threading
import zlib
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import IO, Any

from ..doc import Document, DocumentError
from ..pipeline import Stage

MAX_BYTES = 20 * 1024 * 1024  # one document (file, .jsonl line, inflated .jsonl.gz line); a news page is never this big
MAX_GZ_BYTES = 2 * 1024 ** 3  # inflated bytes one .jsonl.gz may yield before the rest is refused (gzip bombs)
MAX_TEXT_CHARS = 500_000  # decoded text handed to the pipeline: ~250 pages; later stages are not linear beyond
MAX_FIELD_CHARS = {"title": 2000, "published": 200, "url": 4096, "outlet": 300, "domain": 300, "language": 50}
MAX_FOLDER_DEPTH = 64
SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".jsonl.gz", ".xhtml")
_BINARY_MAGIC = {b"\x89PNG": "a PNG image", b"\xff\xd8\xff": "a JPEG image", b"GIF8": "a GIF image",
                 b"%PDF": "a PDF file", b"PK\x03\x04": "a ZIP archive", b"\x1f\x8b": "gzip data",
                 b"RIFF": "a RIFF (WebP/WAV) file", b"\x7fELF": "an executable"}

# Field aliases of news-please style records (CONTRACT.md §1).
TEXT_FIELDS = ("maintext", "text", "content", "body")
DATE_FIELDS = ("date_publish", "published", "date", "date_extracted")
OUTLET_FIELDS = ("outlet", "source", "source_name", "source_domain")


# --------------------------------------------------------------------------------------------------
# Names: what a record calls a document must itself be valid Unicode
# --------------------------------------------------------------------------------------------------

_SURROGATES = re.compile("[\ud800-\udfff]")


def scrub(s: str) -> str:
    """``s`` made encodable as UTF-8: bytes of a non-UTF-8 file name (the surrogate escapes Python
    decodes them to) become ``\\xNN``, any other lone surrogate U+FFFD. Valid text is returned as is."""
    if not _SURROGATES.search(s):
        return s
    return _SURROGATES.sub(lambda m: f"\\x{ord(m.group()) - 0xDC00:02x}" if "\udc80" <= m.group() <= "\udcff"
                           else "\ufffd", s)


def _kind(path: str) -> str:
    p = path.lower()
    if p.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if p.endswith((".json", ".jsonl", ".jsonl.gz")):
        return "json"
    return "txt"


def _stub(path: str, problem: str, key: str | None = None) -> Document:
    key = key or scrub(path)
    return Document(doc_key=key, path=path, kind=_kind(path), error=f"{key}: {problem}")


_SPECIAL_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _special(mode: int) -> str | None:
    """What a non-regular, non-folder file is ("a FIFO (named pipe)"), or None for a regular file."""
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return next((what for test, what in _SPECIAL_KINDS if test(mode)), "not a regular file")


# --------------------------------------------------------------------------------------------------
# Discovery
# --------------------------------------------------------------------------------------------------

def discover(paths: Iterable[str | bytes | os.PathLike]) -> Iterator[Document]:
    """Yield one document stub per input document, in input order; never raises.

    Stubs of paths that cannot be documents (missing, unreadable, broken symbolic links, FIFOs,
    devices, sockets, unreadable folders, oversized or corrupt ``.jsonl(.gz)`` lines) carry an
    ``error`` naming the document; the ``read`` stage turns it into an error record. Paths may be
    ``str``, ``bytes`` or path objects.
    """
    for given in map(os.fsdecode, paths):
        if "\x00" in given:  # no file has such a name; keys must carry no NUL either
            yield _stub(given, "NUL in the file name: not read", scrub(given).replace("\x00", "\ufffd"))
            continue
        try:
            st = os.stat(given)
        except OSError:
            if os.path.islink(given):
                yield _stub(given, "broken symbolic link")
            else:  # the read stage reports it as unreadable
                yield Document(doc_key=scrub(given), path=given, kind=_kind(given))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk(given, 0)
        elif _special(st.st_mode):
            yield _stub(given, f"not a regular file ({_special(st.st_mode)}): not read")
        else:
            yield from _expand(given)


def _walk(folder: str, depth: int) -> Iterator[Document]:
    """Files under ``folder`` with a known suffix, depth first, entries sorted by name (hidden files
    and symbolic links to folders skipped); special files and broken links there are error stubs."""
    if depth > MAX_FOLDER_DEPTH:
        yield _stub(folder, f"folders nested deeper than {MAX_FOLDER_DEPTH}: not read")
        return
    try:
        with os.scandir(folder) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield _stub(folder, f"unreadable folder: {exc.strerror or exc}")
        return
    for e in entries:
        try:
            if e.is_dir(follow_symlinks=False):
                yield from _walk(e.path, depth + 1)
                continue
        except OSError:
            pass
        if e.name.startswith(".") or not e.name.lower().endswith(SUFFIXES):
            continue
        try:
            mode = os.stat(e.path).st_mode
        except OSError as exc:
            yield _stub(e.path, "broken symbolic link" if e.is_symlink() else f"unreadable: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(mode):  # a link to a folder: not followed (loops)
            continue
        if _special(mode):
            yield _stub(e.path, f"not a regular file ({_special(mode)}): not read")
        else:
            yield from _expand(e.path)


def _open_regular(path: str) -> tuple[IO[bytes], int]:
    """Open a regular file for reading without ever blocking (a FIFO swapped in after discovery
    would block ``open``): returns the file and its size.

    Raises:
        OSError: unreadable, or (errno 0) not a regular file.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        st = os.fstat(fd)
        what = _special(st.st_mode) or ("a folder" if stat.S_ISDIR(st.st_mode) else None)
        if what:
            raise OSError(0, f"not a regular file ({what})")
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb"), st.st_size
    except BaseException:
        os.close(fd)
        raise


def _expand(path: str) -> Iterator[Document]:
    low = path.lower()
    if not low.endswith((".jsonl", ".jsonl.gz")):
        yield Document(doc_key=scrub(path), path=path, kind=_kind(path))
        return
    key = scrub(path)
    try:
        fh, _size = _open_regular(path)
    except OSError as exc:
        yield _stub(path, f"unreadable: {exc.strerror or exc}", key)
        return
    with fh:
        if low.endswith(".gz"):
            with io.BufferedReader(_Gunzip(fh), 1 << 16) as gz:
                yield from _jsonl_records(gz, path, key, MAX_GZ_BYTES)
        else:
            yield from _jsonl_records(fh, path, key, None)


class _Gunzip(io.RawIOBase):
    """The inflated bytes of a gzip file (every member), fed 512 bytes of input at a time.

    :class:`gzip.GzipFile` inflates in large steps, so a corrupt spot loses the records decoded just
    before it; here at most one small step is lost. Raises ``zlib.error`` on corrupt data (CRC
    included) and ``EOFError`` on a truncated stream, when the bytes before have been delivered.
    """

    _STEP = 512  # small: a corrupt spot costs the output of one step

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh = fh
        self.z = zlib.decompressobj(31)  # 31: gzip framing, trailer CRC checked
        self.started = False

    def readable(self) -> bool:
        return True

    def readinto(self, buf: Any) -> int:
        while True:
            if self.z.eof:  # next member, or the end (zero padding after the last one is allowed)
                data = self.z.unused_data or self.fh.read(self._STEP)
                while data and not data.strip(b"\0"):
                    data = self.fh.read(self._STEP)
                if not data:
                    return 0
                self.z = zlib.decompressobj(31)
            else:
                data = self.z.unconsumed_tail or self.fh.read(self._STEP)
                if not data:
                    if not self.started:
                        return 0  # an empty file: no records
                    raise EOFError("compressed file ended before the end-of-stream marker was reached")
            self.started = True
            out = self.z.decompress(data, len(buf))
            if out:
                buf[:len(out)] = out
                return len(out)


_STREAM_ERRORS = (OSError, EOFError, zlib.error, ValueError)  # gzip: BadGzipFile is an OSError


def _jsonl_records(fh: IO[bytes], path: str, key: str, total_cap: int | None) -> Iterator[Document]:
    """One stub per non-blank line, each line read with a bound (an oversized line is skipped
    in chunks, never held); a stream error stops the file with an error stub for the line it hit."""
    n = total = 0
    while True:
        n += 1
        name = f"{key}#{n}"
        try:
            line = fh.readline(MAX_BYTES + 1)
            total += len(line)
            oversized = len(line) > MAX_BYTES and not line.endswith(b"\n")
            while oversized:  # skip the rest of the line, 1 MiB at a time
                chunk = fh.readline(1 << 20)
                total += len(chunk)
                if not chunk or chunk.endswith(b"\n") or (total_cap and total > total_cap):
                    break
        except _STREAM_ERRORS as exc:
            what = "corrupt or truncated gzip data" if total_cap else "read error"
            yield _stub(path, f"{what} ({exc.__class__.__name__}: {exc}); line {n} and after not read", name)
            return
        if not line:
            return
        if total_cap and total > total_cap:
            yield _stub(path, f"more than {total_cap // 1024 ** 2} MiB inflated (a gzip bomb?); "
                              f"line {n} and after not read", name)
            return
        if oversized:
            yield Document(doc_key=name, path=path, kind="json",
                           error=f"{name}: line too large (over {MAX_BYTES // 1024 ** 2} MiB limit)")
        elif line.strip():
            yield Document(doc_key=name, path=path, raw_bytes=line, kind="json")


# --------------------------------------------------------------------------------------------------
# The read stage
# --------------------------------------------------------------------------------------------------

def identify(doc: Document) -> Document:
    """Read a stub's bytes (within the size limit) and set its ``doc_id``, or its ``error``.

    Called by the ``read`` stage, and by ingestion to skip stored documents before extracting.
    Never raises: special files, oversized and unreadable files set ``error``.
    """
    if doc.raw_bytes is None and doc.error is None:
        try:
            fh, size = _open_regular(doc.path)
            with fh:
                if size > MAX_BYTES:
                    doc.error = f"{doc.doc_key}: file too large ({size / 1e6:.1f} MB > {MAX_BYTES / 1e6:.0f} MB limit)"
                    return doc
                data = fh.read(MAX_BYTES + 1)  # the file may have grown since fstat
            if len(data) > MAX_BYTES:
                doc.error = f"{doc.doc_key}: file too large (over {MAX_BYTES / 1e6:.0f} MB limit)"
                return doc
            doc.raw_bytes = data
        except OSError as exc:
            doc.error = f"{doc.doc_key}: unreadable: {exc.strerror or exc}"
            return doc
    if doc.raw_bytes is not None and doc.doc_id is None:
        doc.doc_id = hashlib.sha1(doc.raw_bytes).hexdigest()
    return doc


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
         (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"), (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"))


def _nul_pattern(head: bytes) -> str:
    """What NUL bytes at the start suggest: UTF-16/UTF-32 without a byte-order mark, or binary.

    UTF-32 of BMP text has NUL in the same two of every four bytes; UTF-16 has NUL (spaces, digits,
    Latin letters) only at odd or only at even offsets; binary data has them anywhere.
    """
    n = len(head) - len(head) % 4
    if n >= 8:
        zeros = [sum(1 for i in range(r, n, 4) if head[i] == 0) / (n // 4) for r in range(4)]
        if sum(z > 0.9 for z in zeros) >= 2:
            return "UTF-32 text without a byte-order mark (not read: add a BOM or convert to UTF-8)"
        even, odd = head[0::2].count(0), head[1::2].count(0)
        if min(even, odd) == 0 and max(even, odd) >= 4:
            return "UTF-16 text without a byte-order mark (not read: add a BOM or convert to UTF-8)"
    return "binary content (NUL bytes), not text"


class ReadStage(Stage):
    """Read the raw bytes of a document and hash them; refuse binary content."""

    name = "read"
    requires = frozenset({"source"})
    provides = frozenset({"raw_bytes"})

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
        head = doc.raw_bytes[:4096]
        if b"\x00" in head and not any(head.startswith(bom) for bom, _e, _l in _BOMS):
            raise DocumentError(f"{doc.doc_key}: {_nul_pattern(head)}")
        return doc


# --------------------------------------------------------------------------------------------------
# Decoding: report or repair, never guess silently
# --------------------------------------------------------------------------------------------------

class _TooDamaged(Exception):
    pass


_damage = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    """Codec error handler: U+FFFD for each bad sequence, remembering where; gives up past a cap."""
    errs = _damage.errors
    errs.append(exc.start)  # type: ignore[attr-defined]
    if len(errs) > _damage.cap:
        raise _TooDamaged
    return "\ufffd", exc.end  # type: ignore[attr-defined]


codecs.register_error("marsad-count", _count_and_replace)


def _decode_counting(data: bytes, encoding: str) -> tuple[str, list[int]] | None:
    """``data`` decoded with bad sequences replaced, and their byte offsets; None when more than
    about 1% of it is bad (then it is not this encoding)."""
    _damage.errors, _damage.cap = [], 16 + len(data) // 100
    try:
        return data.decode(encoding, "marsad-count"), _damage.errors
    except _TooDamaged:
        return None
    finally:
        _damage.errors = []


_C0 = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_LETTER = re.compile(r"[^\W\d_]")
_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{2,}")
_UTF7_RUN = re.compile(rb"\+[A-Za-z0-9/+]{3,}-?")
_SAMPLE = 200_000  # characters judged for plausibility: enough to tell, cheap on 20 MB


def _legacy_arabic(data: bytes) -> str | None:
    """``data`` as Windows Arabic (cp1256) when it reads as Arabic prose: no control characters,
    mostly Arabic letters, several Arabic words, spaces between them; else None (random bytes
    decode as cp1256 too, so plausibility is the only evidence)."""
    text = data.decode("cp1256")
    sample = text[:_SAMPLE]
    if _C0.search(text) or "ط§" in sample or "ظ„" in sample:  # the last two: UTF-8 "ال" read as cp1256
        return None
    letters = len(_LETTER.findall(sample))
    arabic = len(_ARABIC.findall(sample))
    spaces = sum(sample.count(c) for c in " \n\t")
    if letters and arabic / letters >= 0.6 and len(_ARABIC_WORD.findall(sample)) >= 3 \
            and spaces >= 0.05 * len(sample):
        return text
    return None


def _plausible_unicode(text: str) -> bool:
    """Whether UTF-16/32 text is text Marsad could read (Latin, Arabic, punctuation, spaces) rather
    than random bytes behind a byte-order mark, which decode to rare CJK and unassigned characters."""
    sample = text[:_SAMPLE]
    if not sample:
        return True
    common = len(re.findall("[\t\n\r\x20-\u024f\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\u2000-\u206f"
                            "\ufb50-\ufdff\ufe70-\ufeff]", sample))
    return common >= 0.8 * len(sample)


def decode_text(data: bytes, name: str) -> tuple[str, list[str]]:
    """Decode document bytes and say what was repaired.

    Reads UTF-8 (with or without BOM), UTF-16 and UTF-32 with a byte-order mark, and legacy Windows
    Arabic (cp1256). UTF-8 with a few bad bytes (a download cut mid-character) is decoded with
    U+FFFD in their place and a warning, never switched to another encoding.

    Returns:
        ``(text, warnings)``: warnings are human-readable sentences, empty for clean input.
    Raises:
        DocumentError: UTF-7, damaged or implausible UTF-16/32, or bytes that are neither UTF-8
            (but for a few bad bytes) nor Arabic prose in cp1256.
    """
    for bom, enc, label in _BOMS:  # UTF-32 first: its little-endian BOM starts with UTF-16's
        if data.startswith(bom):
            res = _decode_counting(data[len(bom):], enc)
            if res is None or not _plausible_unicode(res[0]):
                raise DocumentError(f"{name}: {label} byte-order mark but not {label} text")
            text, errs = res
            warns = [f"{len(errs)} invalid {label} sequence(s) replaced by U+FFFD "
                     f"(first at byte {errs[0] + len(bom)})"] if errs else []
            return text, warns
    if data[:4] in (b"+/v8", b"+/v9", b"+/v+", b"+/v/"):
        raise DocumentError(f"{name}: UTF-7 text (byte-order mark +/v): not supported, convert to UTF-8")
    skip = 3 if data.startswith(codecs.BOM_UTF8) else 0
    body = data[skip:] if skip else data
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc
    else:
        if b"+" in body and body.isascii():
            runs = _UTF7_RUN.findall(body[:_SAMPLE])
            if len(runs) >= 2 and sum(map(len, runs)) >= 0.3 * len(body[:_SAMPLE].replace(b" ", b"")):
                raise DocumentError(f"{name}: looks like UTF-7 text: not supported, convert to UTF-8")
        return text, []
    res = _decode_counting(body, "utf-8")
    if res is not None:
        text, errs = res
        multibyte = len(text) - len(text.encode("ascii", "ignore")) - len(errs)
        if multibyte >= 10 * len(errs):  # UTF-8 with damage, not another encoding
            return text, [f"{len(errs)} invalid UTF-8 byte sequence(s) replaced by U+FFFD "
                          f"(first at byte {errs[0] + skip})"]
    legacy = _legacy_arabic(body)
    if legacy is not None:
        return legacy, []
    raise DocumentError(f"{name}: invalid UTF-8 at byte {first.start + skip} ({first.reason}) "
                        f"and not legacy Arabic (cp1256) text")


def decode_bytes(data: bytes, name: str) -> str:
    """The text of :func:`decode_text` without its warnings.

    Raises:
        DocumentError: as :func:`decode_text`.
    """
    return decode_text(data, name)[0]


_BAD_CHARS = re.compile("[\x00\ud800-\udfff]")


def clean_chars(text: str) -> tuple[str, list[str]]:
    """NUL and lone surrogates replaced by U+FFFD (they break C libraries, databases and UTF-8
    output), with a warning naming how many; ``(text, [])`` when there are none."""
    if not _BAD_CHARS.search(text):
        return text, []
    nul = text.count("\x00")
    text, n = _BAD_CHARS.subn("\ufffd", text)
    what = [f"{nul} NUL"] if nul else []
    what += [f"{n - nul} lone surrogate"] if n - nul else []
    return text, [f"{' and '.join(what)} character(s) replaced by U+FFFD"]


# --------------------------------------------------------------------------------------------------
# JSON records: parsed with bounds, the fields used validated against the record schema
# --------------------------------------------------------------------------------------------------

def _bounded_int(s: str) -> int | float:
    # Python refuses int() of over 4,300 digits with a ValueError; no field needs more than a few
    return int(s) if len(s) <= 100 else float(s)


def parse_record(text: str, name: str) -> dict[str, Any]:
    """One JSON article record.

    Raises:
        DocumentError: broken JSON, nested too deeply, or not an object.
    """
    try:
        rec = json.loads(text, parse_int=_bounded_int)
    except json.JSONDecodeError as exc:
        raise DocumentError(f"{name}: broken JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise DocumentError(f"{name}: broken JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. a number the parser refuses
        raise DocumentError(f"{name}: broken JSON: {exc}") from None
    if not isinstance(rec, dict):
        raise DocumentError(f"{name}: JSON is a {type(rec).__name__}, expected an article object")
    return rec


def _field_str(rec: dict, key: str, slot: str, warns: list[str]) -> str | None:
    """``rec[key]`` when it is a usable string for ``slot``; else None, with a warning when present."""
    v = rec.get(key)
    if v is None or v == "":
        return None
    if not isinstance(v, str):
        what = "a number" if isinstance(v, (int, float)) and not isinstance(v, bool) else f"a {type(v).__name__}"
        shown = f" ({str(v)[:20]})" if isinstance(v, (int, float)) and abs(v) < 1e20 else ""
        warns.append(f"field {key!r} is {what}{shown}, not a string: ignored")
        return None
    if len(v) > MAX_FIELD_CHARS[slot]:
        warns.append(f"field {key!r} is {len(v)} characters long (limit {MAX_FIELD_CHARS[slot]}): ignored")
        return None
    v, fixed = clean_chars(v)
    warns.extend(f"field {key!r}: {w}" for w in fixed)
    return v


def record_fields(rec: dict[str, Any], name: str) -> tuple[str, dict[str, Any], list[str]]:
    """The body text, metadata and warnings of a parsed record.

    Metadata fields must be strings within :data:`MAX_FIELD_CHARS`; others are ignored with a
    warning (a numeric ``date_publish`` is not a date: 1 would be 1970-01-01 as epoch seconds).

    Raises:
        DocumentError: no text field holding a non-empty string.
    """
    warns: list[str] = []
    body = next((rec[k] for k in TEXT_FIELDS if isinstance(rec.get(k), str) and rec[k].strip()), None)
    if body is None:
        wrong = [f"{k!r} is a {type(rec[k]).__name__}" for k in TEXT_FIELDS
                 if rec.get(k) is not None and not isinstance(rec[k], str)]
        detail = f"; {', '.join(wrong)}" if wrong else ""
        raise DocumentError(f"{name}: JSON record has no text (fields {', '.join(TEXT_FIELDS)}{detail})")
    meta: dict[str, Any] = {"title": _field_str(rec, "title", "title", warns)}
    meta["published"] = next((v for k in DATE_FIELDS if (v := _field_str(rec, k, "published", warns))), None)
    meta["url"] = _field_str(rec, "url", "url", warns)
    meta["outlet"] = next((v for k in OUTLET_FIELDS[:3] if (v := _field_str(rec, k, "outlet", warns))), None)
    meta["domain"] = _field_str(rec, "source_domain", "domain", warns)
    meta["language"] = _field_str(rec, "language", "language", warns)
    return body, meta, warns


class DecodeStage(Stage):
    """Bytes to raw text; JSON records parsed, their ``maintext`` becoming the raw text.

    ``doc.meta["warnings"]`` lists what was repaired on the way (see :func:`decode_text`,
    :func:`clean_chars`, :func:`record_fields`); a text over :data:`MAX_TEXT_CHARS` is an error.
    """

    name = "decode"
    requires = frozenset({"raw_bytes"})
    provides = frozenset({"raw", "meta"})

    def __call__(self, doc: Document) -> Document:
        assert doc.raw_bytes is not None
        text, warns = decode_text(doc.raw_bytes, doc.doc_key)
        if doc.kind == "json":
            rec = parse_record(text, doc.doc_key)
            body, doc.meta, more = record_fields(rec, doc.doc_key)
            warns += more
            doc.record = rec
            doc.raw, more = clean_chars(body)
        else:
            text, more = clean_chars(text)
            if doc.kind == "html":
                doc.raw, doc.meta = _html_to_text(text, doc.doc_key)
            else:
                doc.raw = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
        warns += more
        if not doc.raw.strip():
            raise DocumentError(f"{doc.doc_key}: no text")
        if len(doc.raw) > MAX_TEXT_CHARS:
            raise DocumentError(f"{doc.doc_key}: text too long ({len(doc.raw):,} characters > "
                                f"{MAX_TEXT_CHARS:,} limit): not extracted")
        if warns:
            doc.meta["warnings"] = warns
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
    for inner in _tag_texts(html, "h1"):
        h1 = " ".join(htmllib.unescape(_TAGS.sub(" ", inner)).split())
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
_OPEN = {t: re.compile(rf"<{t}\b[^<>]{{0,1000}}>", re.I) for t in ("h1", "title")}
_CLOSE = {t: re.compile(rf"</{t}>", re.I) for t in ("h1", "title")}


def _tag_texts(html: str, tag: str) -> Iterator[str]:
    """The inner markup of each ``<tag …>…</tag>`` (each opening tag up to the next closing one,
    at most 5,000 characters), found in one pass: a regex per opening tag scanning to the next
    close made pages with thousands of unclosed tags quadratic."""
    closes = [m.start() for m in _CLOSE[tag].finditer(html)]
    if not closes:
        return
    for m in _OPEN[tag].finditer(html):
        i = bisect.bisect_left(closes, m.end())
        if i == len(closes):
            return
        if closes[i] - m.end() <= 5000:
            yield html[m.end():closes[i]]


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
    m = next(_tag_texts(html, "title"), None)
    if m is None:
        return None
    head = " ".join((headline or "").split())
    parts = [" ".join(p.split()) for p in _TITLE_SPLIT.split(htmllib.unescape(_TAGS.sub(" ", m)))]
    for part in reversed(parts):
        if not part or part == head or (head and (part in head or head in part)) or part in generic:
            continue
        if part.split()[0] in generic:  # "أخبار الجزائر"، "الأخبار العاجلة على مدار الساعة"
            continue
        name = _clean_name(part)
        if name and len(name.split()) <= 4:
            return name
    return None
