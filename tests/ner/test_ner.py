"""Tests for marsad.ner: tokenizer offsets, span scorer, tagging sanity, ANERcorp evaluation."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from marsad.ner import NerTagger, sentences, tokenize
from marsad.ner.evaluate import bio_spans, main, norm_tag, read_bio, score
from marsad.ner.model import CRF_MODEL_PATH, MODEL_PATH, NN_MODEL_PATH, fix_bio

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ANER_TEST = SHARED / "data" / "ner" / "anercorp" / "test.txt"
MODEL_JSON = MODEL_PATH.with_suffix(".json")
FLOOR = 0.685  # ANERcorp test micro F1 of the default (CRF) model (0.6905, ner-crf.json) minus 0.005
NN_FLOOR = 0.692  # the same for the opt-in BiLSTM-CRF (0.6978, ner-nn.json) minus 0.005


# -- tokenizer ----------------------------------------------------------------------------------
def test_tokenize_offsets_round_trip():
    text = 'قال الرئيس الروسي (فلاديمير بوتين)، إن «سو-35» كلفت 3.5 مليون دولار: F-16. ١٢٫٥ و2017.'
    toks = tokenize(text)
    words = [text[s:e] for s, e in toks]
    assert words == ["قال", "الرئيس", "الروسي", "(", "فلاديمير", "بوتين", ")", "،", "إن", "«",
                     "سو-35", "»", "كلفت", "3.5", "مليون", "دولار", ":", "F-16", ".", "١٢٫٥",
                     "و2017", "."]
    # offsets are strictly increasing, non-overlapping, and only whitespace lies between tokens
    prev = 0
    for s, e in toks:
        assert prev <= s < e
        assert text[prev:s].strip() == ""
        prev = e
    assert text[prev:].strip() == ""


def test_tokenize_keeps_diacritics_and_handles_empty():
    text = "وَقَالَ مُحَمَّدٌ: نعم"
    assert [text[s:e] for s, e in tokenize(text)] == ["وَقَالَ", "مُحَمَّدٌ", ":", "نعم"]
    assert tokenize("") == []
    assert tokenize("   \n ") == []


def test_sentences_split_on_final_punctuation_and_newlines():
    text = "جاء زيد. ذهب عمرو؟ نعم\nلا"
    sents = [[text[s:e] for s, e in sent] for sent in sentences(text)]
    assert sents == [["جاء", "زيد", "."], ["ذهب", "عمرو", "؟"], ["نعم"], ["لا"]]


# -- scorer --------------------------------------------------------------------------------------
def test_bio_spans_and_fix():
    tags = ["B-PERS", "I-PERS", "O", "I-LOC", "I-LOC", "B-ORG", "B-ORG", "I-MISC"]
    assert bio_spans(tags) == [(0, 2, "PERS"), (3, 5, "LOC"), (5, 6, "ORG"), (6, 7, "ORG"),
                               (7, 8, "MISC")]
    assert fix_bio(["I-LOC", "I-LOC", "O", "I-PERS"]) == ["B-LOC", "I-LOC", "O", "B-PERS"]


def test_norm_tag():
    assert norm_tag("B-PER") == "B-PERS"
    assert norm_tag("I-MIS") == "I-MISC"
    assert norm_tag("B-GPE") == "B-LOC"
    assert norm_tag("B-NORP") == "O"
    assert norm_tag("O") == "O"


def test_score_exact_numbers():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "O", "B-MISC"]]
    pred = [["B-PERS", "I-PERS", "O", "B-ORG"], ["B-ORG", "O", "O", "B-MISC"]]
    sc = score(gold, pred)
    # gold: PERS, LOC, ORG(0-2), MISC = 4; pred: PERS, ORG(3), ORG(0-1), MISC = 4; correct: PERS, MISC
    assert sc["micro"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 4}
    assert sc["PERS"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 1}
    assert sc["LOC"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert sc["ORG"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    assert sc["MISC"]["f1"] == 1.0
    gold = [["B-PERS", "O", "B-PERS", "I-PERS", "B-LOC"]]
    pred = [["B-PERS", "O", "B-PERS", "O", "B-LOC"]]
    sc = score(gold, pred)
    assert sc["micro"]["precision"] == round(2 / 3, 4)
    assert sc["micro"]["recall"] == round(2 / 3, 4)
    assert sc["PERS"]["precision"] == 0.5 and sc["PERS"]["recall"] == 0.5


def test_read_bio(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("زيد B-PER\nفي O\n O\nتونس B-GPE B-LOC\n\n\nجاء O\n", encoding="utf-8")
    assert read_bio(p) == [(["زيد", "في", "تونس"], ["B-PERS", "O", "B-LOC"]), (["جاء"], ["O"])]
    assert read_bio(p, column=1)[0][1] == ["B-PERS", "O", "B-LOC"]


# -- tagging ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tagger():
    if not MODEL_PATH.exists():
        pytest.skip("no committed NER model")
    return NerTagger.load()


def test_tagging_sanity(tagger):
    text = "وقال الرئيس الروسي فلاديمير بوتين في موسكو إن بلاده ستواصل دعم سوريا."
    spans = tagger.entities(text)
    got = {(text[s:e], t) for s, e, t in spans}
    assert ("فلاديمير بوتين", "PERS") in got
    assert ("موسكو", "LOC") in got
    toks = tokenize(text)
    tags = tagger.tag([text[s:e] for s, e in toks])
    assert len(tags) == len(toks)
    words = [text[s:e] for s, e in toks]
    assert tags[words.index("فلاديمير")] == "B-PERS"
    assert tags[words.index("بوتين")] == "I-PERS"
    assert all(t == "O" or t[:2] in ("B-", "I-") and t[2:] in ("PERS", "LOC", "ORG", "MISC")
               for t in tags)


def test_entities_offsets_and_batch(tagger):
    texts = ["", "التقى وزير الخارجية الأمريكي جون كيري نظيره السعودي في الرياض.\nوقال كيري إن ..."]
    out = tagger.entities_many(texts)
    assert out[0] == []
    assert out[1] == tagger.entities(texts[1])
    for s, e, t in out[1]:
        assert 0 <= s < e <= len(texts[1])
        assert texts[1][s:e] == texts[1][s:e].strip()
        assert t in ("PERS", "LOC", "ORG", "MISC")
    assert NerTagger.load() is tagger


def test_tag_long_input(tagger):
    words = ("قال الرئيس المصري عبد الفتاح السيسي في القاهرة " * 40).split()
    tags = tagger.tag(words)
    assert len(tags) == len(words)


def test_main_usage_errors(capsys):
    assert main([]) == 2
    assert main(["/nonexistent/file.txt"]) == 2


@pytest.mark.slow
def test_anercorp_test_f1(tagger, capsys):
    if not ANER_TEST.exists():
        pytest.skip("shared data absent")
    assert main([str(ANER_TEST)]) == 0
    res = json.loads(capsys.readouterr().out)
    # committed model's score (marsad/models/ner-crf.json) minus 0.005
    assert res["micro"]["f1"] >= FLOOR
    assert res["micro"]["f1"] >= json.loads(MODEL_JSON.read_text(encoding="utf-8"))["test"]["micro"]["f1"] - 0.005
    assert res["sentences"] == 960
    assert set(res) >= {"PERS", "LOC", "ORG", "MISC", "micro", "tokens", "sentences"}


def test_fallback_to_crf_without_torch(monkeypatch):
    """With torch unimportable, the neural model path falls back to the CRF, with a warning."""
    import sys

    if not CRF_MODEL_PATH.exists():
        pytest.skip("no committed CRF model")
    monkeypatch.delitem(sys.modules, "marsad.ner.nn", raising=False)
    monkeypatch.setitem(sys.modules, "torch", None)  # "import torch" raises ImportError
    with pytest.warns(RuntimeWarning, match="falling back to the CRF"):
        tg = NerTagger(NN_MODEL_PATH)
    assert tg.backend == "crf"
    assert tg.model_path == CRF_MODEL_PATH
    text = "وقال الرئيس الروسي فلاديمير بوتين في موسكو إن بلاده ستواصل دعم سوريا."
    got = {(text[s:e], t) for s, e, t in tg.entities(text)}
    assert ("موسكو", "LOC") in got
    assert tg.entities_many(["", text]) == [[], tg.entities(text)]


def test_nn_model_tags():
    pytest.importorskip("torch")
    if not NN_MODEL_PATH.exists():
        pytest.skip("no committed neural model")
    tg = NerTagger.load(NN_MODEL_PATH)
    assert tg.backend == "nn"
    text = "وقال الرئيس الروسي فلاديمير بوتين في موسكو إن بلاده ستواصل دعم سوريا."
    got = {(text[s:e], t) for s, e, t in tg.entities(text)}
    assert ("فلاديمير بوتين", "PERS") in got
    assert ("موسكو", "LOC") in got
    texts = ["", text, "جاء زيد. ذهب عمرو"]
    assert tg.entities_many(texts) == [tg.entities(t) for t in texts]
    assert len(tg.tag(("قال الرئيس المصري عبد الفتاح السيسي " * 40).split())) == 240


@pytest.mark.slow
def test_nn_anercorp_test_f1():
    pytest.importorskip("torch")
    if not (ANER_TEST.exists() and NN_MODEL_PATH.exists()):
        pytest.skip("shared data or neural model absent")
    from marsad.ner.evaluate import evaluate_file

    res = evaluate_file(ANER_TEST, NerTagger.load(NN_MODEL_PATH))
    assert res["model"] == "ner-nn.pt"
    assert res["micro"]["f1"] >= NN_FLOOR
