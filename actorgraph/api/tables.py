"""Turning records and report JSON into DataFrames."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd


def frame(rows: Sequence[dict[str, Any]], columns: Sequence[str] | None = None) -> pd.DataFrame:
    """A DataFrame of ``rows``; with no rows, an empty one with ``columns``."""
    if not rows:
        return pd.DataFrame(columns=list(columns or []))
    return pd.DataFrame(list(rows))


def _flat(value: Any) -> Any:
    """A cell: lists of names joined, nested records shown by their name or as text."""
    if isinstance(value, dict):
        return (
            value.get("name") or value.get("id") or ", ".join(f"{k}={v}" for k, v in value.items())
        )
    if isinstance(value, list):
        return ", ".join(str(_flat(v)) for v in value)
    return value


def report_tables(report: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """Every list-of-records section of a JSON weekly report as a table; per-counterpart sections
    (``counterparts.{ISO3}.{section}``) as one table per section with a ``counterpart`` column."""
    tables: dict[str, pd.DataFrame] = {}
    for key, value in report.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            tables[key] = pd.DataFrame([{k: _flat(v) for k, v in row.items()} for row in value])
    per_counterpart: dict[str, list[dict[str, Any]]] = {}
    for code, section in (report.get("counterparts") or {}).items():
        if not isinstance(section, dict):
            continue
        for name, value in section.items():
            if isinstance(value, list):
                for row in value:
                    if isinstance(row, dict):
                        flat = {k: _flat(v) for k, v in row.items()}
                        per_counterpart.setdefault(name, []).append({"counterpart": code, **flat})
    for name, rows in per_counterpart.items():
        tables[f"counterparts.{name}"] = pd.DataFrame(rows)
    summary = report.get("summary")
    if isinstance(summary, dict):
        tables["summary"] = pd.DataFrame(
            [{"measure": k, "value": _flat(v)} for k, v in summary.items()]
        )
    return tables
