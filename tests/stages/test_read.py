import gzip
import json

from marsad.extract import Extractor, discover

STAGES = ("read", "decode", "clean", "metadata", "normalise")


def run(paths):
    ex = Extractor(stages=STAGES)
    return [ex.process(d) for d in discover([str(p) for p in paths])]


def test_bad_inputs_each_give_a_named_error_and_the_rest_is_processed(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("أعلنت وزارة الخارجية اليوم أن الوزير التقى نظيره في العاصمة وبحثا العلاقات الثنائية بين البلدين.\n", "utf-8")
    (tmp_path / "b.json").write_text("{not json", "utf-8")
    (tmp_path / "c.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    (tmp_path / "d.txt").write_bytes(b"")
    (tmp_path / "e.txt").write_bytes(b"\xff\xfe\xfa\x00abc\x81\x8d")  # junk, not UTF-16 text
    docs = run([tmp_path / "a.txt", tmp_path / "b.json", tmp_path / "c.txt", tmp_path / "d.txt",
                tmp_path / "missing.txt"])
    errs = {d.path.rsplit("/", 1)[-1]: d.error for d in docs}
    assert errs["a.txt"] is None and docs[0].articles
    assert "broken JSON" in errs["b.json"]
    assert "binary" in errs["c.txt"] and "PNG" in errs["c.txt"]
    assert "empty" in errs["d.txt"]
    assert "unreadable" in errs["missing.txt"]


def test_cp1256_is_detected(tmp_path):
    text = "التقى وزير الخارجية المصري نظيره الأردني في عمان لبحث العلاقات الثنائية بين البلدين الشقيقين."
    p = tmp_path / "legacy.txt"
    p.write_bytes(text.encode("cp1256"))
    (doc,) = run([p])
    assert doc.error is None
    assert doc.raw.strip() == text


def test_invalid_utf8_that_is_not_arabic_is_an_error(tmp_path):
    p = tmp_path / "latin.txt"
    p.write_bytes("caf\xe9 cr\xe8me br\xfbl\xe9e and more latin text".encode("latin-1"))
    (doc,) = run([p])
    assert "invalid UTF-8" in doc.error


def test_json_aliases_and_jsonl_gz(tmp_path):
    rec = {"title": "عنوان", "text": "قال الوزير إن البلدين اتفقا على تعزيز التعاون العسكري بينهما في المرحلة المقبلة.",
           "published": "Fri, 10 Aug 2018 01:06:26 GMT", "url": "https://www.aljazeera.net/news/x"}
    (tmp_path / "one.json").write_text(json.dumps(rec, ensure_ascii=False), "utf-8")
    with gzip.open(tmp_path / "many.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n\n" + "{broken\n")
    docs = run([tmp_path / "one.json", tmp_path / "many.jsonl.gz"])
    assert [d.doc_key.rsplit("/", 1)[-1] for d in docs] == ["one.json", "many.jsonl.gz#1", "many.jsonl.gz#3"]
    one = docs[0]
    assert one.articles[0].title == "عنوان"
    assert one.articles[0].published.isoformat() == "2018-08-10"
    assert one.articles[0].outlet == "الجزيرة"
    assert "broken JSON" in docs[2].error


def test_folder_is_recursed_in_sorted_order(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("sub/b.txt", "a.txt", "ignored.png"):
        (tmp_path / name).write_text("التقى الرئيس ضيفه في القصر الرئاسي وبحث معه العلاقات بين البلدين في مختلف المجالات.", "utf-8")
    assert [d.doc_key.rsplit("/", 2)[-1] for d in discover([str(tmp_path)])] == ["a.txt", "b.txt"]
