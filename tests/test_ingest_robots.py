"""robots.txt: pages linked from feeds are fetched only where the site allows our User-Agent."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from loopback import Loopback, Route, serve
from test_ingest import BODY, of, page, rss, run

from actorgraph.core.errors import ConfigError
from actorgraph.core.records import Article
from actorgraph.core.settings import Settings
from actorgraph.ingest import IngestFailure, IngestWarning

# our own group wins over "*" (RFC 9309): /news/ stays open to us
ROBOTS = (
    b"User-agent: *\nDisallow: /news/\n\n"
    b"User-agent: actorgraph\nDisallow: /private/\nDisallow: /members/\n"
)


def _feed(site: Loopback) -> bytes:
    return rss(
        "Robots Feed",
        [
            {"title": "Open", "link": site.url("/news/open.html"), "description": "Open text."},
            {
                "title": "Private",
                "link": site.url("/private/closed.html"),
                "description": "Battsetseg met Lavrov in Moscow on Monday.",
            },
            {"title": "Members", "link": site.url("/members/only.html")},
        ],
    )


def _routes() -> dict[str, Route]:
    """Three article pages with different texts (the same text twice would be a duplicate)."""
    paths = ("/news/open.html", "/private/closed.html", "/members/only.html")
    return {
        path: Route(page("A page", [*BODY, f"This copy was published at {path}."]).encode())
        for path in paths
    }


@pytest.fixture()
def settings(tmp_path: Path) -> Settings:
    return replace(Settings(), store_path=tmp_path / "s.lbug", http_timeout=2.0)


def test_disallowed_pages_are_not_fetched_and_feed_text_is_used(settings: Settings) -> None:
    with serve(_routes()) as site:
        site.routes["/robots.txt"] = Route(ROBOTS, "text/plain")
        site.routes["/feed.xml"] = Route(_feed(site), "application/rss+xml")
        items = run([site.url("/feed.xml")], settings)
        assert site.hits("/private/closed.html") == 0 and site.hits("/members/only.html") == 0
        assert site.hits("/news/open.html") == 1 and site.hits("/robots.txt") == 1  # once a run
        agents = {h.get("user-agent") for p, h in site.requests if p == "/robots.txt"}
        assert agents == {settings.user_agent}
    open_page, closed = of(items, Article)
    assert open_page.via == "page" and "Ganzorig" in open_page.text
    assert closed.via == "feed" and closed.text == "Battsetseg met Lavrov in Moscow on Monday."
    [warning] = of(items, IngestWarning)
    assert warning.source.endswith("/private/closed.html")
    assert "disallowed by" in warning.reason and "robots.txt" in warning.reason
    [failure] = of(items, IngestFailure)  # no feed text to fall back on
    assert failure.source.endswith("/members/only.html") and "robots.txt" in failure.reason


def test_missing_robots_allows_and_unreachable_robots_disallows(settings: Settings) -> None:
    with serve(_routes()) as site:
        site.routes["/feed.xml"] = Route(_feed(site), "application/rss+xml")
        items = run([site.url("/feed.xml")], settings)  # robots.txt answers 404
        assert [a.via for a in of(items, Article)] == ["page", "page", "page"]
        site.routes["/robots.txt"] = Route(b"down", "text/plain", status=503)
        site.routes["/feed.xml"] = Route(_feed(site), "application/rss+xml")
        items = run([site.url("/feed.xml")], settings)
    assert [a.via for a in of(items, Article)] == ["feed", "feed"]
    assert all("robots.txt unreachable: HTTP 503" in w.reason for w in of(items, IngestWarning))


def test_robots_can_be_ignored_and_named_pages_are_always_fetched(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with serve(_routes()) as site:
        site.routes["/robots.txt"] = Route(ROBOTS, "text/plain")
        site.routes["/feed.xml"] = Route(_feed(site), "application/rss+xml")
        items = run([site.url("/private/closed.html")], settings)  # the user named this page
        assert [a.via for a in of(items, Article)] == ["page"]
        ignoring = replace(settings, respect_robots=False)
        items = run([site.url("/feed.xml")], ignoring)
        assert site.hits("/robots.txt") == 0
    assert [a.via for a in of(items, Article)] == ["page", "page", "page"]
    monkeypatch.setenv("ACTORGRAPH_RESPECT_ROBOTS", "0")
    assert Settings.from_env().respect_robots is False
    monkeypatch.setenv("ACTORGRAPH_RESPECT_ROBOTS", "maybe")
    with pytest.raises(ConfigError, match="ACTORGRAPH_RESPECT_ROBOTS"):
        Settings.from_env()
