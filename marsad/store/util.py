"""Helpers shared by the store's writer, readers and exports: JSON columns, actor keys."""
from __future__ import annotations

import json
from typing import Any


def dumps(x: Any) -> str:
    """Stable JSON for database columns (sorted keys, Arabic kept as is)."""
    return json.dumps(x, ensure_ascii=False, sort_keys=True)


def loads(s: str | None, default: Any = None) -> Any:
    """A JSON column's value, or ``default`` when it is empty or unreadable."""
    if s is None or s == "":
        return default
    try:
        return json.loads(s)
    except (TypeError, ValueError):
        return default


def actor_key(code: str | None, entity: str | None) -> str:
    """The key of an event actor in dyads and graphs: ``IGO:<org id>`` for an organisation's actor
    (entity ``org:<id>``), else the state code (ISO alpha-3), ``""`` for none."""
    if code == "IGO" and entity and str(entity).startswith("org:"):
        return "IGO:" + str(entity)[4:]
    return str(code or "")
