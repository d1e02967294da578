"""How the CLI prints: tables, JSON and CSV of query rows, and the ``emit`` callback."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import decimal
import io
import json
import math
import re
import uuid
from collections.abc import Callable
from typing import Any

Emit = Callable[[str, str | None], None]


# C0 controls except tab and newline, DEL, and C1 controls (ESC sequences, CSI ...).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """Text safe to print to a terminal: control characters from feeds shown as ``?``."""
    return _CONTROL.sub("?", text)


def json_safe(value: Any) -> Any:
    """Any engine value as strict JSON data: UUID/DECIMAL/INT128 text or numbers, BLOB base64,
    dates ISO, NaN/Infinity null."""
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(v) for v in value]
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, int):
        return value if abs(value) < 2**63 else str(value)  # INT128 stays exact as text
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, decimal.Decimal):
        return str(value) if value.is_finite() else None
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dt.date | dt.datetime | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return str(value)


def dumps(data: object) -> str:
    return json.dumps(json_safe(data), ensure_ascii=False, indent=2, allow_nan=False)


def format_rows(rows: list[dict[str, Any]], fmt: str) -> str:
    """Query rows as an aligned table, JSON or CSV."""
    if fmt == "json":
        return dumps(rows)
    columns = list(rows[0].keys()) if rows else []
    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(cells)
        return buf.getvalue()
    if not rows:
        return "(no rows)"
    widths = [min(60, max(len(c), *(len(r[i]) for r in cells))) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    for row in cells:
        lines.append("  ".join(_fit(v, w) for v, w in zip(row, widths, strict=True)))
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)


def _fit(value: str, width: int) -> str:
    """A cell padded to ``width``; a longer one cut, ending in "..." so the cut shows."""
    if len(value) <= width:
        return value.ljust(width)
    return value[: width - 3] + "..."


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        return clean(json.dumps(json_safe(value), ensure_ascii=False))
    return clean(str(json_safe(value))).replace("\n", " ")


_TERMINAL_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text from web pages with no control characters (terminal escapes) left to reach a screen."""
    return _TERMINAL_CONTROL.sub("?", text)
