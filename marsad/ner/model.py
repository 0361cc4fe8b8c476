"""Named-entity tagger (PERS/LOC/ORG/MISC) for Arabic news.

Four committed models, all trained on ANERcorp (Benajiba, Rosso & Benedí Ruiz 2007, "ANERsys: An
Arabic Named Entity Recognition system based on Maximum Entropy", CICLing 2007; the CAMeL Lab
train/test split):

* ``marsad/models/ner-nn.pt`` (:data:`NN_MODEL_PATH`, opt-in): char-CNN + word-embedding BiLSTM-CRF
  (:mod:`marsad.ner.nn`, trained by ``scripts/train_ner_nn.py``; ``ner-nn.json``). Needs torch.
* ``marsad/models/ner-crf-lex.crfsuite`` (:data:`LEX_MODEL_PATH` = :data:`MODEL_PATH`, the default used
  by the pipeline): linear-chain CRF (python-crfsuite, L-BFGS) with the issue-11 name-lexicon, rarity
  and word-class features, trained by ``scripts/train_ner.py`` (``ner-crf-lex.json`` has
  ``"lexicons": true``, so it gets those resources); features in :mod:`marsad.ner.features`.
* ``marsad/models/ner-crf-doc.crfsuite`` (:data:`DOC_MODEL_PATH`, ``MARSAD_NER_MODEL=doc``): a second CRF
  stacked on the default one, with attributes of the labels the first gives the other occurrences of
  a word in the same document (:mod:`marsad.ner.stacked`; ``scripts/train_ner.py --stacked``,
  ``ner-crf-doc.json``).
* ``marsad/models/ner-crf.crfsuite`` (:data:`CRF_MODEL_PATH`, ``MARSAD_NER_MODEL=crf``): the earlier CRF
  without those features (``ner-crf.json``). Also used, with a warning, when the network is asked
  for but torch cannot be imported.
"""
from __future__ import annotations

import json
import os
import threading
import warnings
from pathlib import Path

import numpy as np
import pycrfsuite

from marsad.ner.bio import bio_spans, fix_bio
from marsad.ner.crf import LinearChainCRF
from marsad.ner.emissions import TypeScores
from marsad.ner.features import DATA_DIR, FeatureExtractor, Resources
from marsad.ner.stacked import doc_attrs
from marsad.ner.tokenize import SENTENCE_END, sentences, tokenize

MODEL_DIR = Path(__file__).resolve().parent.parent / "models"
CRF_MODEL_PATH = MODEL_DIR / "ner-crf.crfsuite"
NN_MODEL_PATH = MODEL_DIR / "ner-nn.pt"
# The default: the CRF with name-lexicon and word-class features (issue 11; ner-crf-lex.json): ANERcorp
# test micro F1 0.720 (the earlier CRF 0.691), persons F1 up on every gold set (multi-outlet 0.870 ->
# 0.893, held-out 0.859 -> 0.896 and 0.765 -> 0.800). The one multi-outlet event it "loses" was matched
# by luck: with the earlier CRF the UN in "السفير الروسي لدى الأمم المتحدة" stood as a target.
LEX_MODEL_PATH = MODEL_DIR / "ner-crf-lex.crfsuite"
# The network's ANERcorp gain is small (test micro F1 0.6978 vs 0.6905), it is slower and it added false
# person names on the seed articles (persons F1 1.000 -> 0.929). MARSAD_NER_MODEL=nn (or
# NerTagger.load(NN_MODEL_PATH)) selects it; MARSAD_NER_MODEL=crf the earlier CRF.
# The stacked pair (marsad.ner.stacked, ner-crf-doc.json): this CRF's labels across the document give a
# second CRF attributes (MARSAD_NER_MODEL=doc).
DOC_MODEL_PATH = MODEL_DIR / "ner-crf-doc.crfsuite"
MODEL_PATH = {"crf": CRF_MODEL_PATH, "nn": NN_MODEL_PATH, "doc": DOC_MODEL_PATH}.get(os.environ.get("MARSAD_NER_MODEL", ""), LEX_MODEL_PATH)
MAX_CHUNK = 120
# Decoding: a token Viterbi leaves O is given its best entity label when P(O) < O_THRESHOLD
# (CRFs trade recall for precision); DOC_THRESHOLD is the document-vote threshold (see
# NerTagger.tag_document). Both were tuned on held-out ANERcorp training data; None disables.
O_THRESHOLD: float | None = None
# Neural backend: entity types whose CRF spans are added where the network found no entity
# (the CRF is also loaded); chosen on held-out ANERcorp training data. Empty: network only.
ENSEMBLE_CRF_TYPES: tuple[str, ...] = ()
DOC_THRESHOLD: float | None = None
# Stacked model: entity types whose first-stage spans are added where the second stage found no entity.
# Persons: held-out ANERcorp F1 0.7320 -> 0.7311 (PERS P 0.786 -> 0.775, R 0.738 -> 0.742), chosen for the
# persons the second stage alone dropped in multi-outlet articles (ner-crf-doc.json).
KEEP_FIRST_TYPES: tuple[str, ...] = ("PERS",)

# Word types whose features are cached (~3 KB each; the network's features, document votes): enough for
# the common vocabulary of news, a bound so memory stays flat over millions of documents.
TYPE_CACHE = 30_000
# Word types whose summed CRF weights are kept (~1 KB each: a row of 5 x 9 floats, the word, its
# gazetteer and word-pair look-ups): 1,000 multi-outlet + 1,000 Jawhara documents hold 69k types.
SCORE_CACHE = 100_000

_LOCK = threading.Lock()
_CACHE: dict[tuple[str, str], "NerTagger"] = {}


def _meta(model_path: Path) -> dict:
    """The model's json (same stem), or {} when there is none."""
    try:
        return json.loads(model_path.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _uses_lexicons(model_path: Path) -> bool:
    """Whether the model was trained with the issue-11 lexicon features: its json (same stem) says
    ``"lexicons": true``. Older models (no key) get the features they were trained with."""
    return bool(_meta(model_path).get("lexicons"))


def _stage1(model_path: Path) -> Path | None:
    """The first-stage model of a stacked CRF (its json's ``"stage1"``, a file beside it), else None."""
    name = _meta(model_path).get("stage1")
    return model_path.parent / name if name else None


def _load_nn():
    """The neural backend class, or None (with a warning) when torch cannot be imported."""
    try:
        from marsad.ner.nn import NNBackend
    except ImportError as exc:  # torch missing or broken
        warnings.warn(f"marsad.ner: torch unavailable ({exc}); falling back to the CRF model "
                      f"{CRF_MODEL_PATH.name}", RuntimeWarning, stacklevel=3)
        return None
    return NNBackend


def add_spans(y: list[str], other: list[str], types: tuple[str, ...] | frozenset[str]) -> list[str]:
    """``y`` (BIO tags, changed in place and returned) with the spans of ``other`` (BIO tags of the same
    sentence) whose type is in ``types`` and which overlap no entity of ``y`` nor run into one."""
    for s, e, typ in bio_spans(other):
        if typ in types and all(t == "O" for t in y[s:e]) and not (e < len(y) and y[e].startswith("I-")):
            y[s] = "B-" + typ
            for k in range(s + 1, e):
                y[k] = "I-" + typ
    return y


class NerTagger:
    """Wraps the neural model (or the crfsuite model) and the feature extractor with its
    gazetteer/cluster resources. ``backend`` is ``"nn"`` or ``"crf"``."""

    def __init__(self, model_path: str | Path = MODEL_PATH, data_dir: str | Path = DATA_DIR,
                 lexicons: bool | None = None):
        self.model_path = Path(model_path)
        if lexicons is None:  # what the model was trained with (its json)
            lexicons = _uses_lexicons(self.model_path)
        self.fx = FeatureExtractor(Resources.load(Path(data_dir), lexicons), cache_size=TYPE_CACHE)
        self._nn = None
        if self.model_path.suffix == ".pt":
            backend = _load_nn()
            if backend is None:
                self.model_path = CRF_MODEL_PATH
            else:
                self._nn = backend(self.model_path, self.fx)
        self.backend = "nn" if self._nn is not None else "crf"
        self._tagger = None
        self._known: frozenset[str] | None = None
        self._ent_labels: list[str] = []
        self.ensemble_types = ENSEMBLE_CRF_TYPES if self._nn is not None else ()
        if self._nn is None or self.ensemble_types:
            self._tagger = pycrfsuite.Tagger()
            self._tagger.open(str(self.model_path if self._nn is None else CRF_MODEL_PATH))
            self._ent_labels = [lab for lab in self._tagger.labels() if lab != "O"]
            # the attributes the model has weights for: the others are dropped before Tagger.set
            self._known = frozenset(a for a, _ in self._tagger.info().state_features)
        # the CRF's weights summed per word type and decoded in numpy (the tags crfsuite gives, without
        # handing it ~40 attribute strings per token); crfsuite stays for marginals (thresholds) and the network
        self._crf = LinearChainCRF(self.model_path) if self._nn is None else None
        self._scores = TypeScores(self.fx, self._crf, SCORE_CACHE) if self._crf is not None else None
        # a stacked CRF (marsad.ner.stacked): the first stage's labels give the second its document attributes
        first = _stage1(self.model_path) if self._crf is not None else None
        self._crf1 = LinearChainCRF(first) if first is not None else None
        self._scores1 = TypeScores(self.fx, self._crf1, SCORE_CACHE) if self._crf1 is not None else None
        # the first stage's spans of these types are kept where the second stage found no entity
        self.keep_first_types = KEEP_FIRST_TYPES if self._crf1 is not None else ()
        self.o_threshold = O_THRESHOLD
        self.doc_threshold = DOC_THRESHOLD

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
    def _decode(self, tokens: list[str]) -> tuple[list[str], list[dict[str, float]] | None]:
        """Viterbi labels, relaxed towards entities where P(O) < ``o_threshold``; with
        ``doc_threshold`` also the per-token entity-type marginals (for document voting)."""
        tg = self._tagger
        tg.set(self.fx.sent_features(tokens, self._known))
        y = tg.tag()
        if self.o_threshold is None and self.doc_threshold is None:
            return y, None
        probs: list[dict[str, float]] = []
        for i in range(len(tokens)):
            p = {}
            for lab in self._ent_labels:
                p[lab] = tg.marginal(lab, i)
            if self.o_threshold is not None and y[i] == "O" and 1.0 - sum(p.values()) < self.o_threshold:
                y[i] = max(p, key=p.__getitem__)
            probs.append(p)
        return y, probs

    def tag_sentence(self, tokens: list[str]) -> list[str]:
        """BIO tags for one sentence (no re-chunking, no document voting)."""
        if not tokens:
            return []
        if self._nn is not None:
            return self._nn_tags([tokens])[0]
        if self.o_threshold is None and self.doc_threshold is None and self._crf is not None:
            return fix_bio(self._viterbi_docs([[tokens]])[0][0])
        return fix_bio(self._decode(tokens)[0])

    def _nn_tags(self, sents: list[list[str]]) -> list[list[str]]:
        """Neural tags, plus CRF spans of ``ensemble_types`` that overlap no network entity."""
        out = [fix_bio(y) for y in self._nn.tag_batch(sents)]
        if not self.ensemble_types:
            return out
        for toks, y in zip(sents, out):
            if toks:
                add_spans(y, fix_bio(self._decode(toks)[0]), self.ensemble_types)
        return out

    def tag_document(self, sents: list[list[str]]) -> list[list[str]]:
        """BIO tags for the sentences of one document. With ``doc_threshold`` set, a word left
        ``O`` is given the entity type that its occurrences across the document get on average with
        marginal probability >= ``doc_threshold`` (names are repeated in news stories, often
        first in a clear context such as "قال X" and then alone). The neural backend tags all
        sentences in batches (no document vote)."""
        if self._nn is not None:
            return self._nn_tags(sents)
        if self.doc_threshold is None and self.o_threshold is None and self._crf is not None:
            return [fix_bio(y) for y in self._viterbi_docs([sents])[0]]
        decoded = [self._decode(s) if s else ([], []) for s in sents]
        if self.doc_threshold is not None:
            keys = [[self._key(t) for t in s] for s in sents]
            acc: dict[str, dict[str, float]] = {}
            cnt: dict[str, int] = {}
            for ks, (_, probs) in zip(keys, decoded):
                for k, p in zip(ks, probs):
                    if k:
                        a = acc.setdefault(k, {})
                        for lab, v in p.items():
                            typ = lab[2:]
                            a[typ] = a.get(typ, 0.0) + v
                        cnt[k] = cnt.get(k, 0) + 1
            vote: dict[str, str] = {}
            for k, a in acc.items():
                if cnt[k] >= 2:
                    typ = max(a, key=a.__getitem__)
                    if a[typ] / cnt[k] >= self.doc_threshold:
                        vote[k] = typ
            if vote:
                for ks, (y, _) in zip(keys, decoded):
                    for i, k in enumerate(ks):
                        if y[i] == "O" and k in vote:
                            typ = vote[k]
                            y[i] = ("I-" if i and y[i - 1][2:] == typ else "B-") + typ
        return [fix_bio(y) for y, _ in decoded]

    def _viterbi(self, sents: list[list[str]]) -> list[list[str]]:
        """Viterbi labels of each sentence of one document (see :meth:`_viterbi_docs`)."""
        return self._viterbi_docs([sents])[0]

    def _viterbi_docs(self, docs: list[list[list[str]]]) -> list[list[list[str]]]:
        """Viterbi labels of each sentence of each document (lists of token lists) from the weights
        summed per word type (:class:`TypeScores`), all sentences decoded together. A stacked model
        first decodes them with its first stage and adds the weights of the document attributes
        (:func:`marsad.ner.stacked.doc_attrs`, within each document) to the second stage's scores."""
        crf = self._crf
        full = [s for d in docs for s in d if s]
        em = self._scores.document(full)
        if self._crf1 is not None and full:
            first = self._crf1.labels
            y1 = [[first[k] for k in y] for y in self._crf1.viterbi(self._scores1.document(full))]
            index, weights = crf.index, crf.weights
            k = 0
            for d in docs:
                n = sum(1 for s in d if s)
                for j, sent in enumerate(doc_attrs([s for s in d if s], y1[k:k + n])):
                    at = [i for i, attrs in enumerate(sent) for a in attrs if a in index]
                    if at:
                        rows = [index[a] for attrs in sent for a in attrs if a in index]
                        np.add.at(em[k + j], at, weights[rows])
                k += n
        ids = iter(crf.viterbi(em))
        labels = crf.labels
        out = [[[labels[k] for k in next(ids)] if s else [] for s in d] for d in docs]
        if self._crf1 is not None and self.keep_first_types and full:
            first_tags = iter(y1)
            for d in out:
                for y in d:
                    if y:
                        add_spans(y, fix_bio(next(first_tags)), self.keep_first_types)
        return out

    def _key(self, tok: str) -> str:
        t = self.fx._type(tok)
        if t.kind not in ("a", "L") or len(t.stem) < 3 or t.trig:
            return ""
        return t.stem

    def tag(self, tokens: list[str]) -> list[str]:
        """BIO tags for a token list of any length: it is cut into sentences at sentence-final
        punctuation and every ``MAX_CHUNK`` tokens, each tagged separately."""
        chunks: list[list[str]] = []
        start = 0
        n = len(tokens)
        for i, tok in enumerate(tokens):
            if tok in SENTENCE_END or i + 1 - start >= MAX_CHUNK or i == n - 1:
                chunks.append(tokens[start:i + 1])
                start = i + 1
        return [t for tags in self.tag_document(chunks) for t in tags]

    def entities(self, text: str) -> list[tuple[int, int, str]]:
        """Entity spans ``(start, end, TYPE)`` as character offsets into ``text``."""
        return self.entities_many([text])[0]

    @staticmethod
    def _spans(sents: list[list[tuple[int, int]]], all_tags: list[list[str]]) -> list[tuple[int, int, str]]:
        spans: list[tuple[int, int, str]] = []
        for sent, tags in zip(sents, all_tags):
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

    def entities_many(self, texts: list[str], one_document: bool = False) -> list[list[tuple[int, int, str]]]:
        """:meth:`entities` for each text; the sentences of all texts are tagged together (in
        batches with the neural backend). For a stacked model each text is a document, or all of them
        one with ``one_document`` (the sentences of an article, as the mentions stage passes them)."""
        per_text = [sentences(t, tokenize(t), MAX_CHUNK) if t else [] for t in texts]
        if self._nn is not None:
            flat = [[t[s:e] for s, e in sent] for t, sents in zip(texts, per_text) for sent in sents]
            tags = self._nn_tags(flat)
            out = []
            k = 0
            for sents in per_text:
                out.append(self._spans(sents, tags[k:k + len(sents)]))
                k += len(sents)
            return out
        if self.doc_threshold is None and self.o_threshold is None and self._crf is not None:
            # sentences are decoded independently: all of them at once (one batched Viterbi); each text is
            # a document for a stacked model
            docs = [[[t[s:e] for s, e in sent] for sent in sents] for t, sents in zip(texts, per_text)]
            if one_document:
                flat = self._viterbi_docs([[s for d in docs for s in d]])[0]
                tagged, k = [], 0
                for d in docs:
                    tagged.append(flat[k:k + len(d)])
                    k += len(d)
            else:
                tagged = self._viterbi_docs(docs)
            return [self._spans(sents, [fix_bio(y) for y in tags]) if sents else []
                    for sents, tags in zip(per_text, tagged)]
        return [self._spans(sents, self.tag_document([[t[s:e] for s, e in sent] for sent in sents]))
                if sents else [] for t, sents in zip(texts, per_text)]
