"""The weekly report as JSON (UTF-8 text, sorted keys, always valid)."""

from __future__ import annotations

import json

from actorgraph.report.model import WeeklyReport


def render_json(report: WeeklyReport) -> str:
    """``report.to_dict()`` as indented JSON with sorted keys and non-ASCII kept as is."""
    return json.dumps(report.to_dict(), ensure_ascii=False, sort_keys=True, indent=2) + "\n"
