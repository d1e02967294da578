"""The map of hotspots in the HTML report.

PLACEHOLDER for the places/geocoding helper: ``render_map`` returns the inline, offline map
(country outlines and points, no tile server, no CDN) of ``report.hotspots``; until then it
returns "" and the HTML report leaves the ``<section id="map">`` empty.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def render_map(hotspots: Sequence[dict[str, Any]]) -> str:
    """Inline SVG/HTML of the hotspots (escaped); "" until geocoding lands."""
    return ""
