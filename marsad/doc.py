"""The typed document model every pipeline stage takes and returns.

A :class:`Document` holds the raw text exactly as read (all offsets point into it), its normalised
form with an offset map back to raw, and the layers the stages add: lines with their cleaning labels,
articles, sentences, mentions, entities and events.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .textnorm import Normalised


@dataclass
class Line:
    """One raw line: ``[start, end)`` without the newline, and the cleaning decision."""

    start: int
    end: int
    label: str = "content"  # content | boilerplate | title | meta | blank
    reason: str = ""


@dataclass
class Article:
    """One article of a document. ``start``/``end`` cover it in the raw text."""

    start: int
    end: int
    title: str | None = None
    title_span: tuple[int, int] | None = None
    outlet: str | None = None
    outlet_country: str | None = None  # the state a national outlet reports as home
    published: dt.date | None = None
    body: list[tuple[int, int]] = field(default_factory=list)  # raw spans of the kept body lines

    def text(self, raw: str) -> str:
        """Clean body text: the kept lines joined by newlines."""
        return "\n".join(raw[s:e].strip() for s, e in self.body)


@dataclass
class Sentence:
    start: int
    end: int
    article: int  # index into Document.articles
    kind: str = "body"  # body | title | aside (related headlines): asides give entities, never events


@dataclass
class Mention:
    """A span of raw text naming something. ``entity`` is filled by linking."""

    start: int
    end: int
    text: str
    type: str  # PER ORG GPE LOC FAC WEAPON EVENT DATE
    source: str = "ner"  # ner | kb | title | coref | nisba
    sentence: int | None = None
    entity: str | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


@dataclass
class Entity:
    id: str
    type: str
    name: str
    name_en: str | None = None
    country: str | None = None
    office: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)


@dataclass
class Actor:
    entity: str | None
    actor_text: str
    identifier_text: str
    code: str | None
    sector: str | None = None
    office: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"entity": self.entity, "actor_text": self.actor_text, "identifier_text": self.identifier_text,
                "code": self.code, "sector": self.sector, "office": self.office}


@dataclass
class Event:
    id: str
    event: list[str]
    mode: list[str]
    context: list[str]
    source: list[Actor]
    recipient: list[Actor]
    date: dt.date | None
    enddate: dt.date | None
    date_precision: str | None
    event_loc: dict[str, Any] | None
    event_text: list[str]
    start: int
    end: int
    confidence: float
    article: int = 0
    trigger: str = ""
    features: dict[str, float] = field(default_factory=dict)  # the candidate scorer's inputs (marsad.scorer)


@dataclass
class Document:
    """A document flowing through the pipeline."""

    doc_key: str  # path, or path#lineno for JSON Lines records
    path: str
    raw_bytes: bytes | None = None
    doc_id: str | None = None  # sha1 of raw bytes
    record: dict[str, Any] | None = None  # the JSON record for .json/.jsonl input
    kind: str = "txt"  # txt | html | json
    raw: str = ""
    norm: Normalised | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # title/outlet/published/url from metadata
    lines: list[Line] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    error: str | None = None
    provided: set[str] = field(default_factory=set)
    scratch: dict[str, Any] = field(default_factory=dict)  # derived data stages share; never output

    def norm_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw span for a span of the normalised text."""
        assert self.norm is not None
        return self.norm.raw_span(start, end)


class DocumentError(Exception):
    """A problem with one document's input: reported in its record, the run goes on."""
