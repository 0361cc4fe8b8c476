"""The hot-spot rewrites give what the plain versions gave: CRF attributes filtered to the model's,
the gazetteer scan trying only lengths some key has, the bounded NER type cache."""
from __future__ import annotations

import json
from pathlib import Path

from marsad.ner import NerTagger
from marsad.ner.features import FeatureExtractor
from marsad.ner.tokenize import sentences, tokenize
from marsad.stages.entities import MAX_NGRAM, Tok, _variants, gazetteer, scan
from marsad.textnorm import fold_key

DOCS = Path(__file__).resolve().parent / "test_parallel_docs.jsonl"


def _texts() -> list[str]:
    return [json.loads(line)["maintext"] for line in DOCS.read_text(encoding="utf-8").splitlines()]


def _sentences() -> list[list[str]]:
    out = []
    for t in _texts() + ["بحث وزير الخارجية الروسي سيرغي لافروف مع نظيره الأمريكي في نيو يورك."]:
        out += [[t[s:e] for s, e in sent] for sent in sentences(t, tokenize(t), 120) if sent]
    return out


def test_known_attributes_are_the_full_attributes_filtered():
    # a CRF scores a token by the sum of its attributes' weights: the filtered path must give the same
    # attributes (with their multiplicity), in whatever order the lexicon features append them
    from collections import Counter

    tagger = NerTagger.load()
    known = tagger._known
    assert known and "b" in known
    n = 0
    for toks in _sentences():
        full = tagger.fx.sent_features(toks)
        got = tagger.fx.sent_features(toks, known)
        assert [Counter(f) for f in got] == [Counter(a for a in f if a in known) for f in full]
        n += len(toks)
    assert n > 1000


def test_tagger_tags_equal_unfiltered_crfsuite_tags():
    tagger = NerTagger.load()
    tg = tagger._tagger
    for toks in _sentences()[:40]:
        tg.set(tagger.fx.sent_features(toks))
        plain = tg.tag()
        assert tagger._decode(toks)[0] == plain


def _plain_scan(toks, gz):
    """The scan before the length index: every n-gram length for every clitic variant."""
    out, i, n = [], 0, len(toks)
    table = gz.table
    while i < n:
        hit = None
        if i + 1 < n and toks[i + 1].start - toks[i].end == 1:
            joined = [c for c in table.get(toks[i].text + toks[i + 1].text, ()) if c[0] == "place"]
            if joined and toks[i + 1].text in table:
                hit = (i, i + 2, joined, 0)
        for k in range(min(MAX_NGRAM, n - i), 0, -1):
            if hit:
                break
            rest = " ".join(t.text for t in toks[i + 1:i + k])
            for v in toks[i].variants:
                cands = table.get(f"{v} {rest}" if rest else v)
                if cands:
                    hit = (i, i + k, cands, len(toks[i].text) - len(v))
                    break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return out


def _toks(text: str) -> list[Tok]:
    out, pos = [], 0
    for w in fold_key(text).split():
        out.append(Tok(w, pos, pos + len(w), _variants(w)))
        pos += len(w) + 1
    return out


def test_scan_finds_what_the_plain_scan_found():
    gz = gazetteer()
    texts = _texts() + ["وزير الخارجية الروسي سيرغي لافروف في نيو يورك وبموسكو وللولايات المتحدة الأمريكية"]
    found = 0
    for text in texts:
        toks = _toks(text)
        got = scan(toks, gz)
        assert got == _plain_scan(toks, gz)
        found += len(got)
    assert found > 20


def test_type_cache_is_bounded_and_keeps_recent_words():
    fx = FeatureExtractor(NerTagger.load().fx.res, cache_size=50)
    words = [f"كلمة{i}" for i in range(200)]
    first = fx._type("تونس")
    for w in words:
        fx._type(w)
        fx._type("تونس")  # used all along: never the least recent
    assert len(fx._cache) == 50
    assert fx._type("تونس") is first
    assert fx._type(words[0]).own == FeatureExtractor(fx.res)._type(words[0]).own
