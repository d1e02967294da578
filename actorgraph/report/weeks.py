"""ISO weeks ("2026-W22"): parsing, bounds, and which week a date falls in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from actorgraph.core.errors import ConfigError

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_week_bounds(week: str) -> tuple[date, date]:
    """``"2026-W22"`` -> (Monday 2026-05-25, next Monday 2026-06-01); ConfigError if malformed."""
    match = _WEEK.match(week.strip()) if isinstance(week, str) else None
    if not match:
        raise ConfigError(f"week {week!r} is not an ISO week like 2026-W22 (YYYY-Www)")
    year, number = int(match.group(1)), int(match.group(2))
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError as exc:
        raise ConfigError(f"week {week!r} does not exist: {year} has no ISO week {number}") from exc
    try:
        return monday, monday + timedelta(days=7)
    except OverflowError as exc:
        raise ConfigError(f"week {week!r} is past the last day the calendar can hold") from exc


def week_of(day: date | str) -> str:
    """The ISO week ("YYYY-Www") a day falls in."""
    parsed = parse_day(day) if isinstance(day, str) else day
    if parsed is None:
        raise ConfigError(f"date {day!r} is not a full YYYY-MM-DD day")
    year, number, _ = parsed.isocalendar()
    return f"{year}-W{number:02d}"


def parse_day(text: str | None) -> date | None:
    """A full ``YYYY-MM-DD`` day, or None for year/month-only or malformed dates."""
    if not text or not _DAY.match(text[:10]) or len(text) < 10:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def period_start(text: str | None) -> str | None:
    """The first day a (possibly partial) date can mean: "2024" -> "2024-01-01"."""
    if not text:
        return None
    if re.match(r"^\d{4}$", text):
        return f"{text}-01-01"
    if re.match(r"^\d{4}-\d{2}$", text):
        return f"{text}-01"
    return text[:10]


def period_end(text: str | None) -> str | None:
    """The last day a (possibly partial) date can mean: "2024" -> "2024-12-31"."""
    if not text:
        return None
    if re.match(r"^\d{4}$", text):
        return f"{text}-12-31"
    if re.match(r"^\d{4}-\d{2}$", text):
        year, month = int(text[:4]), int(text[5:7])
        nxt = date(year + month // 12, month % 12 + 1, 1)
        return (nxt - timedelta(days=1)).isoformat()
    return text[:10]


def latest_week_of(dates: Iterable[str | None]) -> str | None:
    """The ISO week of the latest full day among ``dates`` (None when there is none)."""
    days = [d for d in (parse_day(t) for t in dates) if d is not None]
    return week_of(max(days)) if days else None
