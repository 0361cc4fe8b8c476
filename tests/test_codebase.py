"""The codebase's own shape: closed vocabularies, modules that import alone, no import cycles,
public docstrings (issue 16)."""
from __future__ import annotations

import collections
from pathlib import Path

import pytest

from marsad import vocab

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "marsad"
SEED_PAGES = sorted((ROOT / "tests" / "data" / "pages").glob("*.txt")) + \
    sorted((ROOT.parent / "shared" / "corpus" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def produced() -> dict[str, collections.Counter]:
    """Every value the whole pipeline writes into a vocabulary field, over the seed pages."""
    from marsad.extract import Extractor
    from marsad.stages.read import discover

    seen: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    ex = Extractor(budget=0, memory_mb=0)
    for doc in discover([str(p) for p in SEED_PAGES]):
        doc = ex.process(doc)
        assert doc.error is None, doc.error
        seen["Document.kind"][doc.kind] += 1
        for ln in doc.lines:
            seen["Line.label"][ln.label] += 1
            seen["Line.reason"][ln.reason] += 1
        seen["Sentence.kind"].update(s.kind for s in doc.sentences)
        for m in doc.mentions + [m for e in doc.entities for m in e.mentions]:
            seen["Mention.type"][m.type] += 1
            seen["Mention.source"][m.source] += 1
        seen["Entity.type"].update(e.type for e in doc.entities)
        seen["Actor.sector"].update(e.sector for e in doc.entities if e.sector)
        for ev in doc.events:
            seen["Event.event"].update(ev.event)
            seen["Event.mode"].update(ev.mode)
            seen["Event.context"].update(ev.context)
            seen["Event.date_precision"].update([ev.date_precision] if ev.date_precision else [])
            seen["Actor.sector"].update(a.sector for a in ev.source + ev.recipient if a.sector)
    return seen


def test_the_seed_pages_are_there():
    assert len(SEED_PAGES) >= 5, SEED_PAGES


def test_every_value_the_pipeline_produces_is_in_its_vocabulary(produced):
    outside = {field: sorted(set(counts) - set(vocab.values(vocab.VOCABULARIES[field])))
               for field, counts in produced.items()}
    assert not any(outside.values()), f"values outside marsad/vocab.py: { {k: v for k, v in outside.items() if v} }"
    # the seed pages exercise the main fields, so this test can fail
    for field in ("Line.label", "Mention.type", "Mention.source", "Entity.type", "Event.event", "Event.mode"):
        assert len(produced[field]) >= 2, (field, produced[field])


def test_doc_annotations_are_the_vocabularies():
    import typing

    from marsad import doc

    hints = {name: typing.get_type_hints(getattr(doc, name)) for name in ("Line", "Mention", "Event", "Document")}
    assert hints["Line"]["label"] is vocab.LineLabel
    assert hints["Mention"]["type"] is vocab.MentionType
    assert hints["Mention"]["source"] is vocab.MentionSource
    assert hints["Event"]["mode"] == list[vocab.EventMode]
    assert hints["Document"]["kind"] is vocab.DocumentKind
    with pytest.raises(TypeError):
        vocab.values(str)
