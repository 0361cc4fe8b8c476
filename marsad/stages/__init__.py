"""The built-in pipeline stages, registered in one place.

:data:`BUILTIN_STAGES` names every stage of the package and the class that implements it;
:func:`register_stages` imports and registers them. :data:`marsad.pipeline.REGISTRY` runs it before
any lookup, so ``Pipeline(["read", "decode", …])`` works whatever was imported before.

The order below is the default pipeline's order (see :data:`marsad.extract.DEFAULT_STAGES`); each
stage's file is named after what it does: ``read.py`` reads and decodes, ``clean.py`` labels lines
and splits articles, ``metadata.py`` dates and attributes articles and normalises their text,
``entities.py`` finds mentions, ``link.py`` links them to entities, ``events.py`` finds events.
"""
from __future__ import annotations

import importlib

__all__ = ["BUILTIN_STAGES", "register_stages", "stage_class"]

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


def stage_class(name: str) -> type:
    """The class of built-in stage ``name`` (its module imported on demand).

    Raises ``KeyError`` for a name not in :data:`BUILTIN_STAGES` and ``TypeError`` when the class
    found declares another name than the one it is listed under."""
    module, _, attr = BUILTIN_STAGES[name].partition(":")
    cls = getattr(importlib.import_module(module), attr)
    if getattr(cls, "name", None) != name:
        raise TypeError(f"{BUILTIN_STAGES[name]} is listed as stage {name!r} but is named {cls.name!r}")
    return cls


def register_stages() -> None:
    """Register every built-in stage with :func:`marsad.pipeline.register` (idempotent).

    Raises ``ValueError`` when a stage declares a layer that is not a Document layer."""
    from ..pipeline import register

    for name in BUILTIN_STAGES:
        register(stage_class(name))
