"""Event frames as data (marsad/data/frames.json): every frame is checked on its own example sentence."""
import json
from importlib import resources

import pytest

from marsad.frames import CATEGORIES, frame_lexicon, load_frames
from marsad.textnorm import fold_key

SPECS = json.loads(resources.files("marsad.data").joinpath("frames.json").read_text("utf-8"))["frames"]


def test_every_frame_has_a_test_sentence_and_valid_vocabulary():
    for spec in SPECS:
        assert spec["example"] and len(spec["expect"]) >= 2, spec["id"]
        assert spec["category"] in CATEGORIES


def test_no_form_is_claimed_by_two_categories():
    lex = frame_lexicon()
    cat = {f.id: f.category for f in lex.frames}
    across = [c for c in lex.collisions if cat[c[1]] != cat[c[2]]]
    assert across == []


def test_not_forms_are_dropped():
    lex = frame_lexicon()
    # "وزارة" (ministry) is generated as و + زار + ه (and he visited him)
    assert lex.lookup(fold_key("وزارة")) is None
    assert lex.lookup(fold_key("وزاره")) is None
    assert lex.lookup("زاره") is not None


def test_next_word_constraint():
    lex = frame_lexicon()
    hits = lex.match(fold_key("قطع المغرب العلاقات").split())
    assert hits == []  # قطع must be followed by العلاقات
    hits = lex.match(fold_key("قطع العلاقات الدبلوماسية").split())
    assert [h.frame.id for h in hits] == ["sanction.cut_ties"]


def test_bad_frame_is_named():
    with pytest.raises(ValueError, match="frame 'x'"):
        load_frames([{"id": "x", "category": "HUG", "role": "agent"}])
    with pytest.raises(ValueError, match="duplicate"):
        load_frames([{"id": "y", "category": "ACCUSE", "role": "agent"}] * 2)
