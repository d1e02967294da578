"""The JSON Schema every JSON report validates against (shipped as ``report.schema.json``)."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any


@cache
def schema_text() -> str:
    """The schema as the package ships it."""
    return files("actorgraph.report").joinpath("report.schema.json").read_text(encoding="utf-8")


def report_schema() -> dict[str, Any]:
    """The schema as a dict (a fresh copy)."""
    loaded: dict[str, Any] = json.loads(schema_text())
    return loaded
