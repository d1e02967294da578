"""The network view read from the store: the whole graph, or one ISO week (new pairs in red)."""

from __future__ import annotations

from pathlib import Path

from actorgraph.core.records import EventView, relation_pairs
from actorgraph.graph.base import GraphStore
from actorgraph.report.diff import country_code, involves
from actorgraph.report.weeks import iso_week_bounds, parse_day, period_start
from actorgraph.viz.network import write_network


def _pairs(events: list[EventView]) -> set[frozenset[str]]:
    return {
        frozenset(pair)
        for e in events
        for pair in relation_pairs([(a.id, role) for a, role in e.participants])
    }


def network_for_week(
    store: GraphStore,
    week: str | None = None,
    focus: str | None = None,
    out: Path = Path("network.html"),
) -> Path:
    """Write the network of ``week`` ("YYYY-Www"; the whole graph when None), restricted to
    events involving an actor of ``focus`` (ISO3) when given. Pairs that interact in the week and
    never before are highlighted."""
    code = country_code(focus, "focus country") if focus else None
    if week is None:
        events = store.events()
        new: set[frozenset[str]] = set()
        label = "all weeks"
    else:
        monday, next_monday = iso_week_bounds(week)
        lo, hi = monday.isoformat(), next_monday.isoformat()
        everything = store.events(until=hi)
        events = [e for e in everything if lo <= (e.date or "")[:10] < hi and parse_day(e.date)]
        ids = {e.id for e in events}
        before = [
            e for e in everything if e.id not in ids and (period_start(e.date) or "9999") < lo
        ]
        new = _pairs(events) - _pairs(before)
        label = week
    if code:
        events = [e for e in events if involves(e, code)]
    title = f"Actor network \u2014 {label}" + (f" \u2014 focus {code}" if code else "")
    return write_network(events, Path(out), new_pairs=new, title=title)
