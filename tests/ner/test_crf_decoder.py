"""The numpy CRF decoder (marsad/ner/crf.py, marsad/ner/emissions.py) gives crfsuite's tags: the
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
    assert len(small._scores._table) <= 512


def test_not_a_model_file(tmp_path):
    bad = tmp_path / "x.crfsuite"
    bad.write_bytes(b"\0" * 64)
    with pytest.raises(ValueError):
        LinearChainCRF(bad)


def _viterbi_reference(crf: LinearChainCRF, s: np.ndarray) -> list[int]:
    """CRFsuite's Viterbi, one sentence, in plain Python (ties to the lowest label id)."""
    L = len(crf.labels)
    alpha = [float(x) for x in s[0]]
    back = []
    for t in range(1, len(s)):
        cur, ptr = [], []
        for j in range(L):
            best, arg = None, 0
            for i in range(L):
                v = alpha[i] + crf.transitions[i, j]
                if best is None or v > best:
                    best, arg = v, i
            cur.append(best + s[t, j])
            ptr.append(arg)
        alpha, back = cur, back + [ptr]
    y = max(range(L), key=lambda j: (alpha[j], -j))
    path = [y]
    for ptr in reversed(back):
        y = ptr[y]
        path.append(y)
    return path[::-1]


def test_batched_viterbi_is_the_per_sentence_one():
    # sentences of different lengths decoded together (time-major, backtrack in numpy) give each
    # sentence's own best path; small integer scores make many ties, which go to the lowest label
    crf = NerTagger.load(LEX_MODEL_PATH)._crf
    rng = np.random.default_rng(7)
    L = len(crf.labels)
    for ints in (False, True):
        lens = [1, 7, 3, 12, 1, 5]
        scores = [rng.integers(-2, 3, (n, L)).astype(float) if ints else rng.normal(size=(n, L)) for n in lens]
        saved = crf.transitions
        if ints:
            crf.transitions = np.zeros_like(saved)
        try:
            got = crf.viterbi(scores)
            alone = [crf.viterbi([s])[0] for s in scores]
            want = [_viterbi_reference(crf, s) for s in scores]
        finally:
            crf.transitions = saved
        assert [len(p) for p in got] == lens
        assert got == want
        assert alone == want


def test_a_sentence_of_new_words_twice_over():
    # the rows of a sentence's new word types are summed in one batch; a type repeated in the same
    # sentence gets one row, and the scores equal those of the types scored one sentence at a time
    tagger = NerTagger.load(LEX_MODEL_PATH)
    crf = tagger._crf
    toks = "قال سيرغي لافروف إن لافروف و سيرغي قال".split()
    fresh = FeatureExtractor(tagger.fx.res)
    em = fresh.emissions(toks, crf)
    assert fresh._scores._rows == len(set(toks)) + 1  # one row per word type and one for the padding
    one = FeatureExtractor(tagger.fx.res)
    for w in toks:
        one.emissions([w], crf)
    assert np.array_equal(one.emissions(toks, crf), em)
