"""The gazetteer attributes of a sentence (FeatureExtractor._gaz, names indexed by first word and length)
are those of the plain scan: every name starting at a word, longest first, the first one that matches."""
from __future__ import annotations

import json
from pathlib import Path

from marsad.ner.features import FeatureExtractor
from marsad.ner.model import LEX_MODEL_PATH, NerTagger
from marsad.ner.tokenize import sentences, tokenize

DOCS = Path(__file__).resolve().parents[1] / "test_parallel_docs.jsonl"


def _plain_gaz(fx: FeatureExtractor, types) -> list[list[str]]:
    """The scan over every name of ``res.gazetteer`` that starts with the word (before the index)."""
    gaz = fx.res.gazetteer
    n = len(types)
    out: list[list[str]] = [[] for _ in range(n)]
    words = [t.w for t in types]
    for i, t in enumerate(types):
        first = t.w
        cands = gaz.get(t.w)
        if cands is None and t.base != t.w:
            cands, first = gaz.get(t.base), t.base
        if cands is None and t.stem != t.w:
            cands, first = gaz.get(t.stem), t.stem
        hit = next(((len(toks), typ) for toks, typ in cands or ()
                    if toks[0] == first and tuple(words[i + 1:i + len(toks)]) == toks[1:]), None)
        if hit:
            size, typ = hit
            out[i] += ["gB=" + typ] + (["gBm=" + typ] if size > 1 else [])
            for rest in out[i + 1:i + size]:
                rest.append("gI=" + typ)
    return out


def test_indexed_gazetteer_match_is_the_plain_scan():
    fx = FeatureExtractor(NerTagger.load(LEX_MODEL_PATH).fx.res)
    texts = [json.loads(line)["maintext"] for line in DOCS.read_text(encoding="utf-8").splitlines()]
    texts += ["زار الرئيس مدينة نيو يورك ثم الولايات المتحدة الأمريكية وجمهورية مصر العربية والأمم المتحدة",
              "المملكة العربية", "الأمم"]
    found = 0
    for text in texts:
        for sent in sentences(text, tokenize(text), 120):
            types = [fx._type(text[s:e]) for s, e in sent]
            got = fx._gaz(types)
            assert got == _plain_gaz(fx, types)
            found += sum(1 for f in got for x in f if x.startswith("gI="))
    assert found > 5  # multi-word names were matched
