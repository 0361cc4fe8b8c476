"""The records the store takes in and gives out, as pydantic models over :mod:`marsad.record`.

Where a record crosses from the extractor (or the write API) into the store it is validated here:

    rec = StoreRecord.parse(record_dict)      # -> StoreRecord (a marsad.record.Record); raises RecordError

What the readers return: :class:`CorpusEvent` (``store.events()``, ``store.event()``) with its
:class:`EventSource` list, :class:`StoredDocument` (``store.document()``) with
:class:`DocumentEvent` and :class:`StoredEntity` items, :class:`DocumentSummary` (``store.documents()``),
:class:`EntitySummary` (``store.entities()``), :class:`EntityDetail` (``store.entity()``).

Shape (extra keys are allowed and kept)::

    {"doc_key": "path as given (#line for .jsonl)", "doc_id": "sha1 of the raw bytes",
     "path": str, "raw_text": str, "articles": [...], "entities": [...], "events": [...],
     "source": {"url", "record_id", "outlet", "published"},        # optional, see source_fields()
     "pipeline": {"stages": {"read": "1", ...}, "digest": "sha1"},  # optional provenance
     "raw_bytes_z": bytes (zlib of the bytes read), "kind": "json|txt|html"}

Every string in the record is made storable on both backends: NUL (which PostgreSQL refuses)
and lone surrogates (which no UTF-8 encoder writes) become U+FFFD, one character for one, so
offsets into ``raw_text`` stay valid.
"""
from __future__ import annotations

import hashlib
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from marsad.record import Article, Event, Mention, PloverEvent, Record, opt_str

REPLACEMENT = "\ufffd"


class RecordError(ValueError):
    """A record the store cannot take; the message says which field."""


def clean_text(s: str) -> str:
    """``s`` with NUL and lone surrogates replaced by U+FFFD (same length)."""
    if "\x00" in s:
        s = s.replace("\x00", REPLACEMENT)
    try:
        s.encode("utf-8")
    except UnicodeEncodeError:
        s = "".join(REPLACEMENT if 0xD800 <= ord(c) <= 0xDFFF else c for c in s)
    return s


def clean_value(x: Any, depth: int = 0) -> Any:
    """Recursively clean every string in a JSON-like value (dict keys too)."""
    if depth > 64:
        raise RecordError("record nested more than 64 levels deep")
    if isinstance(x, str):
        return clean_text(x)
    if isinstance(x, dict):
        return {clean_text(str(k)): clean_value(v, depth + 1) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [clean_value(v, depth + 1) for v in x]
    return x


class SourceMeta(BaseModel):
    """Where a document came from: the record's url and id, outlet and publication date."""

    model_config = ConfigDict(extra="ignore")
    url: str | None = None
    record_id: str | None = None
    outlet: str | None = None
    published: str | None = None

    @field_validator("url", "record_id", "outlet", "published", mode="before")
    @classmethod
    def _text(cls, v: Any) -> Any:
        if v is None or isinstance(v, str):
            return (v or "").strip()[:2000] or None
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return str(v)[:2000]
        return None


class PipelineInfo(BaseModel):
    """How a record was extracted (``marsad.store.provenance.pipeline_info``): stage name -> version,
    the digest of the data and model files, and one digest of both."""

    model_config = ConfigDict(extra="allow")
    stages: dict[str, str] = Field(default_factory=dict)
    data: str | None = None
    digest: str | None = None

    @field_validator("stages", mode="before")
    @classmethod
    def _stages(cls, v: Any) -> dict[str, str]:
        return {str(k): str(x) for k, x in v.items()} if isinstance(v, dict) else {}

    @field_validator("data", "digest", mode="before")
    @classmethod
    def _text(cls, v: Any) -> str | None:
        return opt_str(v)


class StoreRecord(Record):
    """One extracted document as the store takes it: the CONTRACT §2 :class:`~marsad.record.Record`
    (typed articles, entities, events) plus the store's fields (see the module docstring)."""

    doc_key: str = Field(min_length=1)
    raw_text: str = ""
    source: SourceMeta = Field(default_factory=SourceMeta)
    pipeline: PipelineInfo | None = None
    kind: str | None = None
    raw_bytes_z: bytes | None = None

    @field_validator("pipeline", mode="before")
    @classmethod
    def _pipeline(cls, v: Any) -> Any:
        return v if isinstance(v, (dict, PipelineInfo)) else None

    @classmethod
    def parse(cls, record: dict) -> "StoreRecord":
        """Validate and clean a record's JSON object; raises :class:`RecordError`."""
        if not isinstance(record, dict):
            raise RecordError(f"record is a {type(record).__name__}, expected an object")
        rec = dict(record)
        rec["doc_key"] = rec.get("doc_key") or rec.get("path")
        if not rec["doc_key"]:
            raise RecordError("record has neither doc_key nor path")
        raw_z = rec.pop("raw_bytes_z", None)
        rec = clean_value(rec)
        if not isinstance(rec.get("source"), dict):
            rec.pop("source", None)
        try:
            out = cls.model_validate(rec)
        except ValidationError as e:
            first = e.errors()[0]
            where = ".".join(str(x) for x in first.get("loc", ()))
            raise RecordError(f"invalid record field {where!r}: {first.get('msg')}") from None
        out.raw_bytes_z = raw_z if isinstance(raw_z, (bytes, bytearray)) else None
        if not out.doc_id and not out.error:
            out.doc_id = hashlib.sha1(out.raw_text.encode("utf-8")).hexdigest()
        return out


# ---------------------------------------------------------------- what the store's readers return

class _Read(BaseModel):
    """Base of the read models: unknown keys kept (records posted with extra fields)."""

    model_config = ConfigDict(extra="allow")


class EventSource(_Read):
    """One report of a corpus event: the document (``doc_id``, ``doc_key``, ``path``, source
    ``url``, ``record_id``, ``outlet``, ``published``), the article's title, the evidence text
    and its raw offsets, the document's own event id and why it was merged (null for the first)."""

    doc_id: str | None = None
    doc_key: str | None = None
    path: str | None = None
    article_title: str | None = None
    event_text: str | None = None
    start: int | None = None
    end: int | None = None
    doc_event_id: str | None = None
    merge_reason: str | None = None
    url: str | None = None
    record_id: str | None = None
    outlet: str | None = None
    published: str | None = None


class CorpusEvent(PloverEvent):
    """A de-duplicated corpus event in PLOVER shape (:class:`~marsad.record.PloverEvent` fields),
    aggregated from its sources' per-document events (``marsad.store.dedup.aggregate``): the
    noisy-or ``confidence``, the ``sources``, the reasons they were merged (``merged_reason``,
    `` | ``-joined) and their distinct evidence sentences (``event_text``)."""

    id: str
    confidence: float | None = None
    sources: list[EventSource] = Field(default_factory=list)
    merged_reason: str | None = None
    event_text: list[str] = Field(default_factory=list)


class DocumentEvent(Event):
    """A document's own event (CONTRACT §2) as stored, with the corpus event it joined and why."""

    corpus_event: str | None = None
    merge_reason: str | None = None


class EntityFields(_Read):
    """An entity as the store keeps it: id, type, Arabic and English name, country (ISO3), office,
    Wikidata id (no ``country_basis``: the store keeps only countries some text states)."""

    id: str
    type: str | None = None
    name: str | None = None
    name_en: str | None = None
    country: str | None = None
    office: str | None = None
    wikidata: str | None = None


class StoredEntity(EntityFields):
    """An entity of a stored document with its mentions there."""

    mentions: list[Mention] = Field(default_factory=list)


class DocumentSummary(_Read):
    """A stored document in a list: keys, source, first article's title and date, counts, size in bytes."""

    doc_key: str
    doc_id: str | None = None
    path: str | None = None
    outlet: str | None = None
    size: int | None = None
    ingested_at: str | None = None
    url: str | None = None
    record_id: str | None = None
    title: str | None = None
    published: str | None = None
    articles: int = 0
    events: int = 0


class StoredDocument(_Read):
    """One stored document: its ids and paths, source and provenance, raw text, articles, entities
    with their mentions, and its events (each with the corpus event it joined)."""

    doc_id: str | None = None
    doc_key: str
    path: str | None = None
    outlet: str | None = None
    url: str | None = None
    record_id: str | None = None
    published: str | None = None
    paths: list[str] = Field(default_factory=list)
    pipeline: dict | None = None
    pipeline_digest: str | None = None
    size: int | None = None
    ingested_at: str | None = None
    raw_text: str = ""
    articles: list[Article] = Field(default_factory=list)
    entities: list[StoredEntity] = Field(default_factory=list)
    events: list[DocumentEvent] = Field(default_factory=list)


class EntitySummary(EntityFields):
    """An entity in a list (``store.entities()``): its fields, how many mentions and in how many documents."""

    mentions: int = 0
    documents: int = 0


class OfficeHeld(_Read):
    """An office an entity held: first and last ISO day seen, where it comes from (``extract`` or
    ``curation``) and how many documents say so."""

    office: str | None = None
    start: str | None = None
    end: str | None = None
    source: str | None = None
    documents: int = 0


class EntityDocument(_Read):
    """A document naming an entity: ids, path, first article's title, mentions there."""

    doc_id: str | None = None
    doc_key: str | None = None
    path: str | None = None
    title: str | None = None
    mentions: int = 0


class Counterpart(_Read):
    """A person an entity acts with in events, and in how many."""

    id: str
    name: str | None = None
    type: str | None = None
    country: str | None = None
    count: int = 0


class StateCount(_Read):
    """A state (or ``IGO:<org id>``) an entity's events involve, other than its own, and in how many."""

    code: str
    count: int = 0


class Counterparts(_Read):
    """Who an entity deals with: persons (``entities``) and ``states``, most frequent first."""

    entities: list[Counterpart] = Field(default_factory=list)
    states: list[StateCount] = Field(default_factory=list)


class EntityDetail(EntityFields):
    """One entity (``store.entity()``): its fields, other spellings, offices over time, mention
    count, the documents naming it, its events (up to 500) and its counterparts."""

    aliases: list[str] = Field(default_factory=list)
    offices: list[OfficeHeld] = Field(default_factory=list)
    mentions: int = 0
    documents: list[EntityDocument] = Field(default_factory=list)
    events: list[CorpusEvent] = Field(default_factory=list)
    counterparts: Counterparts = Field(default_factory=Counterparts)


__all__ = ["EntityFields", "EntitySummary", "OfficeHeld", "EntityDocument", "Counterpart", "StateCount", "Counterparts",
           "EntityDetail", "StoreRecord", "PipelineInfo", "SourceMeta", "RecordError", "clean_text", "clean_value", "EventSource", "CorpusEvent",
           "DocumentEvent", "StoredEntity", "DocumentSummary", "StoredDocument"]
