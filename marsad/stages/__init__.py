"""The built-in pipeline stages.

They are registered in one place, :func:`marsad.pipeline.register_stages` (re-exported here), from
the table :data:`marsad.pipeline.BUILTIN_STAGES` of every stage name and the class implementing it;
:data:`marsad.pipeline.REGISTRY` runs it before any lookup, so ``Pipeline(["read", "decode", …])``
works whatever was imported before.

The table's order is the default pipeline's (:data:`marsad.extract.DEFAULT_STAGES`); each
stage's file is named after what it does: ``read.py`` reads and decodes, ``clean.py`` labels lines
and splits articles, ``metadata.py`` dates and attributes articles and normalises their text,
``entities.py`` finds mentions, ``link.py`` links them to entities, ``events.py`` finds events.
"""
from __future__ import annotations

from ..pipeline import BUILTIN_STAGES, register_stages, stage_class

__all__ = ["BUILTIN_STAGES", "register_stages", "stage_class"]
