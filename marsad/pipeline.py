"""Named, versioned pipeline stages with declared contracts.

Each stage declares the document layers it ``requires`` and ``provides``; :class:`Pipeline` checks
when it is built that every requirement is provided by an earlier stage, so a misordered pipeline
fails at construction rather than on the thousandth document.
"""
from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from .doc import Document, DocumentError

log = logging.getLogger(__name__)

REGISTRY: dict[str, type[Stage]] = {}


class Stage:
    """Base class: subclasses set ``name``, ``version``, ``requires``, ``provides`` and ``__call__``."""

    name: ClassVar[str] = ""
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset()
    provides: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, **config: Any) -> None:
        self.config = config

    def __call__(self, doc: Document) -> Document:  # pragma: no cover - abstract
        raise NotImplementedError


def register(cls: type[Stage]) -> type[Stage]:
    """Class decorator: make a stage available by its name."""
    if not cls.name:
        raise ValueError(f"stage {cls.__qualname__} has no name")
    if cls.name in REGISTRY and REGISTRY[cls.name] is not cls:
        raise ValueError(f"stage name {cls.name!r} registered twice")
    REGISTRY[cls.name] = cls
    return cls


class ContractError(ValueError):
    """A pipeline whose stages' requirements are not met by earlier stages."""


@dataclass(frozen=True)
class StageInfo:
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


def rss_mb() -> float | None:
    """This process's resident memory now, in MB (Linux ``/proc``); None where it cannot be read."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            return int(fh.read().split()[1]) * _PAGE_MB
    except (OSError, ValueError, IndexError):
        return None
