"""Relationships between the focus country and each counterpart, over weeks (pure, no store).

A relationship is *first* when no actual event before the week ever linked an actor of the focus
country with one of the counterpart, *resumed* when the last one was at least
:data:`SILENCE_WEEKS` weeks before the week, *continuing* otherwise, and *lapsed* when the
counterpart was active in the previous :data:`SILENCE_WEEKS` weeks and is silent this week;
a counterpart asked for by name that is neither is *silent*.
Counts by type are set against the mean per week of the previous :data:`BASELINE_WEEKS` weeks;
the trend is events per week over the last :data:`TREND_WEEKS` weeks (this week last).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from actorgraph.core.records import EventView
from actorgraph.report.weeks import parse_day, period_start, week_of

SILENCE_WEEKS = 4
BASELINE_WEEKS = 12
TREND_WEEKS = 12


def weeks_back(monday: date, n: int) -> list[str]:
    """The ``n`` ISO weeks before the week of ``monday``, oldest first."""
    return [week_of(monday - timedelta(weeks=k)) for k in range(n, 0, -1)]


def weeks_between(earlier: str, monday: date) -> int | None:
    """Whole weeks of silence between the week of ``earlier`` and the week of ``monday``
    (0 for the week just before); None when ``earlier`` is no full day."""
    day = parse_day(period_start(earlier))
    if day is None:
        return None
    then = day - timedelta(days=day.weekday())
    return max((monday - then).days // 7 - 1, 0)


def per_counterpart(
    events: Iterable[EventView], codes_of: Any, weeks: list[str]
) -> dict[str, dict[str, Counter[str]]]:
    """``{ISO3: {week: Counter(type)}}`` of ``events`` dated in ``weeks``; ``codes_of(event)``
    gives the counterpart countries an event links to the focus."""
    wanted = set(weeks)
    out: dict[str, dict[str, Counter[str]]] = {}
    for e in events:
        day = parse_day(e.date)
        if day is None or week_of(day) not in wanted:
            continue
        for code in codes_of(e):
            out.setdefault(code, {}).setdefault(week_of(day), Counter())[e.type] += 1
    return out


def relationship(
    this_week: Counter[str],
    history: dict[str, Counter[str]],
    last_before: str | None,
    monday: date,
) -> dict[str, Any]:
    """The ``relationship`` entry of one counterpart (see the module docstring)."""
    baseline_weeks = weeks_back(monday, BASELINE_WEEKS)
    total: Counter[str] = Counter()
    for week in baseline_weeks:
        total.update(history.get(week, Counter()))
    baseline = {t: round(n / BASELINE_WEEKS, 3) for t, n in sorted(total.items())}
    silent = weeks_between(last_before, monday) if last_before else None
    if sum(this_week.values()):
        if last_before is None:
            status = "first"
        elif silent is not None and silent >= SILENCE_WEEKS:
            status = "resumed"
        else:
            status = "continuing"
    elif recently_active(history, monday):
        status = "lapsed"
    else:
        status = "silent"
    return {
        "status": status,
        "last_before": last_before,
        "weeks_silent": silent,
        "events": dict(sorted(this_week.items())),
        "baseline": baseline,
    }


def recently_active(history: dict[str, Counter[str]], monday: date) -> bool:
    """Whether a counterpart had events in the :data:`SILENCE_WEEKS` weeks before the week."""
    return any(sum(history.get(w, Counter()).values()) for w in weeks_back(monday, SILENCE_WEEKS))


def trend(
    this_week: Counter[str], history: dict[str, Counter[str]], monday: date
) -> list[dict[str, Any]]:
    """Events per week over the last :data:`TREND_WEEKS` weeks, this week last."""
    weeks = weeks_back(monday, TREND_WEEKS - 1)
    out = [{"week": w, "events": sum(history.get(w, Counter()).values())} for w in weeks]
    out.append({"week": week_of(monday), "events": sum(this_week.values())})
    return out
