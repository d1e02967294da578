"""The outlook: announced and planned events under their own dates, grouped by horizon."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from actorgraph.core.records import EventView
from actorgraph.report.weeks import period_start

HORIZONS = ((31, "within 1 month"), (61, "1-2 months"), (92, "2-3 months"))
LATER = "later"
UNDATED = "undated"
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def horizon(day: str | None, after: date) -> str:
    """Which horizon a (possibly partial) date falls in, counted from the end of the week."""
    start = period_start(day)
    if not start:
        return UNDATED
    try:
        then = date.fromisoformat(start)
    except ValueError:
        return UNDATED
    days = (then - after).days
    return next((label for limit, label in HORIZONS if days < limit), LATER)


def outlook_entries(events: Iterable[EventView], next_monday: date) -> list[dict[str, Any]]:
    """One entry per announced date: its types, actors, sources, event ids and horizon."""
    by_date: dict[str, list[EventView]] = {}
    for e in events:
        by_date.setdefault(e.date or "", []).append(e)
    out = []
    for day, evs in sorted(by_date.items()):
        actors = {a.id: a for e in evs for a, _ in e.participants}
        sources = {s.url: s for e in evs for s in e.sources}
        out.append(
            {
                "date": day or None,
                "horizon": horizon(day, next_monday),
                "types": sorted({e.type for e in evs}),
                "actors": [
                    {"id": a.id, "name": a.name, "country": a.country}
                    for a in sorted(actors.values(), key=lambda a: a.name.casefold())
                ],
                "sources": [
                    {"url": s.url, "title": s.title, "outlet": s.outlet}
                    for s in sorted(sources.values(), key=lambda s: (s.published or "", s.url))
                ],
                "event_ids": [e.id for e in evs],
            }
        )
    return out


def is_local(url: str) -> bool:
    """Whether a link points to this machine (a local file or a loopback server)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme == "file" or (parts.hostname or "") in LOCAL_HOSTS
