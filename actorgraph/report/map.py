"""The map of hotspots in the HTML report: an inline SVG drawn offline (no tile server, no CDN).

Country outlines are Natural Earth's 1:110m countries as TopoJSON from the ``world-atlas`` package
(vendored in ``core/kb/data/world-atlas/``, ISC licence), decoded here and drawn in an
equirectangular projection around the week's hotspots; each point is sized by its events and
carries its name, event count and sources as a tooltip.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from html import escape
from importlib import resources
from typing import Any

Ring = list[tuple[float, float]]


@lru_cache(maxsize=1)
def country_outlines() -> tuple[tuple[str, tuple[Ring, ...]], ...]:
    """``(name, rings)`` of every country, in longitude/latitude."""
    text = (
        resources.files("actorgraph.core.kb")
        .joinpath("data/world-atlas/countries-110m.json")
        .read_text("utf-8")
    )
    topo = json.loads(text)
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topo["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes: list[int]) -> Ring:
        out: Ring = []
        for i in indexes:
            points = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(points if not out else points[1:])
        return out

    countries = []
    for geometry in topo["objects"]["countries"]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        rings = tuple(ring(r) for polygon in polygons for r in polygon)
        countries.append((str(geometry.get("properties", {}).get("name", "")), rings))
    return tuple(countries)


def _frame(hotspots: Sequence[dict[str, Any]]) -> tuple[float, float, float, float]:
    """Longitude/latitude box around the hotspots: padded, at least 40 x 24 degrees."""
    lngs = [float(h["lng"]) for h in hotspots]
    lats = [float(h["lat"]) for h in hotspots]
    west, east = min(lngs) - 8, max(lngs) + 8
    south, north = min(lats) - 6, max(lats) + 6
    if east - west < 40:
        middle = (east + west) / 2
        west, east = middle - 20, middle + 20
    if north - south < 24:
        middle = (north + south) / 2
        south, north = middle - 12, middle + 12
    return max(west, -180), max(south, -85), min(east, 180), min(north, 85)


def render_map(hotspots: Sequence[dict[str, Any]], width: int = 720) -> str:
    """Inline SVG of the hotspots over country outlines (all text escaped); "" without any."""
    spots = [h for h in hotspots if h.get("lat") is not None and h.get("lng") is not None]
    if not spots:
        return ""
    west, south, east, north = _frame(spots)
    scale = width / (east - west)
    height = round((north - south) * scale)

    def xy(lng: float, lat: float) -> tuple[float, float]:
        return round((lng - west) * scale, 1), round((north - lat) * scale, 1)

    paths = []
    for name, rings in country_outlines():
        d = []
        for r in rings:
            if not any(west - 30 <= x <= east + 30 and south - 30 <= y <= north + 30 for x, y in r):
                continue
            points = [xy(x, y) for x, y in r]
            d.append("M" + "L".join(f"{px},{py}" for px, py in points) + "Z")
        if d:
            paths.append(
                f'<path class="land" d="{"".join(d)}"><title>{escape(name)}</title></path>'
            )
    most = max(int(h.get("events") or 1) for h in spots)
    points = []
    for h in sorted(spots, key=lambda s: -int(s.get("events") or 0)):
        px, py = xy(float(h["lng"]), float(h["lat"]))
        radius = round(4 + 10 * math.sqrt(int(h.get("events") or 1) / most), 1)
        tip = f"{h['name']}: {h.get('events', 0)} events, {len(h.get('sources') or [])} sources"
        points.append(
            f'<g class="hotspot"><circle cx="{px}" cy="{py}" r="{radius}">'
            f"<title>{escape(tip)}</title></circle>"
            f'<text x="{px + radius + 2}" y="{py + 4}">{escape(str(h["name"]))}</text></g>'
        )
    return (
        f'<svg class="map" role="img" aria-label="Map of the week\'s hotspots" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg">'
        f'<rect class="sea" width="{width}" height="{height}"/>'
        + "".join(paths)
        + "".join(points)
        + "</svg>"
    )
