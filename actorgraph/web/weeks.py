"""The latest week of a focus country without reading the store's history: windows of events
read back from the last dated one, each twice as long as the one before, until one holds an
event of the focus (the same answer as :func:`actorgraph.report.latest_week`)."""

from __future__ import annotations

from datetime import timedelta

from actorgraph.core.errors import ConfigError
from actorgraph.graph.base import GraphStore
from actorgraph.report import latest_week as full_latest_week
from actorgraph.report.diff import country_code, involves, reported_after
from actorgraph.report.weeks import latest_week_of, parse_day

FIRST_WINDOW = timedelta(weeks=1)


def latest_week(store: GraphStore, focus: str) -> str:
    """The latest ISO week with a dated actual event involving ``focus`` (an upper-case ISO3
    code) that some article reported on or after its date."""
    code = country_code(focus, "focus country")
    span = store.date_span()
    if span is None:
        raise ConfigError(
            f"the store has no dated events involving {code}; ingest some sources first"
        )
    first, last = parse_day(span[0][:10]), parse_day(span[1][:10])
    if first is None or last is None:  # a partial date at either end: read it all
        return full_latest_week(store, code)
    until, size = last + timedelta(days=1), FIRST_WINDOW
    while until > first:
        since = until - size
        events = store.events(since=since.isoformat(), until=until.isoformat())
        found = latest_week_of(e.date for e in events if reported_after(e) and involves(e, code))
        if found is not None:
            return found
        until, size = since, size * 2
    raise ConfigError(f"the store has no dated events involving {code}; ingest some sources first")
