"""The typed document model every pipeline stage takes and returns.

A :class:`Document` holds the raw text exactly as read (all offsets point into it), its normalised
form with an offset map back to raw, and the layers the stages add: lines with their cleaning labels,
articles, sentences, mentions, entities and events.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .kb.model import Office, Org, Person, Place, Weapon
from .textnorm import Normalised
from .vocab import (CountryBasis, DatePrecision, DocumentKind, EntityType, EventContext, EventMode, LineLabel, LineReason,
                    MentionSource, MentionType, Plover, Sector, SentenceKind)


@dataclass
class Line:
    """One raw line: ``[start, end)`` without the newline, and the cleaning decision."""

    start: int
    end: int
    label: LineLabel = "content"
    reason: LineReason = ""  # why: the boilerplate kind, "prose" for content


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
    """A sentence: ``[start, end)`` in the raw text, within article ``article``."""

    start: int
    end: int
    article: int  # index into Document.articles
    kind: SentenceKind = "body"  # title and aside (related headlines) sentences give entities, never events


@dataclass
class Mention:
    """A span of raw text naming something. ``entity`` is filled by linking.

    The optional fields after ``entity`` carry what the stage that found the mention knew, for the
    later stages; each is empty (None, ``[]``, False) when nothing is known. The KB objects are those
    of :mod:`marsad.kb.model`."""

    start: int
    end: int
    text: str
    type: MentionType
    source: MentionSource = "ner"
    sentence: int | None = None
    entity: str | None = None
    # mentions stage (stages/entities.py): the KB object a gazetteer name names
    kb_persons: list[Person] = field(default_factory=list)  # KB persons a PER name may be; link may empty it
    org: Org | None = None  # also set by link for an NER organisation the KB knows by name
    place: Place | None = None  # also set by link for an NER place the KB knows by name
    weapon: Weapon | None = None
    # the state the mention implies: ISO 3166 alpha-3 or "IGO" (a country name, the nisba of a title
    # or of an organisation: "وزارة الدفاع الروسية", a NORP's nisba, a ROLE's state)
    country: str | None = None
    office: Office | None = None  # the office of a title around a person or of a ROLE (Office.kind "office")
    rank: Office | None = None  # a military rank before a person (Office.kind "rank")
    counterpart: bool = False  # a ROLE told as a counterpart: "نظيره الإيراني"
    head: str | None = None  # the noun a NORP's nisba qualifies ("الجانب" in "الجانب الروسي")
    title_span: tuple[int, int] | None = None  # raw [start, end) of the title phrase anchoring a person
    seat: Place | None = None  # the city the title names as the office's seat: "خطيب جمعة طهران" (Tehran)
    # link stage (stages/link.py)
    holder: Person | None = None  # the KB person holding a ROLE's office at the article's date
    igo: str | None = None  # the IGO (short name, "ARL") a person heads: events code him "IGO"
    trimmed: bool = False  # link cut a glued word off the start of a PER name (what is left must look like a name)


@dataclass
class Entity:
    """A thing the document names, with its mentions: ``id`` is corpus-global (``kb:…`` for a
    knowledge-base person, ``plc:``/``gpe:``/``org:``/``wpn:`` for KB places, states, bodies, weapons);
    ``country`` is ISO 3166 alpha-3 or ``IGO``."""

    id: str
    type: EntityType
    name: str
    name_en: str | None = None
    country: str | None = None
    office: str | None = None
    sector: Sector | None = None
    wikidata: str | None = None
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    country_basis: CountryBasis | None = None  # what ``country`` rests on (persons; vocab.CountryBasis)


@dataclass
class Actor:
    """One side of an event (CONTRACT §2 ``source``/``recipient`` item): ``code`` is the state's ISO
    alpha-3 or ``IGO``; ``entity`` the id of the :class:`Entity` it names, if any."""

    entity: str | None
    actor_text: str
    identifier_text: str
    code: str | None
    sector: Sector | None = None
    office: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The actor as its CONTRACT §2 JSON object."""
        return {"entity": self.entity, "actor_text": self.actor_text, "identifier_text": self.identifier_text,
                "code": self.code, "sector": self.sector, "office": self.office}


@dataclass
class Event:
    """An inter-state event (CONTRACT §2): ``start``/``end`` the raw span of its evidence,
    ``date_precision`` None only when ``date`` is None, ``confidence`` in [0, 1]."""

    id: str
    event: list[Plover]
    mode: list[EventMode]
    context: list[EventContext]
    source: list[Actor]
    recipient: list[Actor]
    date: dt.date | None
    enddate: dt.date | None
    date_precision: DatePrecision | None
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
    kind: DocumentKind = "txt"
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
