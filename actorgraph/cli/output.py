"""How the CLI prints: tables, JSON and CSV of query rows, and the ``emit`` callback."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from typing import Any

Emit = Callable[[str, str | None], None]


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


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
        return json.dumps(value, ensure_ascii=False)
    return str(value).replace("\n", " ")


_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """Text from web pages with no control characters (terminal escapes) left to reach a screen."""
    return _CONTROL.sub("?", text)
