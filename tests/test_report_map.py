"""The report's offline map: outlines decoded from the vendored TopoJSON, points escaped."""

from __future__ import annotations

from actorgraph.report.map import country_outlines, render_map


def test_outlines_are_decoded_in_longitude_and_latitude() -> None:
    outlines = dict(country_outlines())
    assert len(outlines) > 150
    mongolia = [p for ring in outlines["Mongolia"] for p in ring]
    assert all(87 <= x <= 120 and 41 <= y <= 53 for x, y in mongolia)


def test_map_draws_each_hotspot_and_escapes_names() -> None:
    spots = [
        {"name": "Ulaanbaatar", "lat": 47.9, "lng": 106.9, "events": 4, "sources": ["u"]},
        {"name": "<b>Darkhan</b>", "lat": 49.5, "lng": 105.9, "events": 1, "sources": []},
    ]
    svg = render_map(spots)
    assert svg.count('class="hotspot"') == 2 and 'class="land"' in svg
    assert "<b>" not in svg and "&lt;b&gt;Darkhan&lt;/b&gt;" in svg
    assert render_map([]) == ""
