"""Library entry point of ``marsad extract``: documents in, CONTRACT.md §2 records out."""
from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from typing import Any

from .doc import Document, Entity, Event
from .pipeline import Pipeline
from .stages.read import discover

__all__ = ["Extractor", "discover", "to_record", "DEFAULT_STAGES"]

# Stage modules register themselves on import; only the modules a pipeline uses are imported.
STAGE_MODULES = {"read": "marsad.stages.read", "decode": "marsad.stages.read", "clean": "marsad.stages.clean",
                 "metadata": "marsad.stages.metadata", "normalise": "marsad.stages.metadata",
                 "mentions": "marsad.stages.entities", "link": "marsad.stages.link", "events": "marsad.stages.events"}
DEFAULT_STAGES = ("read", "decode", "clean", "metadata", "normalise", "mentions", "link", "events")


def _load_stage_modules(stages: Iterable[str]) -> None:
    for name in stages:
        if name in STAGE_MODULES:
            importlib.import_module(STAGE_MODULES[name])


class Extractor:
    """Builds the pipeline once and turns document stubs into output records.

    Args:
        stages: stage names, in order (default: the whole pipeline).
        extra_persons: curated persons from a store (id, name, aliases, country, office) that
            entity linking treats as knowledge-base entries.
    """

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, extra_persons: list[dict] | None = None) -> None:
        stages = tuple(stages)
        _load_stage_modules(stages)
        cfg = {"link": {"extra_persons": extra_persons or []}} if "link" in stages else {}
        self.pipeline = Pipeline(stages, config=cfg)

    def process(self, doc: Document) -> Document:
        return self.pipeline(doc)

    def run(self, doc: Document) -> dict[str, Any]:
        """Process one document stub and return its record (with ``raw_text`` and ``doc_key``)."""
        doc = self.process(doc)
        rec = to_record(doc)
        rec["doc_key"] = doc.doc_key
        rec["raw_text"] = doc.raw
        return rec

    def iter_records(self, paths: Iterable[str]) -> Iterator[tuple[Document, dict[str, Any]]]:
        for doc in discover(paths):
            doc = self.process(doc)
            yield doc, to_record(doc)


def _entity_dict(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "type": e.type, "name": e.name, "name_en": e.name_en, "country": e.country,
            "office": e.office, "wikidata": e.wikidata,
            "mentions": [{"text": m.text, "start": m.start, "end": m.end} for m in e.mentions]}


def _event_dict(ev: Event) -> dict[str, Any]:
    return {"id": ev.id, "event": ev.event, "mode": ev.mode, "context": ev.context,
            "date": ev.date.isoformat() if ev.date else None,
            "enddate": ev.enddate.isoformat() if ev.enddate else None,
            "date_precision": ev.date_precision,
            "source": [a.to_dict() for a in ev.source], "recipient": [a.to_dict() for a in ev.recipient],
            "event_loc": ev.event_loc, "event_text": ev.event_text,
            "text_info": {"start": ev.start, "end": ev.end}, "confidence": round(ev.confidence, 3)}


def to_record(doc: Document) -> dict[str, Any]:
    """The CONTRACT.md §2 record of a processed document (or its error record)."""
    rec: dict[str, Any] = {"doc_id": doc.doc_id, "path": doc.doc_key}
    if doc.error:
        rec["error"] = doc.error
        return rec
    rec["articles"] = [{"title": a.title, "outlet": a.outlet,
                        "published": a.published.isoformat() if a.published else None,
                        "text": a.text(doc.raw), "start": a.start, "end": a.end} for a in doc.articles]
    rec["entities"] = [_entity_dict(e) for e in doc.entities]
    rec["events"] = [_event_dict(ev) for ev in doc.events]
    return rec
