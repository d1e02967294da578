"""End to end in a real headless Chromium (Debian's, through Playwright): the demo store served
by the real app on 127.0.0.1; search, actor page, event to article, network expansion, a saved
query's CSV, a merge in the review seen in the store; no request leaves 127.0.0.1 and no page
logs a console error. Screenshots go to docs/."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.browser import ARGS, CHROMIUM
from tests.web_helpers import copy_store, running, settings_for

DOCS = Path(__file__).parents[1] / "docs"

# Label boxes as vis-network drew them (canvas coordinates), and the pairs that overlap.
LABEL_OVERLAPS = """() => {
  const body = window.actorgraphNetwork.network.body;
  const boxes = [];
  for (const id of body.nodeIndices) {
    const s = body.nodes[id].labelModule.size;
    if (s.width > 0) { boxes.push([id, s.left, s.top, s.left + s.width, s.top + s.height]); }
  }
  const out = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i], b = boxes[j];
      if (a[1] < b[3] && b[1] < a[3] && a[2] < b[4] && b[2] < a[4]) { out.push([a[0], b[0]]); }
    }
  }
  return [boxes.length, out];
}"""

pytestmark = pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="needs Debian's chromium")


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> Iterator[tuple[str, object]]:
    from actorgraph.graph import open_store
    from actorgraph.web.app import create_app
    from actorgraph.web.state import WebConfig

    directory = tmp_path_factory.mktemp("web-e2e")
    settings = settings_for(copy_store(directory))
    with open_store(settings) as store:
        app = create_app(
            store, settings, WebConfig(data_dir=directory / "web", who="e2e", background_wait=120.0)
        )
        with running(app) as base:
            yield base, app


@pytest.fixture(scope="module")
def browser_page(served):
    from playwright.sync_api import sync_playwright

    base, _ = served
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        context = browser.new_context(
            viewport={"width": 1400, "height": 950}, accept_downloads=True
        )
        page = context.new_page()
        page.problems = []  # type: ignore[attr-defined]
        page.hosts = set()  # type: ignore[attr-defined]
        page.on(
            "console",
            lambda m: m.type == "error" and page.problems.append(f"console: {m.text}"),
        )
        page.on("pageerror", lambda e: page.problems.append(f"page error: {e}"))
        page.on("request", lambda r: page.hosts.add(urlparse(r.url).hostname or r.url[:5]))
        yield page
        context.close()
        browser.close()


def test_search_actor_event_article(served, browser_page) -> None:
    base, _ = served
    page = browser_page
    page.goto(base + "/")
    assert "Week" in page.locator("h1").first.inner_text()
    page.fill("nav input[name=q]", "Battsetseg")
    page.press("nav input[name=q]", "Enter")
    page.wait_for_url("**/search?q=Battsetseg*")
    page.locator("ol.hits a.actor").first.click()
    page.wait_for_url("**/actor/person:battsetseg")
    assert page.locator("h1").inner_text() == "Battsetseg"
    assert page.locator(".timeline li.event").count() >= 3
    page.wait_for_selector("#ego[data-loaded]")
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS / "web-actor.png"), full_page=False)
    sentence = page.locator(".timeline blockquote").first
    quoted = sentence.inner_text().split(" —")[0].strip()
    sentence.locator("cite a").click()
    page.wait_for_url("**/article/**")
    mark = page.locator("mark.focus")
    assert mark.count() == 1
    assert mark.inner_text().strip()[:40] == quoted[:40]
    page.locator(".timeline .event-link").first.click()
    page.wait_for_url("**/event/**")
    assert page.locator("a.source").count() >= 1


def test_network_expand(served, browser_page) -> None:
    base, _ = served
    page = browser_page
    page.goto(base + "/network?week=2026-W22")
    page.wait_for_selector("#net[data-loaded]")
    before = int(page.get_attribute("#net", "data-loaded") or 0)
    assert before > 5
    page.wait_for_timeout(300)
    overlapping = page.evaluate(LABEL_OVERLAPS)
    assert overlapping[0] == before
    assert overlapping[1] == []
    page.mouse.click(*_at(page, "state:mng"))
    page.wait_for_selector("#side blockquote")
    page.screenshot(path=str(DOCS / "web-network.png"), full_page=False)
    # Battsetseg has one partner this week and many in her whole timeline
    point = page.evaluate(
        """() => { const g = window.actorgraphNetwork; const id = 'person:battsetseg';
                   const p = g.network.getPositions([id])[id];
                   const d = g.network.canvasToDOM(p);
                   const r = document.getElementById('net').getBoundingClientRect();
                   return {x: r.left + d.x, y: r.top + d.y}; }"""
    )
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#side h2 a")
    assert page.locator("#side h2").inner_text() == "Battsetseg"
    page.mouse.dblclick(point["x"], point["y"])
    page.wait_for_selector("#net[data-expanded='person:battsetseg']")
    after = int(page.get_attribute("#net", "data-loaded") or 0)
    assert after > before


def _at(page, node: str) -> tuple[float, float]:  # noqa: ANN001 - a Playwright page
    """Where a node of the explorer is on the screen."""
    point = page.evaluate(
        """(id) => { const g = window.actorgraphNetwork;
                   const d = g.network.canvasToDOM(g.network.getPositions([id])[id]);
                   const r = document.getElementById('net').getBoundingClientRect();
                   return [r.left + d.x, r.top + d.y]; }""",
        node,
    )
    return point[0], point[1]


def test_saved_query_csv(served, browser_page) -> None:
    base, _ = served
    page = browser_page
    page.goto(base + "/queries")
    page.locator("a", has_text="actor_timeline").click()
    page.fill("input[name=actor]", "B. Battsetseg")
    page.locator("button", has_text="Run").click()
    page.wait_for_selector("table.results")
    shown = page.locator("table.results tbody tr").count()
    assert shown >= 3
    with page.expect_download() as info:
        page.locator("#csv").click()
    text = Path(info.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == shown
    assert info.value.suggested_filename == "actor_timeline.csv"


def test_review_merge_reaches_the_store(served, browser_page) -> None:
    base, app = served
    page = browser_page
    page.goto(base + "/review")
    pairs = page.locator("section.pair")
    assert pairs.count() >= 2
    store = app.state.web.store
    target = None
    for i in range(pairs.count()):
        section = pairs.nth(i)
        a, b = section.get_attribute("data-a"), section.get_attribute("data-b")
        if store.actor(b) is not None and store.actor(b).type == store.actor(a).type:
            target = (i, a, b)
            break
    assert target is not None
    i, a, b = target
    assert store.merged_into().get(b) != a
    pairs.nth(i).locator("form.decide input[name=why]").fill("same person, browser test")
    pairs.nth(i).locator("button.same").click()
    page.wait_for_url("**/review?done=*")
    assert store.merged_into().get(b) == a
    last = store.judgements()[-1]
    assert (last.a, last.b, last.verdict, last.who, last.why) == (
        a,
        b,
        "same",
        "e2e",
        "same person, browser test",
    )


def test_no_outside_requests_and_no_console_errors(served, browser_page) -> None:
    base, _ = served
    page = browser_page
    for path in ("/watchlist", "/cypher?q=MATCH+(a:Actor)+RETURN+a.name+LIMIT+2", "/week/2026-W21"):
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
    assert page.hosts <= {"127.0.0.1", "data:"}, page.hosts
    assert page.problems == []
