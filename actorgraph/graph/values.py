"""Result values as plain JSON-ready Python (nodes and relationships as property dicts).

Most values the engines hand back are already plain (strings, numbers, None, lists of strings):
:func:`ladybug_rows` passes those through untouched and converts only the rest, so a result of a
million scalars costs a million type checks, not a million recursive calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

LADYBUG_INTERNAL = ("_ID", "_SRC", "_DST")
PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def plain_list(value: list[Any]) -> bool:
    """True when every item of ``value`` is a plain scalar (e.g. an alias list)."""
    return all(type(v) in PLAIN_TYPES for v in value)


def ladybug_value(value: Any) -> Any:
    """A Ladybug value: nodes/rels are dicts with ``_ID``/``_LABEL``; paths have ``_NODES``."""
    kind = type(value)
    if kind in PLAIN_TYPES:
        return value
    if kind is list and plain_list(value):
        return value  # a fresh list from the engine: no copy needed
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


def ladybug_rows(columns: Sequence[str], rows: list[Any]) -> list[dict[str, Any]]:
    """Rows as dicts keyed by column, converting only the values that are not plain."""
    out = []
    for row in rows:
        if not PLAIN_TYPES.issuperset(map(type, row)):  # one C-level test for a plain row
            for i, v in enumerate(row):
                kind = type(v)
                if kind not in PLAIN_TYPES and not (kind is list and plain_list(v)):
                    row[i] = ladybug_value(v)
        out.append(dict(zip(columns, row, strict=True)))
    return out


def plain(value: Any, recurse: Any) -> Any:
    """Lists, dates and scalars, recursing with the engine's converter."""
    if isinstance(value, list | tuple):
        return [recurse(v) for v in value]
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value
