"""The HTML report rendered by a real headless Chromium: no console errors, the trend chart
drawn, the map's place present, nothing fetched from anywhere (the page is self-contained)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import report_relations_fixture as rf
from browser import ARGS, CHROMIUM

from actorgraph.report import weekly_diff
from actorgraph.report.render import render


def _views():
    from report_fixture import views

    return views(rf.DOCS)


def test_html_report_renders_in_chromium(tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip("Debian chromium is not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    from actorgraph.resolve.places import geocode

    events = [v for v in _views() if v.status == "actual"]
    for n, event in enumerate(events):  # the fixture names no places: give some a geocode
        event.geo = geocode(event.place or ("Ulaanbaatar", "Moscow", "Beijing")[n % 3])
    report = weekly_diff(events, "2026-W22", "MNG", generated_at="2026-06-01T00:00:00Z")
    page_file = tmp_path / "w22.html"
    page_file.write_text(render(report, "html"), encoding="utf-8")
    errors: list[str] = []
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_file.as_uri())
            lines = page.locator("#trend-chart polyline.trend")
            countries = sorted(
                lines.nth(i).get_attribute("data-country") for i in range(lines.count())
            )
            box = page.locator("#trend-chart").bounding_box()
            statuses = page.locator("p.rel .status").all_inner_texts()
            assert page.locator("section#map").count() == 1
            spots = page.locator("section#map svg.map .hotspot").count()
            land = page.locator("section#map svg.map path.land").count()
            page.screenshot(path=str(tmp_path / "w22.png"), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert requests == [page_file.as_uri()]  # nothing else fetched, no remote host
    assert countries == sorted(report.trends) and "CHN" in countries
    assert box is not None and box["width"] > 300 and box["height"] > 150
    assert sorted(statuses) == ["continuing", "first", "lapsed", "resumed"]
    assert spots == len(report.hotspots) > 0 and land > 5  # points over inlined outlines
