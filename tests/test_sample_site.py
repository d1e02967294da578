"""The shipped sample corpus, the local site that serves it, and the gold set's consistency."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import feedparser
import pytest

from actorgraph.core.errors import SourceError
from actorgraph.core.records import ACTOR_TYPES, EVENT_TYPES, ROLES, STATUSES
from actorgraph.sample.corpus import load_outlets, parse_article
from actorgraph.sample.site import build_site, load_articles, serve_site

GOLD_DIR = Path(__file__).parent / "data" / "gold"
FEED_VERSIONS = {"rss2": "rss20", "atom": "atom10", "rss1": "rss10"}


def fetch(url: str, headers: dict[str, str] | None = None) -> tuple[int, bytes, dict[str, str]]:
    """GET ``url``; returns status, body and headers (also for HTTP errors and 304)."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as err:
        return err.code, err.read(), dict(err.headers)


@pytest.fixture(scope="module")
def site():
    with serve_site() as base_url:
        yield base_url


@pytest.fixture(scope="module")
def articles():
    return load_articles()


def test_corpus_spans_three_weeks_with_most_in_the_latest(articles):
    weeks = Counter(article.iso_week for article in articles)
    assert len(articles) >= 30
    assert len({a.id for a in articles}) == len(articles)
    assert {"2026-W20", "2026-W21", "2026-W22"} <= set(weeks)
    assert max(weeks, key=weeks.get) == "2026-W22"
    outlets = {outlet.key for outlet in load_outlets()}
    for article in articles:
        words = len(article.body.split())
        assert 120 <= words <= 300, (article.id, words)
        assert article.outlet in outlets
        assert all(key in outlets for key in article.also_in)


def test_bad_article_source_gives_clear_error():
    with pytest.raises(SourceError, match="broken.md"):
        parse_article("no front matter here", "broken.md")
    with pytest.raises(SourceError, match="lacks slug"):
        parse_article(
            "---\nid: x\noutlet: o\ntitle: t\npublished: 2026-05-01T00:00:00Z\n---\nText", "x.md"
        )


def test_every_feed_parses_in_its_format_with_all_items(site, articles):
    for outlet in load_outlets():
        status, body, headers = fetch(f"{site}/{outlet.key}/feed.xml")
        assert status == 200
        parsed = feedparser.parse(body)
        assert not parsed.bozo, (outlet.key, parsed.get("bozo_exception"))
        assert parsed.version == FEED_VERSIONS[outlet.format]
        expected = [a for a in articles if a.outlet == outlet.key or outlet.key in a.also_in]
        assert len(parsed.entries) == len(expected) > 0
        dates = [entry.get("published_parsed") or entry.updated_parsed for entry in parsed.entries]
        assert dates == sorted(dates, reverse=True)
        for entry in parsed.entries:
            assert entry.link.startswith(site + "/")
            assert entry.title and entry.get("summary") and entry.get("id")


def test_article_pages_carry_boilerplate_and_canonical_link(site, articles):
    article = articles[0]
    status, body, _ = fetch(site + article.path)
    html = body.decode("utf-8")
    assert status == 200
    assert f'<link rel="canonical" href="{site}{article.path}">' in html
    assert f'<meta property="article:published_time" content="{article.published}">' in html
    for boilerplate in (
        "cookie-banner",
        "Trending",
        "Xi Jinping",
        "Kim Jong Un",
        "Related stories",
        "newsletter-signup",
        "© 2026",
        "Photo:",
        "By <span",
    ):
        assert boilerplate in html
    inside = re.search(r"<article>(.*)</article>", html, re.S).group(1)
    paragraphs = re.findall(r"<p>(.*?)</p>", inside, re.S)
    assert len(paragraphs) == len(article.paragraphs)
    assert "Trending" not in inside and "Xi Jinping" not in inside


def test_html_in_titles_is_escaped_in_feeds_and_pages(site, articles):
    tricky = [a for a in articles if "<" in a.title]
    assert len(tricky) >= 2
    for article in tricky:
        _, raw, _ = fetch(f"{site}/{article.outlet}/feed.xml")
        assert b"<script>" not in raw and b"<em>" not in raw
        root = ET.fromstring(raw)
        titles = [el.text for el in root.iter() if el.tag.rsplit("}", 1)[-1] == "title"]
        assert article.title in titles
        _, page, _ = fetch(site + article.path)
        assert b"<script>alert" not in page and b"<em>deepen" not in page


def test_conditional_get_returns_304(site, articles):
    url = site + articles[0].path
    status, _, headers = fetch(url)
    assert status == 200 and headers["ETag"] and headers["Last-Modified"]
    assert fetch(url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(url, {"If-None-Match": '"other"'})[0] == 200
    assert fetch(url, {"If-Modified-Since": "Mon, 01 Jan 2024 00:00:00 GMT"})[0] == 200
    feed_status, _, feed_headers = fetch(f"{site}/gobi-wire/feed.xml")
    assert fetch(f"{site}/gobi-wire/feed.xml", {"If-None-Match": feed_headers["ETag"]})[0] == 304


def test_unknown_path_is_404(site):
    assert fetch(f"{site}/no-such-outlet/feed.xml")[0] == 404


def test_opml_lists_every_feed(site):
    _, body, headers = fetch(f"{site}/feeds.opml")
    assert "opml" in headers["Content-Type"]
    root = ET.fromstring(body)
    assert root.get("version") == "2.0"
    urls = [outline.get("xmlUrl") for outline in root.iter("outline")]
    assert urls == [f"{site}/{outlet.key}/feed.xml" for outlet in load_outlets()]
    assert all(fetch(url)[0] == 200 for url in urls)


def test_digest_republishes_items_with_tracking_links(site, articles):
    parsed = feedparser.parse(fetch(f"{site}/digest/feed.xml")[1])
    republished = {a.id: a for a in articles if "digest" in a.also_in}
    assert len(parsed.entries) == len(republished) >= 1
    for entry in parsed.entries:
        assert "?utm_source=" in entry.link
        clean = entry.link.split("?", 1)[0]
        status, page, _ = fetch(entry.link)
        assert status == 200
        assert page == fetch(clean)[1]
        assert f'<link rel="canonical" href="{clean}">'.encode() in page


def test_extra_pages_override_and_carry_status():
    extra = {
        "/broken/feed.xml": (b"<rss><channel><item>", "application/rss+xml", 200),
        "/gone/feed.xml": (b"gone", "text/plain", 500),
    }
    with serve_site(extra) as base_url:
        assert fetch(f"{base_url}/broken/feed.xml")[1].startswith(b"<rss>")
        assert fetch(f"{base_url}/gone/feed.xml")[0] == 500
        assert fetch(f"{base_url}/steppe-herald/feed.xml")[0] == 200
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{base_url}/steppe-herald/feed.xml", timeout=2)


def test_build_site_is_deterministic_and_typed():
    first, second = build_site("http://example.test"), build_site("http://example.test/")
    assert first == second
    assert first["/gobi-wire/feed.xml"][1].startswith("application/atom+xml")
    assert first["/orkhon-monitor/feed.xml"][1].startswith("application/rdf+xml")


def _gold_records() -> list[dict]:
    return [
        json.loads(p.read_text(encoding="utf-8"))
        for p in sorted(GOLD_DIR.glob("*.json"))
        if p.name != "resolution.json"
    ]


def test_sample_gold_text_matches_the_corpus_byte_for_byte(articles):
    gold = {record["id"]: record for record in _gold_records()}
    for article in articles:
        record = gold[article.id]
        assert record["text"] == "\n\n".join(article.paragraphs)
        assert record["published"] == article.published and record["title"] == article.title
    assert sum(1 for key in gold if key.startswith("g")) >= 10


def test_gold_records_are_well_formed():
    for record in _gold_records():
        names = [actor["name"] for actor in record["actors"]]
        assert len(names) == len(set(names)), record["id"]
        for actor in record["actors"]:
            assert actor["type"] in ACTOR_TYPES
            surfaces = [actor["name"], *actor["aliases"]]
            assert any(s in record["text"] for s in surfaces), (record["id"], actor["name"])
        for event in record["events"]:
            assert event["type"] in EVENT_TYPES and event["status"] in STATUSES
            assert event["date"] is None or re.fullmatch(r"\d{4}(-\d\d){0,2}", event["date"])
            participants = {p["name"] for p in event["participants"]}
            assert len(participants) >= 2 and participants <= set(names), record["id"]
            assert all(p["role"] in ROLES for p in event["participants"])


def test_resolution_file_has_clusters_and_distinct_pairs():
    data = json.loads((GOLD_DIR / "resolution.json").read_text(encoding="utf-8"))
    assert len(data["clusters"]) >= 25 and len(data["distinct"]) >= 25
    clustered = {}
    for cluster in data["clusters"]:
        assert cluster["type"] in ACTOR_TYPES and len(cluster["names"]) >= 2
        for name in cluster["names"]:
            clustered.setdefault(name, set()).add(id(cluster))
    for pair in data["distinct"]:
        a, b = pair["names"]
        assert a != b
        assert not (clustered.get(a, set()) & clustered.get(b, set())), pair
