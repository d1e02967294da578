"""Read the graph store and build the weekly report (the only report module that touches it)."""

from __future__ import annotations

from collections.abc import Sequence

from actorgraph.core.errors import ConfigError
from actorgraph.graph.base import GraphStore
from actorgraph.report.diff import country_code, involves, reported_after, weekly_diff
from actorgraph.report.model import WeeklyReport
from actorgraph.report.weeks import iso_week_bounds, latest_week_of


def build_weekly(
    store: GraphStore, week: str, focus: str, counterparts: Sequence[str] | None = None
) -> WeeklyReport:
    """The weekly report of ``focus`` for ``week`` ("YYYY-Www") from the store's events."""
    _, next_monday = iso_week_bounds(week)
    events = store.events(until=next_monday.isoformat())
    upcoming = store.events(statuses=("actual", "future"))
    return weekly_diff(events, week, focus, counterparts, upcoming=upcoming)


def latest_week(store: GraphStore, focus: str | None = None) -> str:
    """The latest ISO week with a dated actual event (involving ``focus`` when given); events
    dated after every article reporting them are announcements and do not count."""
    code = country_code(focus, "focus country") if focus else None
    events = [
        e for e in store.events() if reported_after(e) and (code is None or involves(e, code))
    ]
    week = latest_week_of(e.date for e in events)
    if week is None:
        where = f" involving {code}" if code else ""
        raise ConfigError(f"the store has no dated events{where}; ingest some sources first")
    return week
