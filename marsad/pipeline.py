"""Named, versioned pipeline stages with declared contracts.

Each stage declares the document layers it ``requires`` and ``provides``; :class:`Pipeline` checks
when it is built that every requirement is provided by an earlier stage, so a misordered pipeline
fails at construction rather than on the thousandth document.

A layer name is a :class:`~marsad.doc.Document` attribute (``raw``, ``lines``, ``entities`` …) or
one of the few named aliases in :data:`LAYER_ALIASES`; :func:`register` refuses any other name.
Stage classes are registered in one place, :func:`register_stages` (from the table
:data:`BUILTIN_STAGES`), which every lookup of :data:`REGISTRY` (and so every :class:`Pipeline`
built from names) runs first: what is registered never depends on which module happened to be
imported before.
"""
from __future__ import annotations

import importlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from typing import Any, ClassVar

from .doc import Document, DocumentError

log = logging.getLogger(__name__)

# Layer names that are not one Document attribute, and the attributes each stands for.
LAYER_ALIASES: dict[str, tuple[str, ...]] = {
    "source": ("doc_key", "path"),  # the input every pipeline starts from
    "metadata": ("articles",),  # each article's title, outlet, outlet_country, published (MetadataStage)
}


def layers() -> dict[str, tuple[str, ...]]:
    """Every valid layer name -> the :class:`Document` attributes it fills.

    Each Document field is a layer of its own name; :data:`LAYER_ALIASES` adds the rest."""
    own = {f.name: (f.name,) for f in fields(Document) if f.name not in ("error", "provided", "scratch")}
    return own | LAYER_ALIASES


class _Registry(Mapping[str, "type[Stage]"]):
    """Stage name -> stage class; every read first runs :func:`register_stages`."""

    def __init__(self) -> None:
        self._classes: dict[str, type[Stage]] = {}
        self._state = "empty"  # empty | loading | loaded

    def ensure(self) -> None:
        """Register the built-in stages once (a no-op while they are being registered)."""
        if self._state != "empty":
            return
        self._state = "loading"
        try:
            register_stages()
        except BaseException:
            self._state = "empty"
            raise
        self._state = "loaded"

    def add(self, cls: type[Stage]) -> None:
        """Register ``cls`` under its name; ``ValueError`` when the name belongs to another class
        (a built-in name is taken by the class :data:`BUILTIN_STAGES` lists)."""
        where = f"{cls.__module__}:{cls.__qualname__}"
        builtin = BUILTIN_STAGES.get(cls.name)
        known = self._classes.get(cls.name)
        if (builtin and builtin != where) or (known is not None and known is not cls):
            raise ValueError(f"stage name {cls.name!r} registered twice ({builtin or known} and {where})")
        self._classes[cls.name] = cls

    def __getitem__(self, name: str) -> type[Stage]:
        self.ensure()
        return self._classes[name]

    def __iter__(self) -> Iterator[str]:
        self.ensure()
        return iter(dict(self._classes))

    def __len__(self) -> int:
        self.ensure()
        return len(self._classes)


REGISTRY = _Registry()


class Stage:
    """Base class: subclasses set ``name``, ``version``, ``requires``, ``provides`` and ``__call__``.

    ``requires``/``provides`` are layer names (:func:`layers`). ``config`` holds the keyword
    arguments the pipeline passes from its ``config[name]``. A stage keeps no per-document state
    between calls: what one document needs lives on that :class:`Document`."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, **config: Any) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        """Add this stage's layers to ``doc`` and return it; raise :class:`DocumentError` for a
        problem of this document's input (it becomes the document's error record)."""
        raise NotImplementedError


def check_layers(cls: type[Stage]) -> None:
    """Raise ``ValueError`` naming the stage and the layer when ``requires``/``provides`` holds a
    name that is neither a :class:`Document` attribute nor in :data:`LAYER_ALIASES`."""
    valid = layers()
    for what in ("requires", "provides"):
        bad = sorted(set(getattr(cls, what)) - valid.keys())
        if bad:
            raise ValueError(f"stage {cls.name or cls.__qualname__!r} {what} {bad}: not Document layers; "
                             f"known layers: {sorted(valid)}")


def register(cls: type[Stage]) -> type[Stage]:
    """Make a stage class available by its ``name`` (returns ``cls``, so it also works as a decorator).

    Called for the built-in stages by :func:`register_stages`; a plugin stage calls it
    itself. Raises ``ValueError`` for a class without a name, a name already taken by another class
    or a layer name that is not a Document layer (:func:`check_layers`). Registering the same class
    again is a no-op."""
    if not cls.name:
        raise ValueError(f"stage {cls.__qualname__} has no name")
    check_layers(cls)
    REGISTRY.add(cls)
    return cls


# stage name -> "module:Class" of the class that implements it.
BUILTIN_STAGES: dict[str, str] = {
    "read": "marsad.stages.read:ReadStage",
    "decode": "marsad.stages.read:DecodeStage",
    "clean": "marsad.stages.clean:CleanStage",
    "metadata": "marsad.stages.metadata:MetadataStage",
    "normalise": "marsad.stages.metadata:NormaliseStage",
    "mentions": "marsad.stages.entities:MentionsStage",
    "link": "marsad.stages.link:LinkStage",
    "events": "marsad.stages.events:EventsStage",
}


def stage_class(name: str) -> type[Stage]:
    """The class of built-in stage ``name`` (its module imported on demand).

    Raises ``KeyError`` for a name not in :data:`BUILTIN_STAGES` and ``TypeError`` when the class
    found declares another name than the one it is listed under."""
    module, _, attr = BUILTIN_STAGES[name].partition(":")
    cls = getattr(importlib.import_module(module), attr)
    if getattr(cls, "name", None) != name:
        raise TypeError(f"{BUILTIN_STAGES[name]} is listed as stage {name!r} but is named {cls.name!r}")
    return cls


def register_stages() -> None:
    """Register every built-in stage with :func:`register` (idempotent).

    Raises ``ValueError`` when a stage declares a layer that is not a Document layer."""
    for name in BUILTIN_STAGES:
        register(stage_class(name))


class ContractError(ValueError):
    """A pipeline whose stages' requirements are not met by earlier stages."""


@dataclass(frozen=True)
class StageInfo:
    """What one stage of a built pipeline is: its name, version and declared layers."""

    name: str
    version: str
    requires: frozenset[str]
    provides: frozenset[str]


class Pipeline:
    """An ordered list of stages, checked once at construction.

    ``budget`` (seconds) and ``memory_mb`` (growth of the process's resident memory while one
    document runs) bound one document, None for no bound. Both are checked between stages (a stage
    is never interrupted, so shared state such as corpus-global entity ids stays whole); a document
    over either becomes an error record instead of going through the later stages.
    """

    def __init__(self, stages: Iterable[str | Stage], initial: Iterable[str] = ("source",),
                 config: dict[str, dict[str, Any]] | None = None, budget: float | None = None,
                 memory_mb: float | None = None) -> None:
        config = config or {}
        self.budget = budget
        self.memory_mb = memory_mb if memory_mb is not None and rss_mb() is not None else None
        self.stages: list[Stage] = []
        have = set(initial)
        for item in stages:
            stage = item if isinstance(item, Stage) else self._make(item, config.get(item, {}))
            missing = stage.requires - have
            if missing:
                raise ContractError(
                    f"stage {stage.name!r} requires {sorted(missing)}, not provided by "
                    f"{[s.name for s in self.stages] or 'the input'}")
            have |= stage.provides
            self.stages.append(stage)
        self.provides = frozenset(have)

    @staticmethod
    def _make(name: str, cfg: dict[str, Any]) -> Stage:
        try:
            cls = REGISTRY[name]
        except KeyError:
            raise ContractError(f"unknown stage {name!r}; known: {sorted(REGISTRY)}") from None
        return cls(**cfg)

    def info(self) -> list[StageInfo]:
        """One :class:`StageInfo` per stage, in order."""
        return [StageInfo(s.name, s.version, s.requires, s.provides) for s in self.stages]

    def __call__(self, doc: Document, on_stage: Callable[[str], None] | None = None) -> Document:
        """Run every stage; a :class:`DocumentError`, any other exception or an exhausted time or
        memory budget stops this document and is recorded on it as ``doc.error`` ("stage: document: problem")."""
        t0 = time.monotonic()
        m0 = rss_mb() if self.memory_mb is not None else None
        for i, stage in enumerate(self.stages):
            if on_stage:
                on_stage(stage.name)
            try:
                doc = stage(doc)
            except DocumentError as exc:
                doc.error = f"{stage.name}: {exc}"  # stages name the document in their messages
                return doc
            except MemoryError:
                doc.error = f"{stage.name}: {doc.doc_key}: out of memory"
                return doc
            except Exception as exc:  # noqa: BLE001 - a bug on one document must not stop the run
                log.exception("stage %s failed on %s", stage.name, doc.doc_key)
                doc.error = f"{stage.name}: internal error on {doc.doc_key}: {exc.__class__.__name__}: {exc}"
                return doc
            doc.provided |= stage.provides
            if i + 1 == len(self.stages):
                break
            over = None
            spent = time.monotonic() - t0
            if self.budget is not None and spent > self.budget:
                over = f"time budget exceeded ({spent:.1f} s > {self.budget:g} s per document)"
            grown = (rss_mb() or 0.0) - m0 if m0 is not None else 0.0
            if self.memory_mb is not None and grown > self.memory_mb:
                over = f"memory budget exceeded (+{grown:.0f} MB > {self.memory_mb:g} MB per document)"
            if over:
                doc.error = f"{stage.name}: {doc.doc_key}: {over}; stopped before {self.stages[i + 1].name}"
                return doc
        return doc


_PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2 ** 20 if hasattr(os, "sysconf") else 0.0


_STATM: dict[int, int] = {}  # pid -> open descriptor of its /proc/<pid>/statm (a forked child opens its own)


def rss_mb() -> float | None:
    """This process's resident memory now, in MB (Linux ``/proc``); None where it cannot be read.
    Read with one ``pread`` on a descriptor kept open (checked between stages: 8 times a document)."""
    try:
        pid = os.getpid()
        fd = _STATM.get(pid)
        if fd is None:
            _STATM.clear()  # a forked child does not read its parent's figure
            fd = _STATM[pid] = os.open(f"/proc/{pid}/statm", os.O_RDONLY)
        return int(os.pread(fd, 128, 0).split()[1]) * _PAGE_MB
    except (OSError, ValueError, IndexError, AttributeError):
        return None
