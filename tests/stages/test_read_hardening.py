"""Bad input never costs good documents: bounded, total readers and decoders (issue 14)."""
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from marsad.doc import Document, DocumentError
from marsad.extract import Extractor, discover, record_json
from marsad.pipeline import Pipeline, Stage
from marsad.stages import read

ROOT = Path(__file__).resolve().parents[2]
TEXT = ("استقبل العاهل الأردني الملك عبد الله الثاني، اليوم الأحد في عمان، وزير الخارجية الأمريكي مايك "
        "بومبيو، وبحث معه تطورات الأوضاع في المنطقة والعلاقات الثنائية بين البلدين.\n")
STAGES = ("read", "decode", "clean", "metadata", "normalise")


def run(paths):
    ex = Extractor(stages=STAGES)
    return [ex.process(d) for d in discover([str(p) for p in paths])]


def extract_cli(*paths, timeout=60):
    return subprocess.run([sys.executable, "-m", "marsad", "extract", *map(os.fsdecode, paths)],
                          capture_output=True, cwd=ROOT, timeout=timeout)


# ------------------------------------------------------------------ decoding

def test_one_bad_byte_in_utf8_is_replaced_and_flagged_not_read_as_cp1256():
    data = TEXT.encode("utf-8")
    cut = data[:40] + b"\xd8" + data[40:]  # a lead byte without its continuation
    text, warns = read.decode_text(cut, "doc")
    assert text.replace("\ufffd", "") == TEXT
    assert warns and "1 invalid UTF-8" in warns[0] and "byte 40" in warns[0]
    text, warns = read.decode_text(data[:-2] + b"\xd8", "doc")  # download cut mid-character
    assert text.endswith("\ufffd") and warns


def test_legacy_cp1256_still_read_but_random_bytes_refused():
    assert read.decode_text(TEXT.encode("cp1256"), "doc") == (TEXT, [])
    import random
    rnd = random.Random(7)
    refused = 0
    for n in (6, 12, 40, 300):
        for _ in range(20):
            try:
                read.decode_text(bytes(rnd.randrange(128, 256) for _ in range(n)), "doc")
            except DocumentError as exc:
                assert "not legacy Arabic" in str(exc)
                refused += 1
    assert refused == 80


def test_badly_damaged_utf8_arabic_is_an_error_never_cp1256_mojibake():
    data = bytearray((TEXT * 5).encode("utf-8"))
    for i in range(0, len(data), 20):  # 5% of the bytes: too many to repair
        data[i] = 0xE9
    with pytest.raises(DocumentError, match="invalid UTF-8"):
        read.decode_text(bytes(data), "doc")


def test_utf32_is_not_read_as_utf16_and_utf7_is_refused():
    assert read.decode_text("\ufeff".encode("utf-32-le") + TEXT.encode("utf-32-le"), "d")[0] == TEXT
    assert read.decode_text(TEXT.encode("utf-32"), "d")[0] == TEXT
    assert read.decode_text(TEXT.encode("utf-16"), "d")[0] == TEXT
    with pytest.raises(DocumentError, match="UTF-7"):
        read.decode_text(b"+/v8" + TEXT.encode("utf-7"), "d")
    with pytest.raises(DocumentError, match="UTF-7"):
        read.decode_text(TEXT.encode("utf-7"), "d")
    assert read.decode_text(b"1+1=2, C++ and a+b-c are plain ASCII", "d")[1] == []


def test_bom_followed_by_junk_is_refused():
    with pytest.raises(DocumentError, match="UTF-16"):
        read.decode_text(b"\xff\xfe" + bytes(range(0x80, 0xFF)) * 4, "d")


def test_nul_and_lone_surrogates_replaced_with_a_warning():
    text, warns = read.clean_chars("a\x00b\ud800c")
    assert text == "a\ufffdb\ufffdc"
    assert warns == ["1 NUL and 1 lone surrogate character(s) replaced by U+FFFD"]
    assert read.clean_chars("سليم") == ("سليم", [])


# ------------------------------------------------------------------ JSON records

def _json_doc(tmp_path, name, body: str):
    p = tmp_path / name
    p.write_text(body, "utf-8")
    (doc,) = run([p])
    return doc


def test_json_bad_values_are_named_errors_or_ignored_fields(tmp_path):
    deep = _json_doc(tmp_path, "deep.json", "[" * 5000 + "]" * 5000)
    assert "nested too deeply" in deep.error and "deep.json" in deep.error
    big = _json_doc(tmp_path, "big.json", json.dumps({"maintext": TEXT})[:-1] + ', "n": ' + "9" * 5000 + "}")
    assert big.error is None
    wrong = _json_doc(tmp_path, "wrong.json", json.dumps({"maintext": ["a", "b"]}))
    assert "no text" in wrong.error and "'maintext' is a list" in wrong.error


def test_numeric_and_absurd_dates_are_not_dates(tmp_path):
    epoch = _json_doc(tmp_path, "epoch.json", json.dumps({"maintext": TEXT, "date_publish": 1}))
    assert epoch.error is None
    assert epoch.articles[0].published is None  # not 1970-01-01
    assert any("'date_publish' is a number (1)" in w for w in epoch.meta["warnings"])
    fallback = _json_doc(tmp_path, "fb.json", json.dumps({"maintext": TEXT, "date_publish": 1,
                                                          "published": "2018-04-15"}))
    assert fallback.articles[0].published.isoformat() == "2018-04-15"
    huge = _json_doc(tmp_path, "huge.json", json.dumps({"maintext": TEXT, "date_publish": "1" * 400}))
    assert huge.error is None and huge.articles[0].published is None
    assert any("400 characters" in w for w in huge.meta["warnings"])


def test_surrogates_in_json_fields_leave_valid_utf8_output(tmp_path):
    p = tmp_path / "s.json"
    body = TEXT.replace("\n", "\\n")
    p.write_text('{"title": "\\ud800x", "outlet": "\\udfff", "maintext": "%s\\ud83d"}' % body, "utf-8")
    (doc,) = run([p])
    assert doc.error is None
    assert doc.articles[0].title == "\ufffdx"
    assert doc.raw.endswith("\ufffd")
    assert any("'title'" in w and "surrogate" in w for w in doc.meta["warnings"])


def test_record_json_is_always_valid_utf8():
    line = record_json({"path": "caf\udce9.txt", "t": "\ud800", "x": float("nan")})
    assert json.loads(line.encode("utf-8")) == {"path": "caf\\xe9.txt", "t": "\ufffd", "x": None}


# ------------------------------------------------------------------ bounded readers

def test_oversized_jsonl_line_is_one_error_and_the_next_line_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 4096)
    good = json.dumps({"maintext": TEXT}, ensure_ascii=False)
    p = tmp_path / "big.jsonl"
    p.write_text(good + "\n" + json.dumps({"maintext": "و" * 100_000}) + "\n" + good + "\n", "utf-8")
    docs = list(discover([str(p)]))
    assert [d.doc_key.rsplit("/", 1)[-1] for d in docs] == ["big.jsonl#1", "big.jsonl#2", "big.jsonl#3"]
    assert docs[0].error is None and docs[2].error is None
    assert "line too large" in docs[1].error and docs[1].raw_bytes is None


def test_corrupt_gzip_keeps_the_records_before_it(tmp_path):
    lines = [json.dumps({"maintext": TEXT + str(i)}, ensure_ascii=False) for i in range(200)]
    data = gzip.compress("\n".join(lines).encode("utf-8"))
    p = tmp_path / "c.jsonl.gz"
    p.write_bytes(data[:len(data) // 2] + bytes(b ^ 0x55 for b in data[len(data) // 2:]))
    docs = list(discover([str(p)]))
    assert all(d.error is None for d in docs[:-1]) and len(docs) > 1
    assert "corrupt or truncated gzip" in docs[-1].error and f"c.jsonl.gz#{len(docs)}" in docs[-1].error
    p.write_bytes(data[:len(data) // 2])  # truncated
    docs = list(discover([str(p)]))
    assert len(docs) > 1 and "gzip" in docs[-1].error


def test_gzip_bomb_is_stopped_by_the_inflated_size_bound(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_BYTES", 1 << 16)
    monkeypatch.setattr(read, "MAX_GZ_BYTES", 1 << 22)
    good = json.dumps({"maintext": TEXT}, ensure_ascii=False).encode("utf-8") + b"\n"
    p = tmp_path / "bomb.jsonl.gz"
    p.write_bytes(gzip.compress(good + b" " * (64 << 20) + b"\n" + good))
    assert p.stat().st_size < 200_000
    t0 = time.monotonic()
    docs = list(discover([str(p)]))
    assert time.monotonic() - t0 < 5
    assert docs[0].error is None
    assert "gzip bomb" in docs[-1].error


# ------------------------------------------------------------------ special files and folders

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_device_and_broken_link_are_named_errors_not_hangs(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "ok.txt").write_text(TEXT, "utf-8")
    t0 = time.monotonic()
    docs = run([fifo, "/dev/zero", tmp_path])
    assert time.monotonic() - t0 < 30
    errs = {d.doc_key.rsplit("/", 1)[-1]: d.error for d in docs}
    assert "FIFO" in errs["pipe.txt"] and "character device" in errs["zero"]
    assert "broken symbolic link" in errs["dangling.txt"]
    assert errs["ok.txt"] is None
    # the FIFO inside the folder too, named once
    assert sum(1 for d in docs if d.doc_key.endswith("pipe.txt")) == 2


def test_names_with_nul_or_non_utf8_bytes_become_valid_keys(tmp_path):
    (stub,) = discover(["a\x00b.txt"])
    assert stub.doc_key == "a\ufffdb.txt" and "NUL in the file name" in stub.error
    odd = os.fsencode(tmp_path) + b"/\xff.txt"
    with open(odd, "wb") as fh:
        fh.write(TEXT.encode("utf-8"))
    (doc,) = [Extractor(stages=STAGES).process(d) for d in discover([odd])]
    assert doc.error is None and doc.doc_key.endswith("/\\xff.txt") and doc.path == os.fsdecode(odd)


def test_file_too_large_and_text_too_long(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_TEXT_CHARS", 1000)
    p = tmp_path / "long.txt"
    p.write_text(TEXT * 20, "utf-8")
    (doc,) = run([p])
    assert "text too long" in doc.error and "long.txt" in doc.error
    monkeypatch.setattr(read, "MAX_BYTES", 100)
    (doc,) = run([p])
    assert "file too large" in doc.error


# ------------------------------------------------------------------ per-document budget

def test_time_budget_turns_a_slow_document_into_an_error_and_skips_later_stages():
    seen = []

    class Slow(Stage):
        name = "slow-test"
        requires = frozenset({"source"})

        def __call__(self, doc):
            time.sleep(0.05)
            return doc

    class After(Stage):
        name = "after-test"
        requires = frozenset({"source"})

        def __call__(self, doc):
            seen.append(doc.doc_key)
            return doc

    doc = Pipeline([Slow(), After()], budget=0.01)(Document(doc_key="a.txt", path="a.txt"))
    assert "time budget exceeded" in doc.error and "a.txt" in doc.error and "after-test" in doc.error
    assert seen == []
    doc = Pipeline([Slow(), After()], budget=5)(Document(doc_key="b.txt", path="b.txt"))
    assert doc.error is None and seen == ["b.txt"]


@pytest.mark.skipif(not os.path.exists("/proc/self/statm"), reason="resident memory is read from /proc")
def test_memory_budget_turns_a_runaway_document_into_an_error():
    class Hog(Stage):
        name = "hog-test"
        requires = frozenset({"source"})

        def __call__(self, doc):
            doc.scratch["hog"] = b"x" * (80 << 20)  # written, so resident
            return doc

    class After(Stage):
        name = "after-hog-test"
        requires = frozenset({"source"})

        def __call__(self, doc):
            return doc

    doc = Pipeline([Hog(), After()], memory_mb=40)(Document(doc_key="fat.txt", path="fat.txt"))
    assert "memory budget exceeded" in doc.error and "fat.txt" in doc.error
    doc = Pipeline([Hog(), After()], memory_mb=400)(Document(doc_key="ok.txt", path="ok.txt"))
    assert doc.error is None


def test_an_unreadable_folder_is_a_named_error(tmp_path):
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text(TEXT, "utf-8")
    (stub,) = read._walk(str(not_a_folder), 0)  # scandir fails as on a folder without permission
    assert "unreadable folder" in stub.error and "file.txt" in stub.error
    if os.geteuid() != 0:  # root reads any folder
        locked = tmp_path / "locked"
        locked.mkdir()
        os.chmod(locked, 0)
        try:
            docs = list(discover([str(tmp_path)]))
        finally:
            os.chmod(locked, 0o700)
        assert any(d.error and "locked: unreadable folder" in d.error for d in docs)


# ------------------------------------------------------------------ the whole command

def test_cli_bad_documents_never_stop_the_run(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, "utf-8")
    bad_json = tmp_path / "surrogate.json"
    bad_json.write_text('{"title": "\\ud800", "outlet": "\\udc00", "maintext": %s}'
                        % json.dumps(TEXT, ensure_ascii=False), "utf-8")
    cut = tmp_path / "cut.txt"
    cut.write_bytes(TEXT.encode("utf-8")[:-3] + b"\xd9")
    odd = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(odd, "wb") as fh:
        fh.write(TEXT.encode("utf-8"))
    gz = tmp_path / "bad.jsonl.gz"
    gz.write_bytes(b"\x1f\x8b\x08\x00" + b"\x00" * 6 + b"garbage" * 10)
    res = extract_cli(good, bad_json, cut, gz, odd, good)
    assert res.returncode == 0, res.stderr.decode("utf-8", "replace")
    out = res.stdout.decode("utf-8")  # strict: the output is valid UTF-8
    recs = [json.loads(line) for line in out.splitlines()]
    names = [r["path"].rsplit("/", 1)[-1] for r in recs]
    assert names == ["good.txt", "surrogate.json", "cut.txt", "bad.jsonl.gz#1", "caf\\xe9.txt", "good.txt"]
    by = dict(zip(names, recs))
    assert "error" not in by["surrogate.json"] and by["surrogate.json"]["warnings"]
    assert by["cut.txt"]["warnings"] and "invalid UTF-8" in by["cut.txt"]["warnings"][0]
    assert "gzip" in by["bad.jsonl.gz#1"]["error"]
    assert "error" not in by["caf\\xe9.txt"]
    assert b"Traceback" not in res.stderr
    assert b"bad.jsonl.gz#1" in res.stderr and b"warning" in res.stderr
