"""Read the graph store and build the weekly report (the only report module that touches it).

Every read is bounded by the week: the events of the week and of the baseline weeks before it,
announcements up to three months ahead, and existence queries for the week's own pairs and
counterparts ("did they interact before?"), so the cost follows the week, not the store.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from actorgraph.core.errors import ConfigError
from actorgraph.core.records import EventView
from actorgraph.graph.base import GraphStore
from actorgraph.report import relations as rel
from actorgraph.report.diff import country_code, involves, reported_after, weekly_diff
from actorgraph.report.model import WeeklyReport
from actorgraph.report.weeks import iso_week_bounds, parse_day, week_of

OUTLOOK_DAYS = 92
PLANS = ("actual", "future")
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
    lo, hi = monday.isoformat(), next_monday.isoformat()
    recent = (monday - timedelta(weeks=rel.SILENCE_WEEKS)).isoformat()
    # bounded reads (the date index): the actual events of the week and of the recent weeks
    # before it (lapsed pairs cite them), the older baseline weeks only summarised (they are
    # counted, never cited), the plans of the week and three months ahead, the week's
    # non-events, plans dated only by this year or month ("2026", "2026-05"), and the "actual"
    # events dated after the week that an article of the week reports (announcements, see
    # diff.is_announced)
    events = [
        *store.event_summaries(since, recent, statuses=("actual",)),
        *store.events(since=recent, until=hi, statuses=("actual",)),
    ]
    plans = store.events(since=lo, until=ahead, statuses=("future",))
    later = store.events_with_ids(store.reported_between(hi, ahead, (lo, hi)))
    negated = store.events(since=lo, until=hi, statuses=("negated",))
    partial = [
        *store.events(since=year, until=year + "-00", statuses=PLANS),
        *store.events(since=month, until=month + "-00", statuses=PLANS),
    ]
    upcoming = sorted(
        [*(e for e in events if (e.date or "") >= lo), *plans, *later],
        key=lambda v: (v.date or "", v.id),
    )
    upcoming += partial
    code = country_code(focus, "focus country")
    events, upcoming, negated = (
        [e for e in group if involves(e, code)] for group in (events, upcoming, negated)
    )
    # the articles the report can cite: this week's, the announcements', the non-events' and
    # the lapsed pairs' (the recent weeks); their stored origin and text
    cited = [
        s
        for group in (events, upcoming, negated)
        for e in group
        if group is not events or (e.date or "") >= recent
        for s in e.sources
    ]
    urls, ids = {s.url for s in cited}, {s.article for s in cited if s.article}
    return weekly_diff(
        events,
        week,
        focus,
        counterparts,
        upcoming=upcoming,
        negated=negated,
        history=StoreHistory(store),
        articles=store.report_articles(sorted(urls), sorted(ids)),
    )


WALK_DAYS = 28  # days of the date index read at a time when looking for the nearest activity


def _walk(
    store: GraphStore, days: Sequence[str], code: str | None, newest_first: bool
) -> str | None:
    """The first full day, walking ``days`` (sorted) from one end in windows of
    :data:`WALK_DAYS`, with an actual event reported on or after its date (involving ``code``
    when given): each window is one bounded read, so the cost follows the distance walked."""
    full = [d for d in days if parse_day(d) is not None]
    if newest_first:
        full.reverse()
    for i in range(0, len(full), WALK_DAYS):
        window = full[i : i + WALK_DAYS]
        lo, hi = min(window), max(window)
        found = [
            e.date[:10]
            for e in store.events(since=lo, until=hi + "~")
            if e.date
            and parse_day(e.date) is not None
            and lo <= e.date[:10] <= hi
            and reported_after(e)
            and (code is None or involves(e, code))
        ]
        if found:
            return max(found) if newest_first else min(found)
    return None


def latest_week(store: GraphStore, focus: str | None = None) -> str:
    """The latest ISO week with a dated actual event (involving ``focus`` when given); events
    dated after every article reporting them are announcements and do not count."""
    code = country_code(focus, "focus country") if focus else None
    day = _walk(store, store.days(), code, newest_first=True)
    if day is None:
        where = f" involving {code}" if code else ""
        raise ConfigError(f"the store has no dated events{where}; ingest some sources first")
    return week_of(day)


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
    days = store.days()
    before = _walk(store, [d for d in days if d < monday.isoformat()], code, newest_first=True)
    later = [d for d in days if d >= next_monday.isoformat()]
    after = _walk(store, later, code, newest_first=False)
    return (week_of(before) if before else None, week_of(after) if after else None)
