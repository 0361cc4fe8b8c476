"""The stacked CRF (marsad.ner.stacked, marsad/models/ner-crf-doc.crfsuite): document attributes, the
fast path against crfsuite's own tagger (its ANERcorp score: tests/ner/test_ner_lexicons.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pycrfsuite
import pytest

from marsad.ner.evaluate import read_bio
from marsad.ner.model import DOC_MODEL_PATH as DOC_MODEL, NerTagger, add_spans, fix_bio
from marsad.ner.stacked import doc_attrs

SHARED = Path(__file__).resolve().parents[2] / ".." / "shared"
ANER_TEST = SHARED / "data" / "ner" / "anercorp" / "test.txt"

needs_model = pytest.mark.skipif(not DOC_MODEL.exists(), reason="no committed stacked model")


def test_doc_attrs_count_the_other_occurrences():
    sents = [["قال", "بوتين", "في", "موسكو"], ["وصل", "بوتين", "الى", "موسكو"], ["بوتين", "يزور", "موسكو"]]
    labels = [["O", "B-PERS", "O", "B-LOC"], ["O", "O", "O", "B-LOC"], ["B-PERS", "O", "B-LOC"]]
    got = doc_attrs(sents, labels)
    assert got[0][1] == ["dt=PERS"]                # the others: PERS and O
    assert got[1][1] == ["dt=PERS", "dtall=PERS"]  # the others: PERS twice
    assert got[0][3] == ["dt=LOC", "dtall=LOC"]
    assert got[0][0] == [] and got[0][2] == []     # one occurrence; two letters
    assert got[2][1] == []
    # a word left O everywhere else
    assert doc_attrs([["زار", "زار"]], [["B-PERS", "O"]])[0] == [["dt=O"], ["dt=PERS", "dtall=PERS"]]


def _sentences(n: int = 60) -> list[list[str]]:
    if ANER_TEST.exists():
        return [t for t, _ in read_bio(ANER_TEST)[:n]]
    return [("قال الرئيس الروسي فلاديمير بوتين في موسكو إن روسيا ستدعم سوريا" + " بوتين" * (k % 3)).split()
            for k in range(n)]


@needs_model
def test_fast_path_equals_crfsuite_on_both_stages():
    tagger = NerTagger.load(DOC_MODEL)
    assert tagger._crf1 is not None
    first, second = pycrfsuite.Tagger(), pycrfsuite.Tagger()
    first.open(str(tagger.model_path.parent / json.loads(DOC_MODEL.with_suffix(".json").read_text())["stage1"]))
    second.open(str(DOC_MODEL))
    sents = _sentences()
    for d in range(0, len(sents), 20):
        doc = sents[d:d + 20]
        feats = [tagger.fx.sent_features(t) for t in doc]
        y1 = [first.tag(x) for x in feats]
        want = [fix_bio(second.tag([a + e for a, e in zip(x, ex)])) for x, ex in zip(feats, doc_attrs(doc, y1))]
        # the first stage's person spans where the second stage found no entity
        want = [add_spans(y, fix_bio(y0), tagger.keep_first_types) for y, y0 in zip(want, y1)]
        assert tagger.tag_document(doc) == want


def test_add_spans_fills_only_free_ground():
    y = ["B-ORG", "I-ORG", "O", "O", "O", "B-LOC"]
    other = ["B-PERS", "O", "B-PERS", "I-PERS", "B-PERS", "I-PERS"]
    assert add_spans(y, other, ("PERS",)) == ["B-ORG", "I-ORG", "B-PERS", "I-PERS", "O", "B-LOC"]
    assert add_spans(["O", "I-LOC"], ["B-PERS", "O"], ("PERS",)) == ["O", "I-LOC"]  # would run into an entity


@needs_model
def test_each_text_is_a_document():
    tagger = NerTagger.load(DOC_MODEL)
    texts = ["", "وقال الرئيس الروسي فلاديمير بوتين في موسكو إن بلاده ستواصل دعم سوريا. وأضاف بوتين أن",
             "جاء زيد. ذهب عمرو"]
    assert tagger.entities_many(texts) == [tagger.entities(t) for t in texts]
    got = {(texts[1][s:e], t) for s, e, t in tagger.entities(texts[1])}
    assert ("فلاديمير بوتين", "PERS") in got
