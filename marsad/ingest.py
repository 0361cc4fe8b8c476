"""Ingest documents into the store: discover, skip what is stored, extract, write, resume.

Documents are written in input order, ``batch`` of them a transaction (``store.ingest_record``
each), so a run killed at any point leaves only whole documents behind and a rerun picks up where
it stopped (documents already stored with the same bytes are skipped without extraction).
Extraction runs here, in a local process pool or on a Dask cluster (``marsad.parallel``).
"""
from __future__ import annotations

import gzip
import os
import sys
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from marsad.doc import Document
from marsad.stages.read import identify

_SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl", ".jsonl.gz")


@dataclass
class IngestReport:
    """Counts of one ingest run: documents seen, stored as added/replaced/unchanged, skipped (already
    stored), errors (with up to a few ``(doc_key, message)`` samples), parallel re-extractions and
    renames, and wall time in seconds."""

    seen: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    skipped: int = 0
    errors: int = 0
    reextracted: int = 0  # parallel runs: documents the writer extracted again (see marsad.parallel)
    renamed: int = 0  # parallel runs: documents whose person ids the writer renamed
    seconds: float = 0.0
    error_samples: list[tuple[str, str]] = field(default_factory=list)

    @property
    def stored(self) -> int:
        """Documents whose record is in the store after this run: added + replaced + unchanged."""
        return self.added + self.replaced + self.unchanged

    def as_dict(self) -> dict:
        """The fields as a JSON-ready dict (error samples as lists)."""
        d = asdict(self)
        d["error_samples"] = [list(x) for x in self.error_samples]
        return d

    def summary(self) -> str:
        """One line for the terminal: every count and the seconds taken."""
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
           on_record: Callable[[dict, str], None] | None = None,
           workers: int = 1, dask: str | None = None, batch: int = 50, chunk: int = 8,
           spec: Any = None) -> IngestReport:
    """Extract and store every document under ``paths``; returns the counts.

    ``extractor.run(source)`` returns a CONTRACT record plus ``raw_text`` and ``doc_key`` (or one
    with ``error``). ``discover`` defaults to ``marsad.extract.discover``. Errors are recorded per
    document; the run goes on.

    ``workers > 1`` extracts in that many processes (:class:`marsad.parallel.LocalPool`);
    ``dask`` = a scheduler address (``tcp://host:8786``) or ``"local"`` (a ``LocalCluster`` of
    ``workers`` processes) extracts on Dask. Either way this process is the one writer: records are
    stored in input order, ``batch`` documents a transaction (a kill loses at most the open batch,
    which a rerun extracts again; nothing is stored twice), with the ids a one-process run gives
    (:class:`marsad.parallel.Reconciler`). ``chunk`` documents go to a worker at a time. ``spec``
    (:class:`marsad.parallel.Spec`) defaults to the extractor's stages and the store's curated
    persons.
    """
    from marsad.parallel import LocalPool, DaskPool, Reconciler, Spec, make_record, _stage

    paths = [str(p) for p in paths]
    discover = discover or _default_discover()
    rep = IngestReport()
    t0 = time.monotonic()
    parallel = dask is not None or workers > 1
    link = _stage(extractor, "link")
    recon = Reconciler(make_extractor=lambda: extractor,
                       registry=link.registry if link is not None and hasattr(link, "registry") else {})
    pool: Any = None
    if parallel:
        if spec is None:
            # registry persons seed only the writer (workers start each document with an empty registry)
            spec = Spec.of(extractor, (p for p in store.curated_persons() if not p.get("registry")))
        pool = DaskPool(spec, workers, None if dask == "local" else dask) if dask is not None \
            else LocalPool(spec, workers, extractor)
    bar = None
    if progress:
        from tqdm import tqdm

        bar = tqdm(total=estimate_total(paths), unit="doc", file=sys.stderr, dynamic_ncols=True,
                   desc="ingest", mininterval=0.5, smoothing=0.1)
    writer = _Writer(store, rep, max(1, batch), on_record, bar)
    pending: deque[tuple[list[Any], Any]] = deque()
    inflight: dict[str, str | None] = {}
    # chunks in flight: three per worker, plus a batch's worth, so the workers have work queued while
    # the writer stores a batch (with PostgreSQL the writer otherwise waits and the workers idle)
    window = 3 * (pool.workers if pool is not None else 1) + max(1, batch // max(1, chunk))

    def drain_one() -> None:
        stubs, handle = pending.popleft()
        for src, res in zip(stubs, pool.result(handle)):
            inflight.pop(res[0].get("doc_key") or "", None)
            writer.add(recon.settle(src, res))

    try:
        cur: list[Any] = []
        for src in discover(paths):
            rep.seen += 1
            doc_key = getattr(src, "doc_key", None) or str(getattr(src, "path", ""))
            if isinstance(src, Document):
                identify(src)  # hash the bytes first: a stored document is skipped unextracted
            doc_id = getattr(src, "doc_id", None)
            if doc_id and (inflight.get(doc_key) == doc_id or writer.buffered.get(doc_key) == doc_id
                           or store.has_document(doc_key, doc_id)):  # the same bytes twice: once
                rep.skipped += 1
                writer.tick()
                continue
            if pool is None:
                writer.add(make_record(_Runner(extractor), src))
                continue
            inflight[doc_key] = doc_id
            cur.append(src)
            if len(cur) >= chunk:
                pending.append((cur, pool.submit(cur)))
                cur = []
                while len(pending) > window:
                    drain_one()
        if cur:
            pending.append((cur, pool.submit(cur)))
        while pending:
            drain_one()
        writer.flush()
    finally:
        if pool is not None:
            pool.close()
        if bar is not None:
            bar.set_postfix(added=rep.added, skipped=rep.skipped, errors=rep.errors, refresh=False)
            bar.close()
        rep.seconds = time.monotonic() - t0
        rep.reextracted, rep.renamed = recon.reextracted, recon.renamed
    return rep


class _Runner:
    """``run(src)`` for an extractor exposing ``run`` or only ``process`` (see :func:`_run`)."""

    def __init__(self, extractor: Any) -> None:
        self.extractor = extractor

    def run(self, src: Any) -> dict:
        return _run(self.extractor, src)


def _run(extractor: Any, src: Any) -> dict:
    """``extractor.run(src)``; or, for an extractor exposing ``process(doc)`` and a module-level
    ``to_record(doc)``, the same record built from those."""
    if hasattr(extractor, "run"):
        return extractor.run(src)
    from marsad.extract import to_record

    doc = extractor.process(src)
    rec = to_record(doc).to_json()
    rec.setdefault("doc_key", getattr(doc, "doc_key", None))
    rec.setdefault("raw_text", getattr(doc, "raw", None))
    if getattr(doc, "error", None) and not rec.get("error"):
        rec["error"] = doc.error
    return rec


class _Writer:
    """The one writer: stores records in arrival order, ``batch`` of them a transaction."""

    def __init__(self, store: Any, rep: IngestReport, batch: int, on_record: Any, bar: Any) -> None:
        self.store, self.rep, self.batch, self.on_record, self.bar = store, rep, batch, on_record, bar
        self.buf: list[dict] = []
        self.buffered: dict[str, str | None] = {}  # doc_key -> doc_id of the records not yet stored
        self.tx = getattr(store, "transaction", None) or getattr(store, "_tx", None)

    def tick(self, n: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(n)
            if self.rep.seen % 50 == 0:
                self.bar.set_postfix(added=self.rep.added, skipped=self.rep.skipped, errors=self.rep.errors,
                                     refresh=False)

    def add(self, rec: dict) -> None:
        self.buf.append(rec)
        self.buffered[rec.get("doc_key") or ""] = rec.get("doc_id")
        if len(self.buf) >= self.batch:
            self.flush()

    def flush(self) -> None:
        buf, self.buf = self.buf, []
        self.buffered = {}
        if not buf:
            return
        results: list[tuple[str, str | None]] | None = None
        if self.tx is not None and len(buf) > 1:
            try:
                with self.tx():
                    results = [self._write(rec) for rec in buf]
            except Exception:  # noqa: BLE001 - rolled back: store them one by one, each on its own
                results = None
        if results is None:
            results = [self._write_one(rec) for rec in buf]
        for rec, (status, msg) in zip(buf, results):
            if msg is not None:
                _note_error(self.rep, rec["doc_key"], msg)
            elif status in ("added", "replaced", "unchanged"):
                setattr(self.rep, status, getattr(self.rep, status) + 1)
                if self.on_record is not None:
                    self.on_record(rec, status)
        self.tick(len(buf))

    def _write(self, rec: dict) -> tuple[str, str | None]:
        if rec.get("error"):
            self.store.record_error(rec["doc_key"], rec.get("doc_id"), rec["error"])
            return "error", rec["error"]
        return self.store.ingest_record(rec), None

    def _write_one(self, rec: dict) -> tuple[str, str | None]:
        try:
            return self._write(rec)
        except Exception as e:  # noqa: BLE001
            msg = f"store: {type(e).__name__}: {e}"
            self.store.record_error(rec["doc_key"], rec.get("doc_id"), msg)
            return "error", msg


def _note_error(rep: IngestReport, doc_key: str, msg: str) -> None:
    rep.errors += 1
    if len(rep.error_samples) < 20:
        rep.error_samples.append((doc_key, msg))
    if os.environ.get("MARSAD_QUIET") != "1":
        print(f"marsad: {doc_key}: {msg}", file=sys.stderr)
