"""What the store records about how a document was extracted, and re-extraction.

    ext = store_extractor(store)          # the pipeline, seeded with the store's curated persons
                                          # and person registry, adding source + provenance
    rec = ext.run(doc)                    # CONTRACT record + source, pipeline, raw_bytes_z, kind
    reprocess(store, ext, stale=True)     # -> ReprocessReport; re-extracts what an upgrade changed

``pipeline_info(pipeline)`` is ``{"stages": {name: version}, "digest": sha1}``; the digest covers
the stage names and versions and the bytes of the data and model files the stages read
(``marsad/data``, ``marsad/models``), so a new KB or model makes stored extractions stale too.
"""
from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

_PKG = Path(__file__).resolve().parent.parent
DATA_DIRS = ("data", "models")


@lru_cache(maxsize=1)
def data_digest() -> str:
    """sha1 over every file under ``marsad/data`` and ``marsad/models`` (paths and bytes)."""
    h = hashlib.sha1()
    for d in DATA_DIRS:
        root = _PKG / d
        if not root.is_dir():
            continue
        for f in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            h.update(str(f.relative_to(_PKG)).encode("utf-8") + b"\0")
            with open(f, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
    return h.hexdigest()


def pipeline_info(pipeline: Any, data: str | None = None) -> dict:
    """``{"stages": {name: version}, "data": digest, "digest": sha1 of both}`` for a Pipeline."""
    stages = {s.name: str(s.version) for s in getattr(pipeline, "stages", [])}
    data = data if data is not None else data_digest()
    key = ";".join(f"{k}={v}" for k, v in stages.items()) + "|" + data
    return {"stages": stages, "data": data, "digest": hashlib.sha1(key.encode("utf-8")).hexdigest()}


def source_fields(doc: Any) -> dict:
    """Source metadata of a processed document: ``{"url", "record_id", "outlet", "published"}``."""
    meta = getattr(doc, "meta", None) or {}
    rec = getattr(doc, "record", None) or {}
    rid = None
    for k in ("id", "record_id", "_id", "uuid"):
        v = rec.get(k) if isinstance(rec, dict) else None
        if isinstance(v, (str, int)) and not isinstance(v, bool) and str(v).strip():
            rid = str(v)
            break
    url = meta.get("url") or (rec.get("url") if isinstance(rec, dict) else None)
    pub = meta.get("published")
    return {"url": url if isinstance(url, str) else None, "record_id": rid,
            "outlet": meta.get("outlet") if isinstance(meta.get("outlet"), str) else None,
            "published": pub if isinstance(pub, str) else (pub.isoformat() if hasattr(pub, "isoformat") else None)}


class StoreExtractor:
    """Wraps an extractor (``run(doc) -> record``) so its records carry what the store keeps:
    ``source`` (url, record id, outlet, date), ``pipeline`` (stage versions, digest), and the
    bytes read (zlib, for re-extraction without the source files)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.pipeline = pipeline_info(getattr(inner, "pipeline", None))

    def run(self, doc: Any) -> dict:
        """The inner extractor's record of ``doc`` plus ``source`` (where it came from), ``pipeline``
        (stage names and versions) and, when ``doc`` has its bytes, ``raw_bytes_z`` (zlib) and ``kind``;
        error records pass unchanged."""
        rec = dict(self.inner.run(doc))
        if rec.get("error"):
            return rec
        rec["source"] = source_fields(doc)
        rec["pipeline"] = self.pipeline
        raw = getattr(doc, "raw_bytes", None)
        if isinstance(raw, (bytes, bytearray)):
            rec["raw_bytes_z"] = zlib.compress(bytes(raw), 6)
            rec["kind"] = getattr(doc, "kind", None)
        return rec


def store_extractor(store: Any, stages: Any = None) -> StoreExtractor:
    """The extraction pipeline for ``store``: curated persons and the person registry seeded."""
    from marsad.extract import DEFAULT_STAGES, Extractor

    extra = list(store.curated_persons())  # curated persons, then the person registry
    return StoreExtractor(Extractor(stages or DEFAULT_STAGES, extra_persons=extra))


@dataclass
class ReprocessReport:
    """Counts of one :func:`reprocess` run, and up to a few ``(doc_key, message)`` error samples."""

    considered: int = 0
    reextracted: int = 0
    missing_source: int = 0
    errors: int = 0
    error_samples: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the terminal: documents considered, re-extracted, without source, errors."""
        return (f"{self.considered} documents: {self.reextracted} re-extracted, "
                f"{self.missing_source} without stored source bytes, {self.errors} errors")


def reprocess(store: Any, extractor: StoreExtractor, *, stale: bool = True, limit: int | None = None,
              doc_ids: list[str] | None = None) -> ReprocessReport:
    """Re-extract stored documents from their kept bytes, keeping paths and curation.

    ``stale``: only documents whose pipeline digest differs from ``extractor``'s; else all (or
    ``doc_ids``). Documents stored before source bytes were kept are counted ``missing_source``.
    """
    from marsad.doc import Document

    digest = extractor.pipeline["digest"]
    if doc_ids is not None:
        rows = [r for r in (store._q1("SELECT doc_key, doc_id FROM documents WHERE doc_id = ?", (d,))
                            for d in doc_ids) if r]
    elif stale:
        rows = store.stale_documents(digest, limit)
    else:
        rows = store._q("SELECT doc_key, doc_id FROM documents ORDER BY ingested_at, doc_key")
    rep = ReprocessReport()
    for r in rows:
        rep.considered += 1
        src = store.document_source(r["doc_id"])
        if src is None:
            rep.missing_source += 1
            continue
        kind, data = src
        doc = Document(doc_key=r["doc_key"], path=r["doc_key"].split("#")[0], raw_bytes=data, kind=kind or "txt")
        try:
            rec = extractor.run(doc)
            rec["doc_key"] = r["doc_key"]
            if rec.get("error"):
                raise ValueError(rec["error"])
            store.ingest_record(rec, replace=True)
            rep.reextracted += 1
        except Exception as e:  # noqa: BLE001 - one document must not stop the run
            rep.errors += 1
            if len(rep.error_samples) < 20:
                rep.error_samples.append((r["doc_key"], f"{type(e).__name__}: {e}"))
    return rep


__all__ = ["StoreExtractor", "store_extractor", "pipeline_info", "source_fields", "data_digest",
           "reprocess", "ReprocessReport"]
