"""Scores of whole documents (marsad/ner/emissions.py): the same floats as sentence by sentence, for
any cache size, and the word-pair table by first word is the model's pairs."""
from __future__ import annotations

import numpy as np

from marsad.ner.emissions import TypeScores
from marsad.ner.features import FeatureExtractor
from marsad.ner.model import LEX_MODEL_PATH, NerTagger
from tests.ner.test_crf_decoder import _sentences


def _tagger() -> NerTagger:
    return NerTagger.load(LEX_MODEL_PATH)


def test_a_document_scores_as_its_sentences_one_by_one():
    tagger = _tagger()
    crf = tagger._crf
    sents = _sentences()[:60] + [["|", "|", "x", "|"], ["قال"]]
    doc = TypeScores(FeatureExtractor(tagger.fx.res), crf).document(sents)
    alone = TypeScores(FeatureExtractor(tagger.fx.res), crf)
    assert [len(e) for e in doc] == [len(s) for s in sents]
    for s, e in zip(sents, doc):
        assert np.array_equal(e, alone.document([s])[0])
        want = np.array([crf.weights[[crf.index[a] for a in f if a in crf.index]].sum(axis=0)
                         for f in tagger.fx.sent_features(s)])
        assert np.allclose(e, want, rtol=0, atol=1e-9)


def test_a_small_cache_forgets_words_and_keeps_the_scores():
    tagger = _tagger()
    crf = tagger._crf
    sents = _sentences()[:80]
    want = TypeScores(FeatureExtractor(tagger.fx.res), crf).document(sents)
    small = TypeScores(FeatureExtractor(tagger.fx.res), crf, cache_size=40)
    got = [small.document(sents[k:k + 3]) for k in range(0, len(sents), 3)]
    assert len(small._young) + len(small._old) <= 40
    assert small._rows < len({t for s in sents for t in s})  # rows of forgotten words were reused
    assert all(np.array_equal(a, b) for a, b in zip([e for g in got for e in g], want))


def test_pairs_by_first_word_are_the_models_pairs():
    crf = _tagger()._crf
    by_left = crf.pairs_by_left()
    assert sum(map(len, by_left.values())) == len(crf.pairs())
    for a, d in by_left.items():
        for b, rows in d.items():
            assert crf.pairs()[a + "|" + b] == rows


def test_neighbour_rows_by_value_are_those_of_the_attribute_strings():
    # TypeScores looks a neighbour's attributes up by prefix and value; the rows must be those of the
    # strings _positional makes, in its order, also for words holding "=" or "|"
    from marsad.ner.emissions import _neighbour_attrs, _positional

    tagger = _tagger()
    crf = tagger._crf
    fam = crf.families()
    words = {w for s in _sentences() for w in s} | {"=", "a=b", "|", "==", "الرئيس", "بوتين"}
    assert len(words) > 500
    for w in words:
        t = tagger.fx.build_type(w)
        strings = list(_positional(t)[1:])
        pairs = _neighbour_attrs(t)
        assert [[p + v for p, v in g] for g in pairs] == strings
        want = [[crf.index[a] for a in g if a in crf.index] for g in strings]
        assert [[fam[p][v] for p, v in g if v in fam.get(p, {})] for g in pairs] == want
