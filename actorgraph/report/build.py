"""Read the graph store and build the weekly report (the only report module that touches it).

Every read is bounded by the week: the events of the week and of the baseline weeks before it,
announcements up to three months ahead, and existence queries for the week's own pairs and
counterparts ("did they interact before?"), so the cost follows the week, not the store.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from actorgraph.core.errors import ConfigError
from actorgraph.core.records import EventView
from actorgraph.graph.base import GraphStore
from actorgraph.report import relations as rel
from actorgraph.report.diff import country_code, involves, reported_after, weekly_diff
from actorgraph.report.model import WeeklyReport
from actorgraph.report.weeks import iso_week_bounds, latest_week_of, parse_day, week_of

OUTLOOK_DAYS = 92
_WEEK = re.compile(r"^(\d{4})-[Ww](\d{1,2})$")


class StoreHistory:
    """:class:`~actorgraph.report.diff.History` answered by the store's bounded queries."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def pairs(
        self, pairs: Sequence[tuple[str, str]], before: str
    ) -> dict[tuple[str, str], tuple[int, str, str]]:
        return self.store.pair_history(pairs, before)

    def events_on(self, day: str) -> list[EventView]:
        # "2026-05-20~" bounds one day; a year- or month-only date its year or month
        return [e for e in self.store.events(since=day, until=day + "~") if e.date == day]

    def countries(self, focus: str, codes: Sequence[str], before: str) -> dict[str, str]:
        return self.store.country_history(focus, codes, before)


def build_weekly(
    store: GraphStore, week: str, focus: str, counterparts: Sequence[str] | None = None
) -> WeeklyReport:
    """The weekly report of ``focus`` for ``week`` ("YYYY-Www") from the store's events."""
    monday, next_monday = iso_week_bounds(week)
    since = (monday - timedelta(weeks=rel.BASELINE_WEEKS)).isoformat()
    events = store.events(since=since, until=next_monday.isoformat())
    ahead = (next_monday + timedelta(days=OUTLOOK_DAYS)).isoformat()
    plans = ("actual", "future")
    year, month = monday.isoformat()[:4], monday.isoformat()[:7]
    upcoming = [  # dated from the week on, and plans for this year or month ("2026", "2026-05")
        *store.events(since=monday.isoformat(), until=ahead, statuses=plans),
        *store.events(since=year, until=year + "-00", statuses=plans),
        *store.events(since=month, until=month + "-00", statuses=plans),
    ]
    negated = store.events(
        since=monday.isoformat(), until=next_monday.isoformat(), statuses=("negated",)
    )
    report = weekly_diff(
        events,
        week,
        focus,
        counterparts,
        upcoming=upcoming,
        negated=negated,
        history=StoreHistory(store),
    )
    urls = [s["url"] for s in report.sources]
    if not urls:
        return report
    return weekly_diff(
        events,
        week,
        focus,
        counterparts,
        upcoming=upcoming,
        negated=negated,
        history=StoreHistory(store),
        articles=store.report_articles(urls),
        generated_at=report.generated_at,
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
