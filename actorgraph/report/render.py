"""One entry point for every report format."""

from __future__ import annotations

from actorgraph.core.errors import ConfigError
from actorgraph.report.html import render_html
from actorgraph.report.json_out import render_json
from actorgraph.report.markdown import render_markdown
from actorgraph.report.model import WeeklyReport

RENDERERS = {"md": render_markdown, "html": render_html, "json": render_json}
FORMATS: tuple[str, ...] = tuple(RENDERERS)


def render(report: WeeklyReport, fmt: str) -> str:
    """The report as ``md``, ``html`` or ``json`` text; ConfigError for any other format."""
    try:
        return RENDERERS[fmt](report)
    except KeyError:
        raise ConfigError(f"report format {fmt!r} is not one of {', '.join(FORMATS)}") from None
