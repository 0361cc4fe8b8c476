"""The candidate scorer (marsad/scorer.py): features of a draft, the model's arithmetic and calibration,
and events carrying their features out of the pipeline."""
from dataclasses import dataclass, field

import numpy as np
import pytest

from marsad.scorer import EMBED_DIM, ScorerModel, features


@dataclass
class _C:
    kind: str
    code: str
    tok: int


@dataclass
class _D:
    category: str = "ACCUSE"
    mode: list = field(default_factory=list)
    context: list = field(default_factory=list)
    source: list = field(default_factory=lambda: [_C("person", "IRN", 3)])
    recipient: list = field(default_factory=lambda: [_C("state", "USA", 9)])
    sentence: int = 4
    time_explicit: bool = True
    place: dict | None = None
    extra: dict = field(default_factory=lambda: {"via": "statement", "frame": "accuse.lies", "aspect": "statement"})


def test_features_name_what_proposed_the_candidate_and_its_actors():
    f = features(_D(), sentence_rank=0, sentence_len=20, trigger_index=1)
    assert f["via=statement"] == 1 and f["rule=accuse.lies"] == 1 and f["cat=ACCUSE|via=statement"] == 1
    assert f["src_kind=person"] == 1 and f["rec_kind=state"] == 1 and f["lead"] == 1
    assert f["cat=ACCUSE|src_kind=person"] == 1 and f["cat=ACCUSE|rec_kind=state"] == 1
    assert features(_D(recipient=[]), 0, 20, 1)["cat=ACCUSE|rec_kind=none"] == 1
    assert f["n_states"] == pytest.approx(2 / 5) and f["time_explicit"] == 1 and f["placed"] == 0


def test_model_scores_rise_with_positive_weights_and_calibration_is_monotone():
    m = ScorerModel({"via=statement": 2.0, "lead": -1.0}, [0.0] * EMBED_DIM, -0.5, [[0.1, 0.05], [0.5, 0.4], [0.9, 0.95]])
    low = m.raw({"lead": 1.0}, np.zeros(EMBED_DIM, dtype=np.float32))
    high = m.raw({"via=statement": 1.0}, np.zeros(EMBED_DIM, dtype=np.float32))
    assert 0 < low < 0.5 < high < 1
    assert m.calibrate(0.2) <= m.calibrate(0.5) <= m.calibrate(0.8)
    assert m.calibrate(0.0) == pytest.approx(0.05) and m.calibrate(1.0) == pytest.approx(0.95)


def test_model_round_trips_through_json():
    m = ScorerModel({"a": 1.5}, [0.25] * EMBED_DIM, 0.1, [[0.0, 0.0], [1.0, 1.0]], {"cv_auc": 0.7})
    back = ScorerModel.from_json(m.to_json())
    assert back.weights == m.weights and back.embedding == m.embedding and back.meta == m.meta


def test_events_carry_their_scorer_features(run):
    doc = run("وقال وزير الخارجية الإيراني محمد جواد ظريف إن الضربات الأمريكية على سوريا عدوان سافر.\n")
    accuse = [e for e in doc.events if e.event == ["ACCUSE"]]
    assert accuse and accuse[0].features["via=statement"] == 1 and 0 <= accuse[0].confidence <= 1
