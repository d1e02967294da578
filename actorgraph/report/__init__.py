"""actorgraph.report: the weekly diff report (Markdown, HTML, JSON) of a focus country."""

from actorgraph.report.build import build_weekly, latest_week
from actorgraph.report.diff import weekly_diff
from actorgraph.report.model import WeeklyReport
from actorgraph.report.render import FORMATS, render
from actorgraph.report.weeks import iso_week_bounds, latest_week_of, week_of

__all__ = [
    "FORMATS",
    "WeeklyReport",
    "build_weekly",
    "iso_week_bounds",
    "latest_week",
    "latest_week_of",
    "render",
    "week_of",
    "weekly_diff",
]
