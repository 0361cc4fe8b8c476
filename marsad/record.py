"""The CONTRACT §2 output record as pydantic models: what ``marsad extract`` prints, what the store
takes in and what the API answers (CONTRACT.md §2, ``../shared/CONTRACT.md``; described for users, field
by field, in ``docs/record.md``, which a test keeps in step with these models).

    rec = to_record(doc)          # marsad.extract: a Record built from a processed Document
    rec.to_json()                 # the JSON object printed per document, key order as in CONTRACT §2
    Record.model_validate(obj)    # a record read back from JSON (an upload, a JSON Lines file)

Shape::

    Record   {doc_id, path, [error], [warnings], articles: [Article], entities: [Entity], events: [Event]}
    Article  {title, outlet, published (YYYY-MM-DD or null), text, start, end}
    Entity   {id, type, name, name_en, country, country_basis, office, wikidata, mentions: [Mention]}
    Mention  {text, start, end}
    Event    {id, event, mode, context, date, enddate, date_precision, source: [Actor], recipient: [Actor],
              event_loc: Place | null, event_text, text_info: {start, end}, confidence}
    Actor    {entity, actor_text, identifier_text, code, sector, office}
    Place    {name, name_ar, cc3, latitude, longitude, geonameid}

Offsets are character offsets into the document's raw text. An error record has only ``doc_id``,
``path`` and ``error``; ``warnings`` appears only when the reader repaired the input.

Reading is lenient, as records also come from outside (the write API, files): missing fields are
null or empty, a single string where a list belongs becomes a one-item list, items that are no
object are dropped, numbers given as text are read as numbers and unusable scalars become null.
Keys the model does not name are kept (``extra="allow"``) and written back after the named ones.
"""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_serializer

__all__ = ["Record", "Article", "Entity", "Mention", "Event", "PloverEvent", "Actor", "Place", "TextInfo",
           "actors", "opt_str", "opt_int", "opt_float", "str_list", "obj_list"]


# ---------------------------------------------------------------- lenient scalars

def opt_str(v: Any) -> str | None:
    """A text field's value: a string as it is, a number as its text, anything else None."""
    if v is None or isinstance(v, str):
        return v
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    return None


def opt_int(v: Any) -> int | None:
    """An integer field's value (an offset, a geonameid): ints, integral floats and digit strings; else None."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, int):
        return v
    try:
        f = float(v) if not isinstance(v, str) else float(v.strip())
    except (TypeError, ValueError):
        return None
    return int(f) if f == f and f not in (float("inf"), float("-inf")) else None


def opt_float(v: Any) -> float | int | None:
    """A number field's value (coordinates, confidence): ints and floats as they are (so JSON
    writes them back unchanged), numeric strings as floats; else None."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return v
    try:
        return float(str(v).strip())
    except ValueError:
        return None


def str_list(v: Any) -> list[str]:
    """A list-of-strings field's value: None -> [], a string -> [it], non-text items dropped."""
    if v is None:
        return []
    if isinstance(v, str):
        return [v]
    if isinstance(v, (list, tuple)):
        return [s for s in (opt_str(x) for x in v) if s is not None]
    return []


def obj_list(v: Any) -> list[Any]:
    """A list-of-objects field's value: None or a non-list -> [], items that are no object dropped
    (models pass, for records built in code)."""
    if not isinstance(v, (list, tuple)):
        return []
    return [x for x in v if isinstance(x, (dict, BaseModel))]


class _Model(BaseModel):
    """Base of the record models: unknown keys kept, values checked on assignment too."""

    model_config = ConfigDict(extra="allow", validate_assignment=True)


# ---------------------------------------------------------------- parts

class Mention(_Model):
    """One place an entity is named: its surface ``text`` and raw ``start``/``end`` offsets."""

    text: str | None = None
    start: int | None = None
    end: int | None = None

    _text = field_validator("text", mode="before")(lambda v: opt_str(v))
    _offsets = field_validator("start", "end", mode="before")(lambda v: opt_int(v))


class Article(_Model):
    """One article of a document: ``title``, ``outlet``, ``published`` (ISO day or null), the
    cleaned body ``text`` and its raw ``start``/``end`` offsets."""

    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None

    _texts = field_validator("title", "outlet", "published", "text", mode="before")(lambda v: opt_str(v))
    _offsets = field_validator("start", "end", mode="before")(lambda v: opt_int(v))


class Entity(_Model):
    """A corpus-global entity with its mentions in this document (``type`` PER, ORG, GPE, LOC, FAC,
    WEAPON, EVENT, DATE; ``country`` ISO alpha-3; ``country_basis`` kb, text, office or article)."""

    id: str | None = None
    type: str | None = None
    name: str | None = None
    name_en: str | None = None
    country: str | None = None
    country_basis: str | None = None
    office: str | None = None
    wikidata: str | None = None
    mentions: list[Mention] = Field(default_factory=list)

    _texts = field_validator("id", "type", "name", "name_en", "country", "country_basis", "office", "wikidata",
                             mode="before")(lambda v: opt_str(v))
    _mentions = field_validator("mentions", mode="before")(lambda v: obj_list(v))


class Actor(_Model):
    """An event's actor: the ``entity`` id (or null), the text read, its canonical name, the
    ``code`` (ISO alpha-3, IGO, NGO), ``sector`` (GOV, MIL, …) and ``office``."""

    entity: str | None = None
    actor_text: str | None = None
    identifier_text: str | None = None
    code: str | None = None
    sector: str | None = None
    office: str | None = None

    _texts = field_validator("*", mode="before")(lambda v: opt_str(v))

    @property
    def name(self) -> str:
        """The actor's display name: its canonical name, else the text read, else ``""``."""
        return self.identifier_text or self.actor_text or ""


class Place(_Model):
    """Where an event happened: English and Arabic name, ISO alpha-3 ``cc3``, WGS84 coordinates,
    GeoNames id."""

    name: str | None = None
    name_ar: str | None = None
    cc3: str | None = None
    latitude: float | int | None = None
    longitude: float | int | None = None
    geonameid: int | None = None

    _texts = field_validator("name", "name_ar", "cc3", mode="before")(lambda v: opt_str(v))
    _coords = field_validator("latitude", "longitude", mode="before")(lambda v: opt_float(v))
    _gid = field_validator("geonameid", mode="before")(lambda v: opt_int(v))

    def is_known(self) -> bool:
        """True when the place says something: a name, a GeoNames id or a latitude."""
        return bool(self.name or self.name_ar or self.geonameid or self.latitude)

    def point(self) -> tuple[float, float] | None:
        """``(longitude, latitude)`` when both are valid WGS84 values, else None."""
        lat, lon = self.latitude, self.longitude
        if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return None
        return float(lon), float(lat)


class TextInfo(_Model):
    """The raw ``start``/``end`` offsets of an event's evidence."""

    start: int | None = None
    end: int | None = None

    _offsets = field_validator("start", "end", mode="before")(lambda v: opt_int(v))


def _place(v: Any) -> Any:
    return v if isinstance(v, (dict, Place)) else None


def _text_info(v: Any) -> Any:
    return v if isinstance(v, (dict, TextInfo)) else {}


class PloverEvent(_Model):
    """The PLOVER fields an event has wherever it is read (one document's :class:`Event`, a stored
    corpus event): ``id``, PLOVER ``event`` categories, ``mode`` and ``context`` lists, ISO
    ``date``/``enddate`` with ``date_precision`` (day, month, year), ``source``/``recipient``
    actors and ``event_loc``."""

    id: str | None = None
    event: list[str] = Field(default_factory=list)
    mode: list[str] = Field(default_factory=list)
    context: list[str] = Field(default_factory=list)
    date: str | None = None
    enddate: str | None = None
    date_precision: str | None = None
    source: list[Actor] = Field(default_factory=list)
    recipient: list[Actor] = Field(default_factory=list)
    event_loc: Place | None = None

    _id = field_validator("id", "date", "enddate", "date_precision", mode="before")(lambda v: opt_str(v))
    _lists = field_validator("event", "mode", "context", mode="before")(lambda v: str_list(v))
    _actors = field_validator("source", "recipient", mode="before")(lambda v: obj_list(v))
    _loc = field_validator("event_loc", mode="before")(_place)


class Event(PloverEvent):
    """An inter-state event read from one document (CONTRACT §2-3): the :class:`PloverEvent`
    fields, the evidence sentences (``event_text``), their raw offsets (``text_info``) and a
    calibrated ``confidence`` in [0, 1]."""

    event_text: list[str] = Field(default_factory=list)
    text_info: TextInfo = Field(default_factory=TextInfo)
    confidence: float | None = None

    _texts = field_validator("event_text", mode="before")(lambda v: str_list(v))
    _ti = field_validator("text_info", mode="before")(_text_info)
    _conf = field_validator("confidence", mode="before")(lambda v: opt_float(v))

def actors(ev: Any) -> list[tuple[str, Actor]]:
    """``(role, actor)`` pairs of an event (anything with ``source`` and ``recipient`` actor lists:
    an :class:`Event`, a stored corpus event), role ``source`` then ``recipient``."""
    return [("source", a) for a in ev.source] + [("recipient", a) for a in ev.recipient]


# ---------------------------------------------------------------- the record

class Record(_Model):
    """One document's record (module docstring). ``to_json()`` is the JSON object of CONTRACT §2."""

    doc_id: str | None = None
    path: str | None = None
    error: str | None = None
    warnings: list[str] | None = None
    articles: list[Article] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    _texts = field_validator("doc_id", "path", "error", mode="before")(lambda v: opt_str(v))
    _warnings = field_validator("warnings", mode="before")(lambda v: str_list(v) if v is not None else None)
    _lists = field_validator("articles", "entities", "events", mode="before")(lambda v: obj_list(v))

    @model_serializer(mode="wrap")
    def _contract(self, handler: Any) -> dict[str, Any]:
        # CONTRACT §2: an error record is doc_id, path, error; warnings only when there are some
        d = handler(self)
        if d.get("error") is None:
            d.pop("error", None)
        else:
            for k in ("warnings", "articles", "entities", "events"):
                d.pop(k, None)
        if not d.get("warnings"):
            d.pop("warnings", None)
        return d

    def to_json(self) -> dict[str, Any]:
        """The record as the JSON object ``marsad extract`` prints (CONTRACT §2 key order, nulls kept)."""
        return self.model_dump()
