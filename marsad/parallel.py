"""Extraction in worker processes (a local process pool or a Dask cluster) with sequential ids.

The pipeline is deterministic per document except for one piece of run-level state: the ``link``
stage's registry that gives a person the knowledge base does not know the id of the first
compatible name seen earlier in the run (``LinkStage._registry_id``). Workers therefore extract
every document with an *empty* registry and log each registry call (name words, country, id
given); the single writer replays those calls, in input order, against the run's registry
(:class:`Reconciler`) and renames the ids (and the event ids hashed from them) to those a
sequential run gives. When the replay would merge two of a document's persons that the worker
kept apart (or the other way round), the writer re-extracts that document itself with the run's
registry, so the output is the sequential output in every case.

Shapes:
    :class:`Spec`           what a worker needs to build its extractor (picklable, a few KB).
    :func:`run_chunk`       ``list[Document stub]`` -> ``list[WorkerResult]`` (in a worker).
    ``WorkerResult``        ``(record: dict, calls: list[(tokens, country, id)], articles: list[int],
                            ids_ok: bool)``; ``articles[i]`` is the article index of event ``i``.
    :class:`LocalPool`, :class:`DaskPool`: ``submit(chunk) -> handle``, ``result(handle)``.
"""
from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
import threading
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Callable

WorkerResult = tuple[dict, list, list, bool]


@dataclass(frozen=True)
class Spec:
    """The extractor a worker builds once: pipeline stages, curated persons from the store, and
    optionally a wrapper class (``"module:Class"``, called with the extractor, e.g. the store's
    ``StoreExtractor`` that adds source and provenance fields to every record)."""

    stages: tuple[str, ...] | None = None
    extra_persons: tuple[dict, ...] = ()
    wrapper: str | None = None

    def key(self) -> str:
        """A sha1 hex digest of the stages, persons and wrapper: workers cache one extractor per key."""
        return hashlib.sha1(repr((self.stages, self.extra_persons, self.wrapper)).encode("utf-8")).hexdigest()

    @classmethod
    def of(cls, extractor: Any, extra_persons: Any = ()) -> "Spec":
        """The spec that rebuilds ``extractor`` (an Extractor, or a wrapper with ``.inner``)."""
        inner = getattr(extractor, "inner", None)
        wrapper = f"{type(extractor).__module__}:{type(extractor).__qualname__}" if inner is not None else None
        base = inner if inner is not None else extractor
        names = tuple(s.name for s in getattr(getattr(base, "pipeline", None), "stages", ())) or None
        return cls(stages=names, extra_persons=tuple(extra_persons), wrapper=wrapper)


def default_workers() -> int:
    """The cores this process may use (``os.sched_getaffinity``), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def event_id(doc_id: str | None, article: int, category: str, start: int, actor_keys: list[str]) -> str:
    """The events stage's event id: a hash of document, article, category, sentence start and the
    sorted actor keys (entity id, else the actor's text). Checked against the stage's own ids on
    every document (``ids_ok``), so a change there makes the writer re-extract instead of guess."""
    key = f"{doc_id}|{article}|{category}|{start}|{'|'.join(sorted(actor_keys))}"
    return "ev:" + hashlib.sha1(key.encode()).hexdigest()[:16]


def _actor_keys(ev: dict) -> list[str]:
    return [a.get("entity") or a.get("actor_text") for a in (ev.get("source") or []) + (ev.get("recipient") or [])]


def make_record(extractor: Any, src: Any) -> dict:
    """``extractor.run(src)``, or an error record if it raises (one bad document must not stop a run)."""
    try:
        rec = extractor.run(src)
    except Exception as e:  # noqa: BLE001
        key = getattr(src, "doc_key", None) or str(getattr(src, "path", ""))
        rec = {"doc_key": key, "doc_id": getattr(src, "doc_id", None), "path": getattr(src, "path", key),
               "error": f"{type(e).__name__}: {e}"}
    rec.setdefault("doc_key", getattr(src, "doc_key", None) or str(getattr(src, "path", "")))
    return rec


def _stage(extractor: Any, name: str) -> Any:
    """The stage called ``name`` of an Extractor (or of the one a wrapper's ``.inner`` holds)."""
    extractor = getattr(extractor, "inner", None) or extractor
    pipe = getattr(extractor, "pipeline", None)
    return next((s for s in getattr(pipe, "stages", ()) if getattr(s, "name", None) == name), None)


class WorkerExtractor:
    """An :class:`marsad.extract.Extractor` whose person registry is emptied before each document
    and whose registry calls are logged, so a document's result depends on the document alone."""

    def __init__(self, spec: Spec | None = None, runner: Any = None) -> None:
        """Build the extractor ``spec`` describes, or adopt ``runner`` (an Extractor, or a wrapper
        with ``.inner``; a forked worker adopts the writer's, whose models are already loaded)."""
        import importlib

        from marsad.extract import DEFAULT_STAGES, Extractor

        if runner is not None:
            self.runner = runner
            self.extractor = getattr(runner, "inner", None) or runner
        else:
            spec = spec or Spec()
            self.extractor = Extractor(spec.stages or DEFAULT_STAGES, extra_persons=[dict(p) for p in spec.extra_persons])
            self.runner = self.extractor
            if spec.wrapper:
                mod, _, name = spec.wrapper.partition(":")
                self.runner = getattr(importlib.import_module(mod), name)(self.extractor)
        self.link = _stage(self.extractor, "link")
        self.calls: list[tuple[list[str], str | None, str]] = []
        self.articles: list[int] = []
        if self.link is not None and hasattr(self.link, "registry") and hasattr(self.link, "_registry_id"):
            orig = self.link._registry_id

            def logged(cl: Any) -> str:
                eid = orig(cl)
                self.calls.append((list(cl.tokens), cl.country, eid))
                return eid

            self.link._registry_id = logged
        else:  # a link stage without a run-level registry: nothing to reconcile
            self.link = None
        process = self.extractor.process

        def noting(doc: Any) -> Any:  # the events' article indexes, which records do not carry
            doc = process(doc)
            self.articles = [getattr(ev, "article", 0) for ev in getattr(doc, "events", ())]
            return doc

        self.extractor.process = noting
        self._lock = threading.Lock()

    def run(self, src: Any) -> WorkerResult:
        """``(record, registry calls, event articles, ids_ok)`` for one document stub."""
        with self._lock:
            self.calls, self.articles = [], []
            if self.link is not None:
                self.link.registry = {}
            rec = make_record(self.runner, src)
            calls, arts = self.calls, self.articles
            self.calls, self.articles = [], []
        ok = self.link is None or all(
            event_id(rec.get("doc_id"), a, ev["event"][0], ev["text_info"]["start"], _actor_keys(ev)) == ev["id"]
            for ev, a in zip(rec.get("events") or [], arts))
        return rec, calls, arts, ok


# ------------------------------------------------------------------ worker processes

_WORKERS: dict[str, WorkerExtractor] = {}
_WORKERS_LOCK = threading.Lock()


def worker_for(spec: Spec) -> WorkerExtractor:
    """This process's extractor for ``spec``, built on first use (models load once per process)."""
    k = spec.key()
    with _WORKERS_LOCK:
        w = _WORKERS.get(k)
        if w is None:
            _WORKERS.clear()  # one extractor a process: a new spec (curated persons changed) replaces it
            w = _WORKERS[k] = WorkerExtractor(spec)
        return w


def run_chunk(chunk: list[Any], spec: Spec) -> list[WorkerResult]:
    """Extract a chunk of document stubs in this process; results in the chunk's order."""
    w = worker_for(spec)
    return [w.run(src) for src in chunk]


_POOL: list[WorkerExtractor] = []
_INHERITED: list[Any] = []  # the writer's extractor, seen by workers forked from it


def _pool_init(spec: Spec) -> None:
    os.environ.setdefault("MARSAD_QUIET", "1")
    # a forked worker adopts the writer's extractor (models loaded once, pages shared until
    # written); a spawned one builds its own from the spec, once
    _POOL[:] = [WorkerExtractor(runner=_INHERITED[0]) if _INHERITED else worker_for(spec)]


def _pool_run(chunk: list[Any]) -> list[WorkerResult]:
    w = _POOL[0]
    return [w.run(src) for src in chunk]


class LocalPool:
    """``workers`` processes on this machine, each with its extractor loaded once.

    With ``extractor`` and the ``fork`` start method (Linux), the workers are forked from this
    process and adopt that extractor; otherwise (``forkserver``/``spawn``) each builds one from
    ``spec`` at start-up. The writer's store connection is never used by a worker.
    """

    def __init__(self, spec: Spec, workers: int, extractor: Any = None) -> None:
        methods = mp.get_all_start_methods()
        if extractor is not None and "fork" in methods:
            method = "fork"
        else:
            method = "forkserver" if "forkserver" in methods else "spawn"
        ctx = mp.get_context(method)
        if method == "forkserver":
            ctx.set_forkserver_preload(["marsad.extract", "marsad.parallel"])
        self.workers = workers
        self.method = method
        _INHERITED[:] = [extractor] if method == "fork" else []
        try:
            self.pool = ctx.Pool(workers, initializer=_pool_init, initargs=(spec,))
        finally:
            _INHERITED[:] = []

    def submit(self, chunk: list[Any]) -> Any:
        """Send a chunk of document stubs to a worker; a handle for :meth:`result`."""
        return self.pool.apply_async(_pool_run, (chunk,))

    def result(self, handle: Any) -> list[WorkerResult]:
        """Wait for a submitted chunk; its :data:`WorkerResult` list in the chunk's order (a worker's exception is raised here)."""
        return handle.get()

    def close(self) -> None:
        """Stop the worker processes (at once, unfinished chunks dropped) and wait for them."""
        self.pool.terminate()
        self.pool.join()


class DaskPool:
    """Tasks on a Dask distributed cluster: ``address`` (``tcp://host:8786``) or, when ``None``, a
    ``LocalCluster`` of ``workers`` single-threaded worker processes started here."""

    def __init__(self, spec: Spec, workers: int, address: str | None = None) -> None:
        from distributed import Client, LocalCluster

        self.spec = spec
        self.cluster = None
        if address:
            self.client = Client(address)
        else:
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=40)
            self.client = Client(self.cluster)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)
        self._spec_future = self.client.scatter(spec, broadcast=True)

    def submit(self, chunk: list[Any]) -> Any:
        """Send a chunk of document stubs to the cluster (the spec is scattered once); a Dask future."""
        return self.client.submit(run_chunk, chunk, self._spec_future, pure=False)

    def result(self, handle: Any) -> list[WorkerResult]:
        """Wait for a submitted chunk; its :data:`WorkerResult` list in the chunk's order (a task's exception is raised here)."""
        return handle.result()

    def close(self) -> None:
        """Close the client and, when this pool started it, the local cluster."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


# ------------------------------------------------------------------ the writer's side

@dataclass
class Reconciler:
    """The run's person registry (``surname -> [(tokens, id, country)]``, the ``link`` stage's own
    structure) and the writer's extractor for documents a worker could not settle.

    ``fallback()`` builds (once) an extractor whose link stage shares ``registry``: re-extracting a
    document with it is exactly the sequential run.
    """

    make_extractor: Callable[[], Any] | None = None
    registry: dict = field(default_factory=dict)
    reextracted: int = 0
    renamed: int = 0
    _extractor: Any = None

    def extractor(self) -> Any:
        """The writer's own extractor (built once by ``make_extractor``), its link stage sharing :attr:`registry`."""
        if self._extractor is None:
            assert self.make_extractor is not None
            self._extractor = self.make_extractor()
            link = _stage(self._extractor, "link")
            if link is not None and hasattr(link, "registry"):
                link.registry = self.registry
        return self._extractor

    def settle(self, src: Any, result: WorkerResult) -> dict:
        """The record a sequential run gives for ``src``, from a worker's ``result``; updates the
        run's registry as the sequential run would."""
        rec, calls, arts, ok = result
        if rec.get("error") or not calls:
            return rec
        from marsad.stages.link import Cluster, LinkStage

        surnames = {toks[-1] for toks, _, _ in calls}
        overlay = {s: list(self.registry.get(s, [])) for s in surnames}
        ns = SimpleNamespace(registry=overlay)
        finals = [LinkStage._registry_id(ns, Cluster(list(toks), country=country)) for toks, country, _ in calls]
        mapping: dict[str, str] = {}
        back: dict[str, str] = {}
        consistent = ok
        for (_, _, local), final in zip(calls, finals):
            if mapping.setdefault(local, final) != final or back.setdefault(final, local) != local:
                consistent = False
        others = {e["id"] for e in rec.get("entities") or []} - set(mapping)
        if consistent and not (set(back) & others):
            self.registry.update(overlay)
            if any(k != v for k, v in mapping.items()):
                self.renamed += 1
                _rename(rec, mapping, arts)
            return rec
        self.reextracted += 1
        return make_record(self.extractor(), src)


def _rename(rec: dict, mapping: dict[str, str], arts: list[int]) -> None:
    for e in rec.get("entities") or []:
        e["id"] = mapping.get(e["id"], e["id"])
    for ev, art in zip(rec.get("events") or [], arts):
        touched = False
        for a in (ev.get("source") or []) + (ev.get("recipient") or []):
            if a.get("entity") in mapping:
                a["entity"] = mapping[a["entity"]]
                touched = True
        if touched:
            ev["id"] = event_id(rec.get("doc_id"), art, ev["event"][0], ev["text_info"]["start"], _actor_keys(ev))
