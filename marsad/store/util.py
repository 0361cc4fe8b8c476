"""JSON helpers shared by the store's writer and readers."""
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
