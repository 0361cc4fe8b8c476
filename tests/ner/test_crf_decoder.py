"""The numpy CRF decoder (marsad/ner/crf.py, FeatureExtractor.emissions) gives crfsuite's tags: the
model file's weights, per-token scores equal to the sum over crfsuite's attributes, and Viterbi labels
equal to ``pycrfsuite.Tagger.tag`` on real sentences, for both committed CRF models."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from marsad.ner.bio import fix_bio
from marsad.ner.crf import LinearChainCRF
from marsad.ner.features import FeatureExtractor
from marsad.ner.model import CRF_MODEL_PATH, LEX_MODEL_PATH, NerTagger
from marsad.ner.tokenize import sentences, tokenize

DOCS = Path(__file__).resolve().parents[1] / "test_parallel_docs.jsonl"


def _sentences() -> list[list[str]]:
    texts = [json.loads(line)["maintext"] for line in DOCS.read_text(encoding="utf-8").splitlines()]
    texts += ["بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأمريكي في نيو يورك.", "قال", "| | x|y ، ."]
    return [[t[s:e] for s, e in sent] for t in texts for sent in sentences(t, tokenize(t), 120) if sent]


@pytest.mark.parametrize("path", [LEX_MODEL_PATH, CRF_MODEL_PATH], ids=["lex", "crf"])
def test_weights_are_the_models(path):
    tagger = NerTagger.load(path)
    crf, info = tagger._crf, tagger._tagger.info()
    assert crf.labels == tagger._tagger.labels()
    assert len(crf.index) == len({a for a, _ in info.state_features})
    lab = {x: k for k, x in enumerate(crf.labels)}
    for (a, y), w in list(info.state_features.items())[::97]:  # info() prints six decimals
        assert abs(crf.weights[crf.index[a], lab[y]] - w) < 1e-6
    for (y0, y1), w in info.transitions.items():
        assert abs(crf.transitions[lab[y0], lab[y1]] - w) < 1e-6


def test_scores_are_the_sums_over_crfsuites_attributes():
    tagger = NerTagger.load(LEX_MODEL_PATH)
    crf = tagger._crf
    fx = FeatureExtractor(tagger.fx.res)
    for toks in _sentences()[:30]:
        em = fx.emissions(toks, crf)
        want = np.array([crf.weights[[crf.index[a] for a in f if a in crf.index]].sum(axis=0)
                         for f in fx.sent_features(toks)])
        assert np.allclose(em, want, rtol=0, atol=1e-9)


@pytest.mark.parametrize("path", [LEX_MODEL_PATH, CRF_MODEL_PATH], ids=["lex", "crf"])
def test_tags_are_crfsuites(path):
    tagger = NerTagger.load(path)
    sents = _sentences()
    assert sum(map(len, sents)) > 1000
    want = []
    for toks in sents:
        tagger._tagger.set(tagger.fx.sent_features(toks))
        want.append(fix_bio(tagger._tagger.tag()))
    assert [fix_bio(y) for y in tagger._viterbi(sents)] == want
    assert tagger.tag_document(sents) == want


def test_a_tiny_type_cache_reuses_rows_without_mixing_words():
    # rows of forgotten word types are reused only from the next sentence on
    tagger = NerTagger.load(LEX_MODEL_PATH)
    small = FeatureExtractor(tagger.fx.res, cache_size=5)
    sents = _sentences()[:40]
    got = tagger._crf.viterbi([small.emissions(s, tagger._crf) for s in sents])
    assert got == tagger._crf.viterbi([tagger.fx.emissions(s, tagger._crf) for s in sents])
    assert len(small._table) <= 512


def test_not_a_model_file(tmp_path):
    bad = tmp_path / "x.crfsuite"
    bad.write_bytes(b"\0" * 64)
    with pytest.raises(ValueError):
        LinearChainCRF(bad)
