"""Ingest documents into the store: discover, skip what is stored, extract, write, resume.

Each document is written in its own transaction (``store.ingest_record``), so a run killed at any
point leaves only whole documents behind and a rerun picks up where it stopped (documents already
stored with the same bytes are skipped without extraction).
"""
from __future__ import annotations

import gzip
import os
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from marsad.doc import Document
from marsad.stages.read import identify

_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".jsonl.gz")


@dataclass
class IngestReport:
    seen: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: int = 0
    seconds: float = 0.0
    error_samples: list[tuple[str, str]] = field(default_factory=list)

    @property
    def stored(self) -> int:
        return self.added + self.replaced + self.unchanged

    def as_dict(self) -> dict:
        d = asdict(self)
        d["error_samples"] = [list(x) for x in self.error_samples]
        return d

    def summary(self) -> str:
        return (f"{self.seen} documents: {self.added} added, {self.replaced} replaced, "
                f"{self.unchanged} unchanged, {self.skipped} skipped (already stored), "
                f"{self.errors} errors in {self.seconds:.1f}s")


def estimate_total(paths: Iterable[str]) -> int | None:
    """A cheap count of the documents under ``paths`` (for the progress bar's ETA)."""
    n = 0
    try:
        for p in paths:
            pp = Path(p)
            files = [pp] if pp.is_file() else sorted(x for x in pp.rglob("*") if x.is_file()) \
                if pp.is_dir() else []
            for f in files:
                name = f.name.lower()
                if pp.is_dir() and not name.endswith(_SUFFIXES):
                    continue
                if name.endswith((".jsonl", ".jsonl.gz")):
                    opener = gzip.open if name.endswith(".gz") else open
                    with opener(f, "rb") as fh:
                        n += sum(1 for line in fh if line.strip())
                else:
                    n += 1
    except OSError:
        return None
    return n or None


def _default_discover() -> Callable[[Iterable[str]], Iterable[Any]]:
    from marsad.extract import discover  # the lead's module

    return discover


def ingest(paths: Iterable[str], store: Any, extractor: Any, progress: bool = True, *,
           discover: Callable[[Iterable[str]], Iterable[Any]] | None = None,
           on_record: Callable[[dict, str], None] | None = None) -> IngestReport:
    """Extract and store every document under ``paths``.

    ``extractor.run(source)`` returns a CONTRACT record plus ``raw_text`` and ``doc_key`` (or one
    with ``error``). ``discover`` defaults to ``marsad.extract.discover``. Errors are recorded per
    document; the run goes on.
    """
    paths = [str(p) for p in paths]
    discover = discover or _default_discover()
    rep = IngestReport()
    t0 = time.monotonic()
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=estimate_total(paths), unit="doc", file=sys.stderr, dynamic_ncols=True,
                   desc="ingest", mininterval=0.5)
    try:
        for src in discover(paths):
            rep.seen += 1
            doc_key = getattr(src, "doc_key", None) or str(getattr(src, "path", ""))
            if isinstance(src, Document):
                identify(src)  # hash the bytes first: a stored document is skipped unextracted
            doc_id = getattr(src, "doc_id", None)
            try:
                if doc_id and store.has_document(doc_key, doc_id):
                    rep.skipped += 1
                    continue
                try:
                    rec = _run(extractor, src)
                except Exception as e:  # noqa: BLE001 - one bad document must not stop the run
                    rec = {"doc_key": doc_key, "doc_id": doc_id, "path": getattr(src, "path", doc_key),
                           "error": f"{type(e).__name__}: {e}"}
                rec.setdefault("doc_key", doc_key)
                if rec.get("error"):
                    store.record_error(rec["doc_key"], rec.get("doc_id") or doc_id, rec["error"])
                    _note_error(rep, rec["doc_key"], rec["error"])
                    continue
                try:
                    status = store.ingest_record(rec)
                except Exception as e:  # noqa: BLE001
                    msg = f"store: {type(e).__name__}: {e}"
                    store.record_error(rec["doc_key"], rec.get("doc_id") or doc_id, msg)
                    _note_error(rep, rec["doc_key"], msg)
                    continue
                if status in ("added", "replaced", "unchanged"):
                    setattr(rep, status, getattr(rep, status) + 1)
                if on_record is not None:
                    on_record(rec, status)
            finally:
                if bar is not None:
                    bar.update(1)
                    if rep.seen % 50 == 0:
                        bar.set_postfix(added=rep.added, skipped=rep.skipped, errors=rep.errors,
                                        refresh=False)
    finally:
        if bar is not None:
            bar.set_postfix(added=rep.added, skipped=rep.skipped, errors=rep.errors, refresh=False)
            bar.close()
        rep.seconds = time.monotonic() - t0
    return rep


def _run(extractor: Any, src: Any) -> dict:
    """``extractor.run(src)``; or, for an extractor exposing ``process(doc)`` and a module-level
    ``to_record(doc)``, the same record built from those."""
    if hasattr(extractor, "run"):
        return extractor.run(src)
    from marsad.extract import to_record

    doc = extractor.process(src)
    rec = dict(to_record(doc))
    rec.setdefault("doc_key", getattr(doc, "doc_key", None))
    rec.setdefault("raw_text", getattr(doc, "raw", None))
    if getattr(doc, "error", None) and not rec.get("error"):
        rec["error"] = doc.error
    return rec


def _note_error(rep: IngestReport, doc_key: str, msg: str) -> None:
    rep.errors += 1
    if len(rep.error_samples) < 20:
        rep.error_samples.append((doc_key, msg))
    if os.environ.get("MARSAD_QUIET") != "1":
        print(f"marsad: {doc_key}: {msg}", file=sys.stderr)
