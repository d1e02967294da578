"""The trend chart: events per counterpart per week as an inline SVG (no scripts, no assets)."""

from __future__ import annotations

from html import escape
from typing import Any

COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")
W, H, PAD = 640, 220, 36


def trend_svg(trends: dict[str, list[dict[str, Any]]], names: dict[str, str]) -> str:
    """One polyline per counterpart over the weeks, with week labels and a legend."""
    if not trends:
        return ""
    weeks = [p["week"] for p in next(iter(trends.values()))]
    top = max([1] + [p["events"] for pts in trends.values() for p in pts])
    step = (W - 2 * PAD) / max(len(weeks) - 1, 1)

    def xy(i: int, n: int) -> str:
        return f"{PAD + i * step:.1f},{H - PAD - (H - 2 * PAD) * n / top:.1f}"

    parts = [
        f'<svg id="trend-chart" role="img" viewBox="0 0 {W} {H + 20 * len(trends)}" '
        f'width="{W}" xmlns="http://www.w3.org/2000/svg">',
        "<title>Events per counterpart per week</title>",
        f'<line x1="{PAD}" y1="{H - PAD}" x2="{W - PAD}" y2="{H - PAD}" stroke="#999"/>',
        f'<line x1="{PAD}" y1="{PAD}" x2="{PAD}" y2="{H - PAD}" stroke="#999"/>',
        f'<text x="4" y="{PAD + 4}" font-size="11">{top}</text>',
        f'<text x="4" y="{H - PAD + 4}" font-size="11">0</text>',
    ]
    for i, week in enumerate(weeks):
        if (len(weeks) - 1 - i) % 2 == 0:
            parts.append(
                f'<text x="{PAD + i * step:.1f}" y="{H - PAD + 16}" font-size="10" '
                f'text-anchor="middle">{escape(week[5:])}</text>'
            )
    for k, (code, points) in enumerate(trends.items()):
        colour = COLOURS[k % len(COLOURS)]
        line = " ".join(xy(i, p["events"]) for i, p in enumerate(points))
        parts.append(
            f'<polyline class="trend" data-country="{escape(code)}" fill="none" '
            f'stroke="{colour}" stroke-width="2" points="{line}"/>'
        )
        label = escape(f"{names.get(code, code)} ({code})")
        y = H + 14 * k + 4
        parts.append(f'<rect x="{PAD}" y="{y - 9}" width="10" height="10" fill="{colour}"/>')
        parts.append(f'<text x="{PAD + 16}" y="{y}" font-size="12">{label}</text>')
    parts.append("</svg>")
    return "".join(parts)
