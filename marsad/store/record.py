"""The record the store takes from extraction (CONTRACT §2 plus store fields), as a pydantic model.

Where a record crosses from the extractor (or the write API) into the store it is validated here:

    rec = StoreRecord.parse(record_dict)      # -> StoreRecord; raises RecordError

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


class StoreRecord(BaseModel):
    """One extracted document as the store takes it (see the module docstring)."""

    model_config = ConfigDict(extra="allow")
    doc_key: str = Field(min_length=1)
    doc_id: str | None = None
    path: str | None = None
    raw_text: str = ""
    error: str | None = None
    articles: list[dict] = Field(default_factory=list)
    entities: list[dict] = Field(default_factory=list)
    events: list[dict] = Field(default_factory=list)
    source: SourceMeta = Field(default_factory=SourceMeta)
    pipeline: dict | None = None
    kind: str | None = None
    raw_bytes_z: bytes | None = None

    @classmethod
    def parse(cls, record: dict) -> "StoreRecord":
        """Validate and clean a record dict; raises :class:`RecordError`."""
        if not isinstance(record, dict):
            raise RecordError(f"record is a {type(record).__name__}, expected an object")
        rec = dict(record)
        rec["doc_key"] = rec.get("doc_key") or rec.get("path")
        if not rec["doc_key"]:
            raise RecordError("record has neither doc_key nor path")
        raw_z = rec.pop("raw_bytes_z", None)
        rec = clean_value(rec)
        for k in ("articles", "entities", "events"):
            if rec.get(k) is None:
                rec[k] = []
            elif isinstance(rec[k], list):
                rec[k] = [x for x in rec[k] if isinstance(x, dict)]
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

    def to_dict(self) -> dict:
        """The cleaned record as a plain dict (what the store's writer reads)."""
        d = self.model_dump(exclude={"raw_bytes_z"})
        d["source"] = self.source.model_dump()
        return d


__all__ = ["StoreRecord", "SourceMeta", "RecordError", "clean_text", "clean_value"]
