"""Result values as plain JSON-ready Python (nodes and relationships as property dicts)."""

from __future__ import annotations

import datetime as dt
from typing import Any

LADYBUG_INTERNAL = ("_ID", "_SRC", "_DST")


def ladybug_value(value: Any) -> Any:
    """A Ladybug value: nodes/rels are dicts with ``_ID``/``_LABEL``; paths have ``_NODES``."""
    if isinstance(value, dict):
        if "_NODES" in value or "_RELS" in value:
            return {
                "nodes": [ladybug_value(n) for n in value.get("_NODES", [])],
                "relationships": [ladybug_value(r) for r in value.get("_RELS", [])],
            }
        out = {k: ladybug_value(v) for k, v in value.items() if k not in LADYBUG_INTERNAL}
        if "_LABEL" in out:
            out["_label"] = out.pop("_LABEL")
        return out
    return plain(value, ladybug_value)


def plain(value: Any, recurse: Any) -> Any:
    """Lists, dates and scalars, recursing with the engine's converter."""
    if isinstance(value, list | tuple):
        return [recurse(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value
