"""The network view read from the store: the whole graph, or one ISO week (new pairs in red)."""

from __future__ import annotations

from pathlib import Path

from actorgraph.core.records import EventView, relation_pairs
from actorgraph.graph.base import GraphStore
from actorgraph.report.diff import country_code, involves
from actorgraph.report.weeks import iso_week_bounds, parse_day
from actorgraph.viz.network import write_network
from actorgraph.viz.overview import write_overview


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
        return write_overview(store, Path(out), focus=code)
    monday, next_monday = iso_week_bounds(week)
    lo, hi = monday.isoformat(), next_monday.isoformat()
    # bounded: the week's events, then "did this pair interact before" for its pairs only
    events = [e for e in store.events(since=lo, until=hi) if parse_day(e.date)]
    if code:
        events = [e for e in events if involves(e, code)]
    pairs = _pairs(events)
    new = pairs - store.pairs_before(sorted(pairs, key=sorted), lo)
    title = f"Actor network \u2014 {week}" + (f" \u2014 focus {code}" if code else "")
    return write_network(events, Path(out), new_pairs=new, title=title)
