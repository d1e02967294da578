"""Read the graph store and build the weekly report (the only report module that touches it).

Every read is bounded by the week: the events of the week and of the baseline weeks before it,
announcements up to three months ahead, and existence queries for the week's own pairs and
counterparts ("did they interact before?"), so the cost follows the week, not the store.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

from actorgraph.core.errors import ConfigError
from actorgraph.core.records import EventView
from actorgraph.graph.base import GraphStore
from actorgraph.report import relations as rel
from actorgraph.report.diff import country_code, involves, reported_after, weekly_diff
from actorgraph.report.model import WeeklyReport
from actorgraph.report.weeks import iso_week_bounds, latest_week_of, parse_day, week_of

OUTLOOK_DAYS = 92
PLANS = ("actual", "future")
STATUSES = ("actual", "future", "negated")
_WEEK = re.compile(r"^(\d{4})-[Ww](\d{1,2})$")


class StoreHistory:
    """:class:`~actorgraph.report.diff.History` answered by the store's bounded queries
    (each answer kept, as the report is built twice: before and after reading its articles)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._cache: dict[tuple[str, str], Any] = {}

    def _once(self, key: tuple[str, str], compute: Any) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def pairs(
        self, pairs: Sequence[tuple[str, str]], before: str
    ) -> dict[tuple[str, str], tuple[int, str, str]]:
        key = ("pairs", repr((sorted(pairs), before)))
        return self._once(key, lambda: self.store.pair_history(pairs, before))  # type: ignore[no-any-return]

    def first_events(
        self, firsts: dict[tuple[str, str], str]
    ) -> dict[tuple[str, str], list[EventView]]:
        key = ("firsts", repr(sorted(firsts.items())))
        return self._once(key, lambda: self.store.pair_first_sources(firsts))  # type: ignore[no-any-return]

    def countries(self, focus: str, codes: Sequence[str], before: str) -> dict[str, str]:
        key = ("countries", repr((focus, sorted(codes), before)))
        return self._once(key, lambda: self.store.country_history(focus, codes, before))  # type: ignore[no-any-return]


def build_weekly(
    store: GraphStore, week: str, focus: str, counterparts: Sequence[str] | None = None
) -> WeeklyReport:
    """The weekly report of ``focus`` for ``week`` ("YYYY-Www") from the store's events."""
    monday, next_monday = iso_week_bounds(week)
    since = (monday - timedelta(weeks=rel.BASELINE_WEEKS)).isoformat()
    ahead = (next_monday + timedelta(days=OUTLOOK_DAYS)).isoformat()
    year, month = monday.isoformat()[:4], monday.isoformat()[:7]
    # one read for the baseline weeks, the week and three months ahead (every status), and
    # plans dated only by this year or month ("2026", "2026-05")
    span = store.events(since=since, until=ahead, statuses=STATUSES)
    partial = [
        *store.events(since=year, until=year + "-00", statuses=PLANS),
        *store.events(since=month, until=month + "-00", statuses=PLANS),
    ]
    lo, hi = monday.isoformat(), next_monday.isoformat()
    events = [e for e in span if e.status == "actual" and (e.date or "") < hi]
    upcoming = [e for e in span if e.status in PLANS and (e.date or "") >= lo] + partial
    negated = [e for e in span if e.status == "negated" and lo <= (e.date or "") < hi]
    code = country_code(focus, "focus country")
    events, upcoming, negated = (
        [e for e in group if involves(e, code)] for group in (events, upcoming, negated)
    )
    # the articles the report can cite: this week's, the announcements', the non-events' and
    # the lapsed pairs' (the recent weeks); their stored origin and text
    recent = (monday - timedelta(weeks=rel.SILENCE_WEEKS)).isoformat()
    urls = {
        s.url
        for group in (events, upcoming, negated)
        for e in group
        if group is not events or (e.date or "") >= recent
        for s in e.sources
    }
    return weekly_diff(
        events,
        week,
        focus,
        counterparts,
        upcoming=upcoming,
        negated=negated,
        history=StoreHistory(store),
        articles=store.report_articles(sorted(urls)),
    )


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


def resolve_week(store: GraphStore, value: str, focus: str | None = None) -> str:
    """``latest``, ``2026-w22`` (any case, one or two digits) or a day (``2026-05-27``) as an
    ISO week ``2026-W22``; ConfigError naming the value otherwise."""
    text = (value or "").strip()
    if text.casefold() == "latest":
        return latest_week(store, focus)
    match = _WEEK.match(text)
    if match:
        week = f"{match.group(1)}-W{int(match.group(2)):02d}"
        iso_week_bounds(week)
        return week
    day = parse_day(text)
    if day is not None and len(text) == 10:
        return week_of(day)
    raise ConfigError(
        f"week {value!r} is not an ISO week like 2026-W22, a date like 2026-05-27, or 'latest'"
    )


def nearest_weeks(store: GraphStore, week: str, focus: str) -> tuple[str | None, str | None]:
    """The nearest weeks before and after ``week`` with events involving ``focus``."""
    monday, next_monday = iso_week_bounds(week)
    code = country_code(focus, "focus country")
    days: list[date] = []
    for e in store.events():
        day = parse_day(e.date)
        if day is not None and reported_after(e) and involves(e, code):
            days.append(day)
    before = max((d for d in days if d < monday), default=None)
    after = min((d for d in days if d >= next_monday), default=None)
    return (week_of(before) if before else None, week_of(after) if after else None)
