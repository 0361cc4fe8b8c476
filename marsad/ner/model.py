"""CRF named-entity tagger (PERS/LOC/ORG/MISC) for Arabic news.

The committed model ``marsad/models/ner-crf.crfsuite`` is a linear-chain CRF (python-crfsuite,
L-BFGS) trained by ``scripts/train_ner.py`` on ANERcorp (Benajiba, Rosso & Benedí Ruiz 2007,
"ANERsys: An Arabic Named Entity Recognition system based on Maximum Entropy", CICLing 2007; the
CAMeL Lab train/test split) -- see ``marsad/models/ner-crf.json`` for the exact data, parameters and
scores. Features are described in :mod:`marsad.ner.features`.
"""
from __future__ import annotations

import threading
from pathlib import Path

import pycrfsuite

from marsad.ner.features import DATA_DIR, FeatureExtractor, Resources
from marsad.ner.tokenize import SENTENCE_END, sentences, tokenize

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
MODEL_PATH = MODEL_DIR / "ner-crf.crfsuite"
MAX_CHUNK = 120

_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], "NerTagger"] = {}


def fix_bio(tags: list[str]) -> list[str]:
    """Make a tag sequence valid BIO: an ``I-X`` not continuing an ``X`` becomes ``B-X``."""
    out = []
    prev = "O"
    for t in tags:
        if t.startswith("I-") and prev[2:] != t[2:]:
            t = "B-" + t[2:]
        out.append(t)
        prev = t
    return out


class NerTagger:
    """Wraps a crfsuite model and the feature extractor with its gazetteer/cluster resources."""

    def __init__(self, model_path: str | Path = MODEL_PATH, data_dir: str | Path = DATA_DIR):
        self.model_path = Path(model_path)
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.model_path))
        self.fx = FeatureExtractor(Resources.load(Path(data_dir)))

    @classmethod
    def load(cls, model_path: str | Path = MODEL_PATH, data_dir: str | Path = DATA_DIR) -> "NerTagger":
        """The committed model, loaded once per process (cached)."""
        key = (str(model_path), str(data_dir))
        with _LOCK:
            t = _CACHE.get(key)
            if t is None:
                t = _CACHE[key] = cls(model_path, data_dir)
            return t

    # -- tagging ----------------------------------------------------------------------------
    def tag_sentence(self, tokens: list[str]) -> list[str]:
        """BIO tags for one sentence (no re-chunking)."""
        if not tokens:
            return []
        return fix_bio(self._tagger.tag(self.fx.sent_features(tokens)))

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO tags for a token list of any length: it is cut into sentences at sentence-final
        punctuation and every ``MAX_CHUNK`` tokens, each tagged separately."""
        out: list[str] = []
        start = 0
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if tok in SENTENCE_END or i + 1 - start >= MAX_CHUNK or i == n - 1:
                out.extend(self.tag_sentence(tokens[start:i + 1]))
                start = i + 1
        return out

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        """Entity spans ``(start, end, TYPE)`` as character offsets into ``text``."""
        spans: list[tuple[int, int, str]] = []
        if not text:
            return spans
        for sent in sentences(text, tokenize(text), MAX_CHUNK):
            tags = self.tag_sentence([text[s:e] for s, e in sent])
            start = -1
            typ = ""
            for k, tag in enumerate(tags):
                if tag.startswith("I-") and typ == tag[2:]:
                    continue
                if typ:
                    spans.append((sent[start][0], sent[k - 1][1], typ))
                    typ = ""
                if tag != "O":
                    start, typ = k, tag[2:]
            if typ:
                spans.append((sent[start][0], sent[-1][1], typ))
        return spans

    def entities_many(self, texts: list[str]) -> list[list[tuple[int, int, str]]]:
        """:meth:`entities` for each text."""
        return [self.entities(t) for t in texts]
