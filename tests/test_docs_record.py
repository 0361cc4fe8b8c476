"""docs/record.md describes the record users read: every field of the record models in marsad/record.py
must be named there, so the page and the schema cannot drift apart."""
from pathlib import Path

import pytest

from marsad import record

DOC = Path(__file__).resolve().parents[1] / "docs" / "record.md"
MODELS = [record.Record, record.Article, record.Entity, record.Mention, record.Event, record.Actor,
          record.Place, record.TextInfo]


def undescribed(model, text: str) -> list[str]:
    """Fields of ``model`` that ``text`` does not name as a code span."""
    return [f for f in model.model_fields if f"`{f}`" not in text]


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_every_record_field_is_described(model):
    missing = undescribed(model, DOC.read_text("utf-8"))
    assert not missing, f"docs/record.md does not describe {model.__name__} fields {missing}"


def test_a_field_left_out_of_the_page_is_reported():
    text = DOC.read_text("utf-8").replace("`confidence`", "confidence")
    assert undescribed(record.Event, text) == ["confidence"]
