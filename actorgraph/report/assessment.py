"""The structured assessment: indicators computed from the report's own data, each with the
rule that produced it (no label the data cannot support)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from actorgraph.core.records import EventView
from actorgraph.report.relations import BASELINE_WEEKS

CONFLICT_TYPES = ("ACCUSE", "THREATEN", "ATTACK")


def _ratio(now: float, base: float) -> float | None:
    return round(now / base, 2) if base else None


def indicators(
    sections: dict[str, dict[str, Any]],
    events: Sequence[EventView],
    hotspots: Sequence[dict[str, Any]],
) -> list[dict[str, Any]]:
    """``[{"name", "value", "rule"}]`` for the week."""
    out: list[dict[str, Any]] = []
    for code, section in sections.items():
        r = section["relationship"]
        now = sum(r["events"].values())
        # the baseline means are rounded: recover the whole number of baseline events
        base = round(sum(r["baseline"].values()) * BASELINE_WEEKS) / BASELINE_WEEKS
        out.append(
            {
                "name": f"activity_vs_baseline:{code}",
                "value": _ratio(now, base),
                "rule": f"events with {code} this week ({now}) divided by their mean per week "
                f"over the previous 12 weeks ({round(base, 3)}); null when that mean is 0",
            }
        )
    conflict = sum(1 for e in events if e.type in CONFLICT_TYPES)
    out.append(
        {
            "name": "conflict_share",
            "value": round(conflict / len(events), 3) if events else None,
            "rule": f"events of type {', '.join(CONFLICT_TYPES)} ({conflict}) over all events "
            f"this week ({len(events)}); null when there are none",
        }
    )
    statuses = [s["relationship"]["status"] for s in sections.values()]
    for status, label in (
        ("first", "new_relationships"),
        ("resumed", "resumed_relationships"),
        ("lapsed", "lapsed_relationships"),
    ):
        out.append(
            {
                "name": label,
                "value": statuses.count(status),
                "rule": f"counterpart countries whose relationship status is {status!r} this week",
            }
        )
    out.append(
        {
            "name": "new_pairs",
            "value": sum(len(s["new"]) for s in sections.values()),
            "rule": "actor pairs (focus country, counterpart) with no interaction before this week",
        }
    )
    out.append(
        {
            "name": "hotspots",
            "value": len(hotspots),
            "rule": "geocoded places of this week's events (see hotspots)",
        }
    )
    return out
