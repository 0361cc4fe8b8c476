"""Library entry point of ``marsad extract``: documents in, CONTRACT.md §2 records out."""
from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Iterator
from typing import Any

from .doc import Document, Entity, Event
from .pipeline import Pipeline
from . import record as contract
from .record import Record
from .stages.read import discover, scrub

__all__ = ["Extractor", "confident", "discover", "to_record", "record_json", "Record", "DEFAULT_STAGES", "DOC_SECONDS", "DOC_MEMORY_MB"]

# Seconds, and MB of resident-memory growth, one document may take before the stages still to run
# are skipped and it becomes an error record (checked between stages); MARSAD_DOC_SECONDS and
# MARSAD_DOC_MEMORY_MB override them, 0 switches a bound off.
DOC_SECONDS = 60.0
DOC_MEMORY_MB = 1024.0


def _env_bound(name: str, default: float) -> float | None:
    try:
        value = float(os.environ.get(name, default))
    except ValueError:
        value = default
    return value if value > 0 else None

# The whole pipeline, in order; the stages are registered by marsad.stages.register_stages.
DEFAULT_STAGES = ("read", "decode", "clean", "metadata", "normalise", "mentions", "link", "events")


class Extractor:
    """Builds the pipeline once and turns document stubs into output records.

    Args:
        stages: stage names, in order (default: the whole pipeline).
        extra_persons: curated persons from a store (id, name, aliases, country, office) that
            entity linking treats as knowledge-base entries.
        budget: seconds per document (see :data:`DOC_SECONDS`); None reads ``MARSAD_DOC_SECONDS``.
        memory_mb: memory growth per document (:data:`DOC_MEMORY_MB`); None reads ``MARSAD_DOC_MEMORY_MB``.
    """

    def __init__(self, stages: Iterable[str] = DEFAULT_STAGES, extra_persons: list[dict] | None = None,
                 budget: float | None = None, memory_mb: float | None = None) -> None:
        stages = tuple(stages)
        cfg = {"link": {"extra_persons": extra_persons or []}} if "link" in stages else {}
        budget = _env_bound("MARSAD_DOC_SECONDS", DOC_SECONDS) if budget is None else (budget or None)
        memory_mb = _env_bound("MARSAD_DOC_MEMORY_MB", DOC_MEMORY_MB) if memory_mb is None else (memory_mb or None)
        self.pipeline = Pipeline(stages, config=cfg, budget=budget, memory_mb=memory_mb)

    def process(self, doc: Document) -> Document:
        """Run the pipeline on one document stub; the document, with ``error`` set when a stage stopped it."""
        return self.pipeline(doc)

    def run(self, doc: Document) -> dict[str, Any]:
        """Process one document stub and return its record's JSON object (:meth:`Record.to_json`,
        the form records cross processes and reach the store in) with ``doc_key`` and ``raw_text``."""
        doc = self.process(doc)
        rec = to_record(doc).to_json()
        rec["doc_key"] = doc.doc_key
        rec["raw_text"] = doc.raw
        return rec

    def iter_records(self, paths: Iterable[str]) -> Iterator[tuple[Document, Record]]:
        """``(document, record)`` for every document found under ``paths`` (files, folders, .jsonl), in order."""
        for doc in discover(paths):
            doc = self.process(doc)
            yield doc, to_record(doc)


def _entity(e: Entity) -> contract.Entity:
    return contract.Entity(id=e.id, type=e.type, name=e.name, name_en=e.name_en, country=e.country,
                  country_basis=e.country_basis, office=e.office, wikidata=e.wikidata,
                  mentions=[contract.Mention(text=m.text, start=m.start, end=m.end) for m in e.mentions])


def _event(ev: Event) -> contract.Event:
    return contract.Event(id=ev.id, event=ev.event, mode=ev.mode, context=ev.context,
                       date=ev.date.isoformat() if ev.date else None,
                       enddate=ev.enddate.isoformat() if ev.enddate else None,
                       date_precision=ev.date_precision,
                       source=[contract.Actor(**a.to_dict()) for a in ev.source],
                       recipient=[contract.Actor(**a.to_dict()) for a in ev.recipient],
                       event_loc=ev.event_loc, event_text=ev.event_text,
                       text_info=contract.TextInfo(start=ev.start, end=ev.end), confidence=round(ev.confidence, 3))


def to_record(doc: Document) -> Record:
    """The CONTRACT.md §2 record of a processed document (or its error record), as the
    :class:`marsad.record.Record` model; ``to_record(doc).to_json()`` is the printed object.

    A document kept after repairs (bad bytes replaced, fields ignored; see
    :class:`marsad.stages.read.DecodeStage`) also has ``warnings``: a list of sentences.
    """
    if doc.error:
        return Record(doc_id=doc.doc_id, path=doc.doc_key, error=doc.error)
    return Record(doc_id=doc.doc_id, path=doc.doc_key, warnings=list(doc.meta.get("warnings") or []) or None,
                  articles=[contract.Article(title=a.title, outlet=a.outlet,
                                    published=a.published.isoformat() if a.published else None,
                                    text=a.text(doc.raw), start=a.start, end=a.end) for a in doc.articles],
                  entities=[_entity(e) for e in doc.entities], events=[_event(ev) for ev in doc.events])


def confident(rec: Record, threshold: float | None = None) -> Record:
    """The record with only the events whose ``confidence`` is at least ``threshold`` (default
    :data:`marsad.scorer.DEFAULT_MIN_CONFIDENCE`); error records and documents without events pass as they are."""
    from .scorer import DEFAULT_MIN_CONFIDENCE

    t = DEFAULT_MIN_CONFIDENCE if threshold is None else threshold
    if not rec.events or t <= 0:
        return rec
    return rec.model_copy(update={"events": [e for e in rec.events if (e.confidence or 0.0) >= t]})


def _scrubbed(value: Any) -> Any:
    """``value`` with every string made valid Unicode and non-finite floats as null (JSON has none)."""
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {scrub(str(k)): _scrubbed(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_scrubbed(v) for v in value]
    return value


def record_json(rec: Record | dict[str, Any]) -> str:
    """One output line (without newline): a record's JSON object (:meth:`Record.to_json`; a dict as
    it is), always valid and encodable as UTF-8.

    Lone surrogates (from non-UTF-8 file names or JSON escapes) become ``\\xNN`` or U+FFFD and
    NaN/Infinity null, instead of failing the run or printing invalid output.
    """
    if isinstance(rec, Record):
        rec = rec.to_json()
    try:
        line = json.dumps(rec, ensure_ascii=False, allow_nan=False)
        line.encode("utf-8")
        return line
    except (UnicodeEncodeError, ValueError):
        return json.dumps(_scrubbed(rec), ensure_ascii=False, allow_nan=False)
