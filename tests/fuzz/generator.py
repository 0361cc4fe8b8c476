"""A seeded generator of bad inputs for ``marsad extract``, mixed with good documents.

:func:`generate` returns :class:`Case` objects: file bytes (or a special file to make), what kind of
input it is, and the document keys its output must hold. :func:`write` puts them on disk. The same
seed always gives the same cases, so a failing case is reproduced by its seed and name.

Mutations: truncations, byte flips, insertions and deletions, invalid UTF-8 bytes, lone surrogates
and NUL in JSON strings, corrupt and truncated gzip, gzip bombs, deep JSON, huge numbers, numeric
and absurd dates, wrong field types, wrong encodings (UTF-16/32 with and without BOM, UTF-7,
random bytes, Latin-1), special files (FIFO, broken link, /dev/zero, a folder named like a file),
oversized lines and one-word-per-line pages, non-UTF-8 file names.
"""
from __future__ import annotations

import gzip
import json
import os
import random
import zlib
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEEDS = SHARED / "corpus" / "seeds"
DEV = SHARED / "corpus" / "dev-multisource"

GOOD, BAD, SPECIAL = "good", "bad", "special"


@dataclass
class Case:
    """One input. ``name`` is a file name (bytes for non-UTF-8 names); ``data`` its bytes, or None
    for a special file; ``keys`` the suffixes of the document keys its records must have, in order
    (None when the number of records depends on where a stream breaks); ``good_keys`` those that
    must be extracted without error; ``text`` the good text whose mojibake would be silent damage."""

    name: str | bytes
    data: bytes | None
    kind: str
    mutation: str
    keys: list[str] | None = None
    good_keys: list[str] = field(default_factory=list)
    special: str | None = None
    text: str | None = None

    @property
    def fsname(self) -> bytes:
        return self.name if isinstance(self.name, bytes) else os.fsencode(self.name)


def good_pool(limit: int | None = None) -> list[tuple[str, str, dict | None]]:
    """Good documents: ``(suffix, text, record)``; seeds are ``.txt`` pages, dev-multisource
    ``.json`` records. Empty when ../shared is absent."""
    pool: list[tuple[str, str, dict | None]] = []
    for p in sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []:
        pool.append(("txt", p.read_text("utf-8"), None))
    for p in sorted(DEV.glob("*.json")) if DEV.exists() else []:
        rec = json.loads(p.read_text("utf-8"))
        pool.append(("json", rec.get("maintext") or "", rec))
    return pool[:limit] if limit else pool


def _html(text: str) -> str:
    paras = "".join(f"<p>{line}</p>\n" for line in text.splitlines() if line.strip())
    head = text.strip().splitlines()[0][:80]
    return (f"<!DOCTYPE html><html lang='ar'><head><meta charset='utf-8'><title>{head} | بوابة الخبر</title>"
            f"</head><body><article><h1>{head}</h1>\n{paras}</article></body></html>")


def _good_bytes(rng: random.Random, pool) -> tuple[str, bytes, str]:
    txt = [p for p in pool if p[0] == "txt"]
    suffix, text, rec = rng.choice(txt if txt and rng.random() < 0.3 else pool)
    roll = rng.random()
    if suffix == "json":
        return "json", json.dumps(rec, ensure_ascii=rng.random() < 0.2).encode("utf-8"), text
    if roll < 0.15:
        return "html", _html(text).encode("utf-8"), text
    if roll < 0.25:
        return "txt", text.encode("cp1256", "replace"), text  # legacy Arabic: good, must be read
    if roll < 0.35:
        return "txt", b"\xef\xbb\xbf" + text.encode("utf-8"), text
    return "txt", text.encode("utf-8"), text


# ------------------------------------------------------------------ mutations of bytes

def _truncate(rng, b):
    return b[:rng.randrange(1, max(2, len(b)))]


def _flip(rng, b):
    b = bytearray(b)
    for _ in range(rng.choice((1, 1, 2, 5, 50))):
        i = rng.randrange(len(b))
        b[i] ^= 1 << rng.randrange(8) if rng.random() < 0.7 else rng.randrange(1, 256)
    return bytes(b)


def _insert(rng, b):
    i = rng.randrange(len(b) + 1)
    junk = rng.choice((b"\xff", b"\xd8", b"\x00", b"\xed\xa0\x80", b"\xc0\xaf", bytes(rng.randrange(256)
                       for _ in range(rng.randrange(1, 64))), b"{[\"\\", b"\r\n\r", b"\xef\xbb\xbf"))
    return b[:i] + junk + b[i:]


def _delete(rng, b):
    i = rng.randrange(len(b))
    return b[:i] + b[i + rng.randrange(1, 200):]


def _cut_char(rng, b):
    """A valid UTF-8 document with one byte of a multi-byte character missing."""
    starts = [i for i in range(0, len(b) - 1, 7) if b[i] >= 0xC2]
    if not starts:
        return b + b"\xd8"
    i = rng.choice(starts)
    return b[:i + 1] + b[i + 2:]


BYTE_MUTATIONS = {"truncate": _truncate, "flip": _flip, "insert": _insert, "delete": _delete,
                  "cut-char": _cut_char}


# ------------------------------------------------------------------ mutations of JSON records

def _json_mutations(rng: random.Random, rec: dict) -> tuple[str, bytes]:
    r = dict(rec)
    kind = rng.choice(("surrogate", "nul", "deep", "hugeint", "numdate", "absurddate", "types",
                       "notobject", "notext", "longfield"))
    if kind == "surrogate":
        fieldname = rng.choice(("title", "outlet", "maintext"))
        s = json.dumps(r, ensure_ascii=False)
        key = f'"{fieldname}": "'
        i = s.find(key)
        i = i + len(key) if i >= 0 else 1
        pos = i + rng.randrange(0, 20)
        esc = rng.choice(("\\ud800", "\\udfff", "\\udc80", "\\ud83d"))
        return f"surrogate-{fieldname}", (s[:pos] + esc + s[pos:]).encode("utf-8")
    if kind == "nul":
        r["maintext"] = r.get("maintext", "") + "\x00" + "نص"
        r["title"] = "\x00" + str(r.get("title"))
    elif kind == "deep":
        n = rng.choice((100, 990, 1000, 5000, 100_000))
        return f"deep-{n}", ('{"maintext": "نص", "x": ' + "[" * n + "]" * n + "}").encode()
    elif kind == "hugeint":
        r[rng.choice(("n", "date_publish", "id"))] = 0
        return "hugeint", json.dumps(r, ensure_ascii=False).replace(": 0", ": " + "7" * rng.choice(
            (400, 4301, 5000, 50_000)), 1).encode("utf-8")
    elif kind == "numdate":
        r["date_publish"] = rng.choice((1, 0, -5, 1.5e12, 10**30, 1e308, True))
    elif kind == "absurddate":
        r["date_publish"] = rng.choice(("1" * 400, "9999-99-99", "0000-00-00", "2018-02-30",
                                        "31/31/3131", "\u0661" * 50, "x" * 5000))
    elif kind == "types":
        r[rng.choice(("title", "outlet", "url", "source_domain", "language"))] = rng.choice(
            ([1, 2], {"a": "b"}, 3.5, True, ["نص"]))
    elif kind == "notobject":
        return "notobject", json.dumps([r], ensure_ascii=False).encode("utf-8")
    elif kind == "notext":
        r.pop("maintext", None)
        r["text"] = rng.choice((None, 5, ["نص"], {"p": "نص"}, "   "))
    elif kind == "longfield":
        r["title"] = "عنوان " * 5000
    return kind, json.dumps(r, ensure_ascii=rng.random() < 0.5).encode("utf-8")


# ------------------------------------------------------------------ wrong encodings

def _encoding_case(rng: random.Random, text: str) -> tuple[str, bytes]:
    kind = rng.choice(("utf32-bom", "utf32-nobom", "utf16-nobom", "utf7", "utf7-bom", "random",
                       "random-short", "latin1", "utf16-odd", "bom-junk"))
    if kind == "utf32-bom":
        return kind, text.encode("utf-32")
    if kind == "utf32-nobom":
        return kind, text.encode("utf-32-le")
    if kind == "utf16-nobom":
        return kind, text.encode("utf-16-le")
    if kind == "utf7":
        return kind, text.encode("utf-7")
    if kind == "utf7-bom":
        return kind, b"+/v8" + text.encode("utf-7")
    if kind == "random":
        return kind, bytes(rng.randrange(256) for _ in range(rng.randrange(100, 5000)))
    if kind == "random-short":
        return kind, bytes(rng.randrange(128, 256) for _ in range(rng.randrange(2, 30)))
    if kind == "latin1":
        return kind, ("café crème brûlée " * rng.randrange(1, 30)).encode("latin-1")
    if kind == "utf16-odd":
        return kind, text.encode("utf-16")[:-1]
    return kind, b"\xff\xfe" + bytes(rng.randrange(256) for _ in range(rng.randrange(10, 400)))


# ------------------------------------------------------------------ the generator

def generate(n_bad: int, seed: int = 14, n_good: int | None = None, heavy: bool = False) -> list[Case]:
    """``n_bad`` bad inputs and ``n_good`` (default n_bad // 10) good ones, shuffled by ``seed``.

    ``heavy`` adds the expensive inputs (gzip bombs, 25 MB lines, multi-megabyte pages); they
    are given names starting with ``heavy-`` so a runner can give them runs of their own.
    """
    rng = random.Random(seed)
    pool = good_pool()
    if not pool:
        raise RuntimeError(f"no good documents under {SHARED}")
    cases: list[Case] = []
    n_good = n_bad // 10 if n_good is None else n_good
    for i in range(n_good):
        ext, data, text = _good_bytes(rng, pool)
        name = f"good-{i:05d}.{ext}"
        if rng.random() < 0.05:  # a non-UTF-8 file name must not cost the document
            name = f"good-{i:05d}-caf".encode() + b"\xe9." + ext.encode()
            key = f"good-{i:05d}-caf\\xe9.{ext}"
        else:
            key = name
        cases.append(Case(name, data, GOOD, f"good-{ext}", [key], [key], text=text))
    for i in range(n_bad):
        cases.append(_bad_case(rng, pool, i))
    if heavy:
        cases += _heavy_cases(rng, pool)
    rng.shuffle(cases)
    return cases


def _bad_case(rng: random.Random, pool, i: int) -> Case:
    roll = rng.random()
    suffix, text, rec = rng.choice(pool)
    if roll < 0.40:
        ext, data, text = _good_bytes(rng, pool)
        mut = rng.choice(list(BYTE_MUTATIONS))
        name = f"bad-{i:05d}-{mut}.{ext}"
        return Case(name, BYTE_MUTATIONS[mut](rng, data), BAD, mut, [name], text=text)
    if roll < 0.62 and rec is not None:
        mut, data = _json_mutations(rng, rec)
        name = f"bad-{i:05d}-{mut}.json"
        return Case(name, data, BAD, mut, [name], text=text)
    if roll < 0.62:
        roll = 0.63
    if roll < 0.77:
        mut, data = _encoding_case(rng, text)
        name = f"bad-{i:05d}-{mut}.txt"
        return Case(name, data, BAD, mut, [name], text=text)
    if roll < 0.90:
        return _jsonl_case(rng, pool, i)
    if roll < 0.93:
        special = rng.choice(("fifo", "broken-link", "devzero"))
        name = f"bad-{i:05d}-{special}.txt"
        return Case(name, None, SPECIAL, special, [name], special=special)
    mut = rng.choice(("empty", "spaces", "png", "gzip-as-txt", "nul-late", "html-unclosed"))
    name = f"bad-{i:05d}-{mut}." + ("html" if mut == "html-unclosed" else "txt")
    data = {"empty": b"", "spaces": b" \n\t " * 50, "png": b"\x89PNG\r\n\x1a\n" + rng.randbytes(64),
            "gzip-as-txt": gzip.compress(text.encode("utf-8")),
            "nul-late": text.encode("utf-8") * 3 + b"\x00" + text.encode("utf-8"),
            "html-unclosed": ("<html><title>" + "<h1>عنوان " * 20000 + "<title>" * 5000).encode("utf-8")}[mut]
    return Case(name, data, BAD, mut, [name], text=text if mut == "nul-late" else None)


def _jsonl_case(rng: random.Random, pool, i: int) -> Case:
    """A .jsonl or .jsonl.gz of good records with some bad lines, or a corrupt gzip stream."""
    recs = [r for _s, _t, r in pool if r is not None]
    lines: list[bytes] = []
    good_keys: list[str] = []
    gz = rng.random() < 0.5
    name = f"bad-{i:05d}-lines.jsonl" + (".gz" if gz else "")
    keys = []
    for n in range(1, rng.randrange(2, 6)):
        if rng.random() < 0.5:
            lines.append(json.dumps(rng.choice(recs), ensure_ascii=False).encode("utf-8"))
            good_keys.append(f"{name}#{n}")
        else:
            _m, data = _json_mutations(rng, rng.choice(recs))
            lines.append(data.replace(b"\n", b" "))
        keys.append(f"{name}#{n}")
    data = b"\n".join(lines) + b"\n"
    if not gz:
        return Case(name, data, BAD, "jsonl-mixed", keys, good_keys)
    packed = gzip.compress(data)
    mut = rng.choice(("gz-ok", "gz-truncated", "gz-flipped", "gz-garbage-tail", "gz-header"))
    if mut == "gz-ok":
        return Case(name, packed, BAD, "jsonl-gz-mixed", keys, good_keys)
    if mut == "gz-truncated":
        packed = packed[:rng.randrange(10, len(packed))]
    elif mut == "gz-flipped":
        packed = _flip(rng, packed[:10]) if rng.random() < 0.1 else packed[:10] + _flip(rng, packed[10:])
    elif mut == "gz-garbage-tail":
        packed += rng.randbytes(rng.randrange(1, 50))
    else:
        packed = b"\x1f\x8b\x08\x00" + rng.randbytes(30)
    return Case(name, packed, BAD, mut, None)  # records up to where the stream breaks


def _heavy_cases(rng: random.Random, pool) -> list[Case]:
    """Inputs that test the bounds: each is costly to read without them."""
    text = next(t for s, t, _r in pool if s == "txt")
    rec = next(r for _s, _t, r in pool if r is not None)
    good = json.dumps(rec, ensure_ascii=False).encode("utf-8")
    out = []
    z = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip framing; streamed: 300 MB never held
    parts = [z.compress(good + b"\n" + b'{"maintext": "')]
    chunk = b"\xd9\x88" * (1 << 19)
    parts += [z.compress(chunk) for _ in range(300)]
    parts += [z.compress(b'"}\n' + good + b"\n"), z.flush()]
    bomb = b"".join(parts)
    out.append(Case("heavy-bomb.jsonl.gz", bomb, BAD, "gz-bomb-300MB",
                    ["heavy-bomb.jsonl.gz#1", "heavy-bomb.jsonl.gz#2", "heavy-bomb.jsonl.gz#3"],
                    ["heavy-bomb.jsonl.gz#1", "heavy-bomb.jsonl.gz#3"]))
    big = json.dumps({"maintext": ("و" + text.replace("\n", " ")) * (25_000_000 // (2 * len(text)) + 1)},
                     ensure_ascii=False).encode("utf-8")
    out.append(Case("heavy-bigline.jsonl", good + b"\n" + big + b"\n" + good + b"\n", BAD, "line-25MB",
                    ["heavy-bigline.jsonl#1", "heavy-bigline.jsonl#2", "heavy-bigline.jsonl#3"],
                    ["heavy-bigline.jsonl#1", "heavy-bigline.jsonl#3"]))
    words = "\n".join(text.split()).encode("utf-8")
    out.append(Case("heavy-words.txt", words * (12_000_000 // len(words) + 1), BAD, "word-per-line-12MB",
                    ["heavy-words.txt"]))
    line = " ".join(text.split()).encode("utf-8")
    out.append(Case("heavy-oneline.txt", line * (400_000 // len(line) + 1), BAD, "one-line-400KB",
                    ["heavy-oneline.txt"]))
    out.append(Case("heavy-toolarge.txt", text.encode("utf-8") * (21_000_000 // len(text.encode()) + 1),
                    BAD, "file-21MB", ["heavy-toolarge.txt"]))
    return out


def write(cases: list[Case], folder: Path) -> list[bytes]:
    """Put the cases in ``folder``; returns the paths to give ``marsad extract``, in case order."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for c in cases:
        p = os.path.join(os.fsencode(folder), c.fsname)
        if c.special == "fifo":
            os.mkfifo(p)
        elif c.special == "broken-link":
            os.symlink(os.fsencode(folder) + b"/no-such-target", p)
        elif c.special == "devzero":
            os.symlink(b"/dev/zero", p)
        elif c.special == "folder-named-file":
            os.mkdir(p)
        else:
            with open(p, "wb") as fh:
                fh.write(c.data or b"")
        paths.append(p)
    return paths
