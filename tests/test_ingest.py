"""Ingest stage: feeds, OPML, pages and files served or read for real (HTTP on 127.0.0.1)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from loopback import Loopback, Route, serve

from actorgraph.core.records import Article, FeedState, stable_id
from actorgraph.core.settings import Settings
from actorgraph.ingest import (
    Duplicate,
    FeedVisited,
    IngestFailure,
    IngestWarning,
    SeenIndex,
    collect,
)
from actorgraph.ingest.canonical import canonical_url, content_hash

BOILERPLATE_WORDS = (
    "Trending",
    "cookies",
    "Related stories",
    "All rights reserved",
    "Advertisement",
    "Staff Reporter",
    "Putin",
    "Kim Jong Un",
    "Newsletter",
    "Home",
)

BODY = [
    "Mongolian Defence Minister D. Ganzorig met Japanese Ambassador Igawahara Masaru in "
    "Ulaanbaatar on Wednesday to discuss engineering cooperation and peacekeeping training.",
    "The two sides agreed to continue the joint road construction course in Hitachinaka, which "
    "began in 2024, and to expand exchanges between their armed forces next year.",
    "Officials said the meeting reflected the growing partnership between the two countries "
    "under the third neighbour policy that Ulaanbaatar has followed for three decades.",
]


def page(
    title: str, paragraphs: list[str], *, canonical: str | None = None, charset: str = "utf-8"
) -> str:
    """An article page wrapped in the boilerplate news sites carry."""
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html><head><meta charset="{charset}">
<title>{title} | Steppe Post</title>
{link}<meta property="og:site_name" content="Steppe Post">
<meta property="article:published_time" content="2026-05-27T09:00:00+08:00">
<script>var tracker = "Vladimir Putin";</script></head><body>
<div class="cookie-banner"><p>We use cookies to show you personalised ads.
Accept all cookies.</p></div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div class="ad-slot">Advertisement</div>
<main><article><h1>{title}</h1><div class="byline">By Staff Reporter | 27 May 2026</div>
{body}</article>
<section class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/x">Putin and Xi pledge new energy deal in Beijing</a></li>
<li><a href="/y">Kim Jong Un oversees missile launch</a></li></ul></section></main>
<aside class="trending"><h2>Trending</h2><ol><li><a href="#">Erdogan to meet Modi at summit</a></li>
</ol></aside><form class="newsletter"><h3>Newsletter</h3><input type="email"></form>
<footer><p>&copy; 2026 Steppe Post. All rights reserved.</p><p><a href="/about">About</a></p>
</footer></body></html>"""


def rss(title: str, items: list[dict[str, str]], encoding: str = "utf-8") -> bytes:
    """An RSS 2.0 document (``items``: title, link, description, pubDate, guid)."""
    parts = []
    for item in items:
        fields = "".join(f"<{k}>{v}</{k}>" for k, v in item.items())
        parts.append(f"<item>{fields}</item>")
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n<rss version="2.0"><channel>'
        f"<title>{title}</title><link>http://example.test/</link>"
        f"<description>news</description>{''.join(parts)}</channel></rss>"
    )
    return text.encode(encoding)


def run(
    sources: list[str],
    settings: Settings,
    seen: SeenIndex | None = None,
    states: dict[str, FeedState] | None = None,
) -> list[object]:
    lookup = (lambda url: states.get(url)) if states is not None else (lambda url: None)
    return list(collect(sources, settings, seen if seen is not None else SeenIndex(), lookup))


def of(items: list[object], kind: type) -> list:
    return [item for item in items if isinstance(item, kind)]


@pytest.fixture(scope="module")
def site() -> Iterator[Loopback]:
    with serve({}) as server:
        yield server


@pytest.fixture()
def fast(tmp_path: Path) -> Settings:
    return replace(Settings(), store_path=tmp_path / "s.lbug", http_timeout=0.6)


# canonical URLs and hashes ------------------------------------------------------------------


def test_canonical_url_drops_tracking_fragment_port_and_orders_query() -> None:
    messy = "HTTPS://News.Example.COM:443/a/story/?utm_source=tw&b=2&fbclid=XYZ&a=1&ref=home#top"
    assert canonical_url(messy) == "https://news.example.com/a/story?a=1&b=2"
    assert canonical_url("http://example.com:8080/x/") == "http://example.com:8080/x"
    assert canonical_url("http://example.com/x?gclid=1&utm_medium=e") == "http://example.com/x"
    assert canonical_url("http://example.com/x?id=7") != canonical_url("http://example.com/x?id=8")


def test_content_hash_ignores_whitespace_and_case_only() -> None:
    assert content_hash("Ganzorig  met\nDONG Jun.") == content_hash(" ganzorig met dong jun. ")
    assert content_hash("Ganzorig met Dong Jun.") != content_hash("Ganzorig met Dong Jun!")


# feeds and pages over HTTP ------------------------------------------------------------------


def test_feed_items_get_main_page_text_without_boilerplate(site: Loopback, fast: Settings) -> None:
    site.routes["/post/a1.html"] = Route(page("Ganzorig meets Japanese envoy", BODY).encode())
    site.routes["/post/feed.xml"] = Route(
        rss(
            "Steppe <b>Post</b>",
            [
                {
                    "title": "Ganzorig meets &lt;em&gt;Japanese&lt;/em&gt; envoy",
                    "link": site.url("/post/a1.html?utm_source=rss&amp;utm_medium=feed"),
                    "description": "Short teaser.",
                    "pubDate": "Wed, 27 May 2026 09:00:00 +0800",
                }
            ],
        ),
        "application/rss+xml",
    )
    items = run([site.url("/post/feed.xml")], fast)
    [article] = of(items, Article)
    assert article.url == site.url("/post/a1.html")
    assert article.id == stable_id(article.url)
    assert article.title == "Ganzorig meets Japanese envoy"
    assert article.outlet == "Steppe Post"
    assert article.published == "2026-05-27T01:00:00Z"
    assert article.via == "page" and article.source == site.url("/post/feed.xml")
    assert article.content_hash == content_hash(article.text)
    assert "Igawahara Masaru" in article.text and "third neighbour policy" in article.text
    for word in BOILERPLATE_WORDS:
        assert word not in article.text, word
    assert not article.text.startswith("Ganzorig meets")  # the headline is not repeated
    [visited] = of(items, FeedVisited)
    assert visited.state.url == site.url("/post/feed.xml") and not visited.not_modified
    agents = {h.get("user-agent") for path, h in site.requests if path.startswith("/post/")}
    assert agents == {fast.user_agent}


def test_atom_and_rss1_feeds_are_read(site: Loopback, fast: Settings, tmp_path: Path) -> None:
    site.routes["/atom/one.html"] = Route(page("Atom story", BODY).encode())
    site.routes["/rdf/one.html"] = Route(page("RDF story", BODY[::-1]).encode())
    atom = tmp_path / "wire.atom"
    atom.write_text(f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title><id>urn:x</id>
<updated>2026-05-28T00:00:00Z</updated><entry>
<title type="html">Atom &lt;i&gt;story&lt;/i&gt;</title>
<link href="{site.url("/atom/one.html")}"/><id>urn:1</id>
<updated>2026-05-28T10:30:00+02:00</updated>
</entry></feed>""")
    rdf = tmp_path / "wire.rdf"
    rdf.write_text(f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="http://x/"><title>RDF Wire</title><link>http://x/</link><description>d</description>
</channel><item rdf:about="{site.url("/rdf/one.html")}"><title>RDF story</title>
<link>{site.url("/rdf/one.html")}</link><dc:date>2026-05-26T08:00:00Z</dc:date></item></rdf:RDF>""")
    articles = of(run([str(atom), str(rdf)], fast), Article)
    assert [(a.title, a.outlet, a.published) for a in articles] == [
        ("Atom story", "Atom Wire", "2026-05-28T08:30:00Z"),
        ("RDF story", "RDF Wire", "2026-05-26T08:00:00Z"),
    ]
    assert all("Ulaanbaatar" in a.text for a in articles)


def test_broken_feeds_fail_by_name_and_good_ones_are_ingested(
    site: Loopback, fast: Settings
) -> None:
    site.routes["/bad/not-xml.xml"] = Route(b"this is not a feed at all", "application/rss+xml")
    site.routes["/bad/truncated.xml"] = Route(
        b"<?xml version='1.0'?>\n<rss version='2.0'><channel>\n<title>x</title><item><ti",
        "application/rss+xml",
    )
    site.routes["/good/a.html"] = Route(page("Good story", BODY).encode())
    site.routes["/good/feed.xml"] = Route(
        rss("Good Feed", [{"title": "Good story", "link": site.url("/good/a.html")}]),
        "application/rss+xml",
    )
    site.routes["/good/b.html"] = Route(page("Bare ampersand", BODY[:2]).encode())
    site.routes["/good/amp.xml"] = Route(
        rss(
            "Amp Feed",
            [  # complete, but a bare & in a link
                {"title": "Bare ampersand", "link": site.url("/good/b.html?x=1&y=2")}
            ],
        ),
        "application/rss+xml",
    )
    bad = [site.url("/bad/not-xml.xml"), site.url("/bad/truncated.xml"), site.url("/bad/gone.xml")]
    items = run(bad + [site.url("/good/feed.xml"), site.url("/good/amp.xml")], fast)
    assert of(items, IngestFailure) == [
        IngestFailure(bad[0], "not a feed: not well-formed XML (line 1)"),
        IngestFailure(bad[1], "not a feed: not well-formed XML (line 3)"),
        IngestFailure(bad[2], "HTTP 404"),
    ]
    assert [a.title for a in of(items, Article)] == ["Good story", "Bare ampersand"]
    assert of(items, IngestWarning) == [
        IngestWarning(site.url("/good/amp.xml"), "not well-formed XML (line 2); read leniently")
    ]


def test_page_timeout_falls_back_to_feed_text_or_fails(site: Loopback, fast: Settings) -> None:
    site.routes["/slow/a.html"] = Route(page("Slow", BODY).encode(), delay=1.5)
    site.routes["/slow/b.html"] = Route(page("Slow too", BODY).encode(), delay=1.5)
    site.routes["/slow/trickle.html"] = Route(stream_bytes=10_000, trickle=0.1)
    site.routes["/slow/feed.xml"] = Route(
        rss(
            "Slow Feed",
            [
                {
                    "title": "Slow",
                    "link": site.url("/slow/a.html"),
                    "description": "&lt;p&gt;Battsetseg met &lt;b&gt;Lavrov&lt;/b&gt; "
                    "in Moscow.&lt;/p&gt;"
                    "&lt;script&gt;steal()&lt;/script&gt;",
                }
            ],
        ),
        "application/rss+xml",
    )
    started = time.monotonic()
    items = run(
        [site.url("/slow/feed.xml"), site.url("/slow/b.html"), site.url("/slow/trickle.html")],
        fast,
    )
    assert time.monotonic() - started < 4.5
    [article] = of(items, Article)
    assert article.via == "feed" and article.text == "Battsetseg met Lavrov in Moscow."
    [warning] = of(items, IngestWarning)
    assert warning.source == site.url("/slow/a.html") and "timed out after 0.6s" in warning.reason
    assert of(items, IngestFailure) == [
        IngestFailure(site.url("/slow/b.html"), "timed out after 0.6s"),
        IngestFailure(site.url("/slow/trickle.html"), "timed out after 0.6s"),  # a byte at a time
    ]


def test_oversized_pages_are_cut_off_at_the_cap(site: Loopback, fast: Settings) -> None:
    big = 50 * 1024 * 1024
    site.routes["/big/streamed.html"] = Route(stream_bytes=big, send_length=False)
    site.routes["/big/declared.html"] = Route(stream_bytes=big)
    settings = replace(fast, max_bytes=200_000, http_timeout=5.0)
    started = time.monotonic()
    items = run([site.url("/big/streamed.html"), site.url("/big/declared.html")], settings)
    assert time.monotonic() - started < 3
    assert of(items, IngestFailure) == [
        IngestFailure(site.url("/big/streamed.html"), "larger than 200000 bytes"),
        IngestFailure(site.url("/big/declared.html"), "larger than 200000 bytes"),
    ]


def test_non_utf8_feed_and_page_are_decoded(site: Loopback, fast: Settings) -> None:
    latin = [
        "Le ministre mongol a rencontré son homologue français à Oulan-Bator, où les deux "
        "délégations ont évoqué la coopération militaire et l'entraînement des casques bleus.",
        "Ils ont signé un accord sur la formation des officiers, selon un communiqué publié "
        "après la réunion au palais d'État, précisant les étapes à venir.",
    ]
    site.routes["/fr/a.html"] = Route(
        page("Réunion à Oulan-Bator", latin).encode("iso-8859-1"), "text/html; charset=ISO-8859-1"
    )
    site.routes["/ru/feed.xml"] = Route(
        rss(
            "Вести Улан-Батора",
            [
                {
                    "title": "Министр обороны Монголии встретился с послом России",
                    "link": site.url("/fr/a.html"),
                }
            ],
            encoding="windows-1251",
        ),
        "application/xml",
    )
    [article] = of(run([site.url("/ru/feed.xml")], fast), Article)
    assert article.outlet == "Вести Улан-Батора"
    assert article.title == "Министр обороны Монголии встретился с послом России"
    assert "homologue français à Oulan-Bator" in article.text
    assert "palais d'État" in article.text
    cyrillic = [
        "Министр иностранных дел Монголии Б. Батцэцэг провела переговоры с министром "
        "иностранных дел России Сергеем Лавровым в Москве в среду.",
        "Стороны обсудили поставки топлива, торговлю и подготовку к визиту председателя "
        "Великого государственного хурала в Москву в конце месяца.",
    ]
    site.routes["/ru/page.html"] = Route(  # declared only in <meta charset>
        page("Переговоры в Москве", cyrillic, charset="windows-1251").encode("cp1251"), "text/html"
    )
    [page_article] = of(run([site.url("/ru/page.html")], fast), Article)
    assert page_article.title == "Переговоры в Москве"
    assert "Сергеем Лавровым в Москве" in page_article.text


def test_article_without_text_fails_and_script_titles_become_plain(
    site: Loopback, fast: Settings
) -> None:
    site.routes["/empty/a.html"] = Route(
        b"<html><head><title>Empty</title></head><body>"
        b"<nav><a href='/'>Home</a></nav></body></html>"
    )
    site.routes["/empty/b.html"] = Route(page("x", BODY).encode())
    site.routes["/empty/feed.xml"] = Route(
        rss(
            "Feed",
            [
                {"title": "Empty", "link": site.url("/empty/a.html")},
                {
                    "title": "<![CDATA[Talks <script>alert('x')</script>"
                    "in <em>Seoul</em> &amp; Tokyo]]>",
                    "link": site.url("/empty/b.html"),
                },
            ],
        ),
        "application/rss+xml",
    )
    items = run([site.url("/empty/feed.xml"), site.url("/empty/a.html")], fast)
    # once as a feed item without text of its own, once as a page source
    assert of(items, IngestFailure) == [IngestFailure(site.url("/empty/a.html"), "no text")] * 2
    [article] = of(items, Article)
    assert article.title == "Talks in Seoul & Tokyo"
    assert "<" not in article.title and "alert" not in article.title


def test_conditional_get_second_visit_yields_no_articles(site: Loopback, fast: Settings) -> None:
    site.routes["/cond/a.html"] = Route(page("Conditional", BODY).encode())
    site.routes["/cond/feed.xml"] = Route(
        rss("Cond", [{"title": "Conditional", "link": site.url("/cond/a.html")}]),
        "application/rss+xml",
        etag='"v1"',
        last_modified="Wed, 27 May 2026 09:00:00 GMT",
    )
    feed = site.url("/cond/feed.xml")
    first = run([feed], fast)
    [visited] = of(first, FeedVisited)
    assert visited.state == FeedState(feed, '"v1"', "Wed, 27 May 2026 09:00:00 GMT")
    assert len(of(first, Article)) == 1
    second = run([feed], fast, states={feed: visited.state})
    assert second == [FeedVisited(visited.state, not_modified=True)]
    _, headers = site.requests[-1]
    assert headers["if-none-match"] == '"v1"'
    assert headers["if-modified-since"] == "Wed, 27 May 2026 09:00:00 GMT"


def test_same_item_in_two_feeds_is_one_article_then_duplicates(
    site: Loopback, fast: Settings
) -> None:
    site.routes["/dup/story.html"] = Route(page("Shared story", BODY).encode())
    site.routes["/dup/copy.html"] = Route(page("Copied story", BODY).encode())
    site.routes["/dup/one.xml"] = Route(
        rss("One", [{"title": "Shared story", "link": site.url("/dup/story.html?utm_campaign=a")}]),
        "application/rss+xml",
    )
    site.routes["/dup/two.xml"] = Route(
        rss(
            "Two",
            [
                {"title": "Shared story", "link": site.url("/dup/story.html/?fbclid=b#x")},
                {"title": "Copied story", "link": site.url("/dup/copy.html")},
            ],
        ),
        "application/rss+xml",
    )
    seen = SeenIndex()
    items = run([site.url("/dup/one.xml"), site.url("/dup/two.xml")], fast, seen)
    assert [a.url for a in of(items, Article)] == [site.url("/dup/story.html")]
    assert of(items, Duplicate) == [
        Duplicate(site.url("/dup/two.xml"), site.url("/dup/story.html")),
        Duplicate(site.url("/dup/two.xml"), site.url("/dup/copy.html")),  # same text
    ]
    assert site.hits("/dup/story.html") == 1
    again = run([site.url("/dup/one.xml")], fast, seen)
    assert of(again, Article) == [] and len(of(again, Duplicate)) == 1
    assert site.hits("/dup/story.html") == 1  # a known URL is not fetched again


def test_known_urls_from_the_store_are_not_fetched(site: Loopback, fast: Settings) -> None:
    site.routes["/known/a.html"] = Route(page("Known", BODY).encode())
    seen = SeenIndex(urls=[site.url("/known/a.html")], hashes=[])
    items = run([site.url("/known/a.html?utm_source=x")], fast, seen)
    assert items == [Duplicate(site.url("/known/a.html?utm_source=x"), site.url("/known/a.html"))]
    assert site.hits("/known/a.html") == 0


def test_page_url_redirect_and_same_site_canonical(site: Loopback, fast: Settings) -> None:
    site.routes["/r/old"] = Route(redirect=site.url("/r/new.html"))
    site.routes["/r/new.html"] = Route(
        page("Moved", BODY, canonical=site.url("/r/canonical.html")).encode()
    )
    site.routes["/r/elsewhere.html"] = Route(
        page("Syndicated", BODY[:2], canonical="https://other.example/story").encode()
    )
    items = run([site.url("/r/old"), site.url("/r/elsewhere.html")], fast)
    first, second = of(items, Article)
    assert first.url == site.url("/r/canonical.html") and first.title == "Moved"
    assert first.outlet == "Steppe Post" and first.published == "2026-05-27T01:00:00Z"
    assert second.url == site.url("/r/elsewhere.html")


def test_sniffing_decides_when_names_and_types_do_not(site: Loopback, fast: Settings) -> None:
    site.routes["/s/feed"] = Route(
        rss(
            "Sniffed",
            [
                {"title": "Sniffed story", "link": site.url("/s/page")},
                {"title": "A PDF", "link": site.url("/s/report")},
            ],
        ),
        "text/html",
    )
    site.routes["/s/page"] = Route(page("Sniffed story", BODY).encode(), "application/octet-stream")
    site.routes["/s/report"] = Route(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "application/pdf")
    items = run([site.url("/s/feed")], fast)
    assert of(items, FeedVisited)  # read as a feed despite text/html
    assert [a.title for a in of(items, Article)] == ["Sniffed story"]  # HTML despite the label
    assert of(items, IngestFailure) == [
        IngestFailure(site.url("/s/report"), "not an article page (application/pdf)")
    ]


# OPML ------------------------------------------------------------------------------------


def test_opml_file_and_url_list_feeds(site: Loopback, fast: Settings, tmp_path: Path) -> None:
    site.routes["/o/a.html"] = Route(page("OPML story A", BODY).encode())
    site.routes["/o/b.html"] = Route(page("OPML story B", BODY[1:]).encode())
    site.routes["/o/feed-a.xml"] = Route(
        rss("Feed A", [{"title": "OPML story A", "link": site.url("/o/a.html")}]),
        "application/rss+xml",
    )
    site.routes["/o/feed-b.xml"] = Route(
        rss("Feed B", [{"title": "OPML story B", "link": site.url("/o/b.html")}]),
        "application/rss+xml",
    )
    site.routes["/o/more.opml"] = Route(
        b'<?xml version="1.0"?><opml version="2.0"><head><title>m</title></head><body>'
        b'<outline text="B" type="rss" xmlUrl="feed-b.xml"/></body></opml>',
        "text/x-opml",
    )
    (tmp_path / "local.xml").write_text(
        rss(
            "Local Feed",
            [
                {
                    "title": "Local item",
                    "description": "Tsogtjargal met Tokel at the EFES exercise.",
                    "guid": "local-1",
                }
            ],
        ).decode()
    )
    listing = tmp_path / "subs.opml"
    listing.write_text(f"""<?xml version="1.0"?><opml version="2.0"><head><title>s</title></head>
<body><outline text="News"><outline text="A" type="rss" xmlUrl="{site.url("/o/feed-a.xml")}"/>
<outline text="Local" type="rss" xmlUrl="local.xml"/>
<outline text="Broken" type="rss" xmlUrl="{site.url("/o/missing.xml")}"/></outline>
<outline text="More" type="include" url="{site.url("/o/more.opml")}"/></body></opml>""")
    items = run([str(listing)], fast)
    titles = [a.title for a in of(items, Article)]
    assert titles == ["OPML story A", "Local item", "OPML story B"]
    assert of(items, IngestFailure) == [IngestFailure(site.url("/o/missing.xml"), "HTTP 404")]
    assert {v.state.url for v in of(items, FeedVisited)} == {
        site.url("/o/feed-a.xml"),
        site.url("/o/feed-b.xml"),
    }
    local = of(items, Article)[1]
    assert local.via == "feed" and local.outlet == "Local Feed"


def test_web_opml_cannot_name_local_files_or_nest_deeply(
    site: Loopback, fast: Settings, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("Title\n\nPrivate notes that must not be read from a web list.\n")
    site.routes["/w/list.opml"] = Route(
        f'<opml version="2.0"><body><outline type="rss" xmlUrl="{secret.as_uri()}"/>'
        '<outline type="include" url="level2.opml"/></body></opml>'.encode(),
        "text/x-opml",
    )
    site.routes["/w/level2.opml"] = Route(
        b'<opml version="2.0"><body><outline type="include" url="level3.opml"/></body></opml>',
        "text/x-opml",
    )
    items = run([site.url("/w/list.opml")], fast)
    assert [(f.source, f.reason.split(":")[0]) for f in items] == [
        (secret.as_uri(), "skipped"),
        (site.url("/w/level3.opml"), "skipped"),
    ]
    assert "names a local file" in items[0].reason and "one level deep" in items[1].reason
    assert site.hits("/w/level2.opml") == 1 and site.hits("/w/level3.opml") == 0


def test_bad_opml_is_reported(fast: Settings, tmp_path: Path) -> None:
    broken = tmp_path / "broken.opml"
    broken.write_text("<?xml version='1.0'?>\n<opml><body><outline xmlUrl='x'")
    empty = tmp_path / "empty.opml"
    empty.write_text("<opml version='2.0'><body><outline text='nothing'/></body></opml>")
    items = run([str(broken), str(empty)], fast)
    assert items == [
        IngestFailure(str(broken), "not an OPML list: not well-formed XML (line 2)"),
        IngestFailure(str(empty), "OPML list names no feeds"),
    ]


# local files -------------------------------------------------------------------------------


def test_front_matter_files_and_directories(fast: Settings, tmp_path: Path) -> None:
    corpus = tmp_path / "gobi-wire"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "b.md").write_text(
        '---\ntitle: "Uchral meets <b>Volodin</b>"\ndate: 2026-05-26\n'
        "url: https://gobi.example/uchral?utm_source=x\noutlet: Gobi Wire\n---\n"
        "# A heading\n\nSpeaker N. Uchral met Vyacheslav Volodin in Moscow.\n"
    )
    (corpus / "a.txt").write_text("Plain title line\n\nBattsetseg received Evsikov on Tuesday.\n")
    (corpus / "sub" / "c.html").write_text(page("Page file", BODY))
    (corpus / "notes.csv").write_text("not,an,article\n")
    (corpus / ".hidden.md").write_text("secret")
    items = run([str(corpus)], fast)
    assert not of(items, IngestFailure)
    a, b, c = of(items, Article)
    assert (a.title, a.outlet, a.via) == ("Plain title line", "gobi-wire", "file")
    # no date in front matter or text: the file's modification time, with a warning naming it
    assert a.published is not None
    assert any("a.txt" in w.reason for w in of(items, IngestWarning))
    assert a.url == (corpus / "a.txt").resolve().as_uri() and a.source == str(corpus / "a.txt")
    assert a.text == "Battsetseg received Evsikov on Tuesday."
    assert (b.title, b.outlet, b.published) == (
        "Uchral meets Volodin",
        "Gobi Wire",
        "2026-05-26T00:00:00Z",
    )
    assert b.url == "https://gobi.example/uchral"
    assert b.text == "A heading\n\nSpeaker N. Uchral met Vyacheslav Volodin in Moscow."
    assert c.title == "Page file" and "Trending" not in c.text and "Ganzorig" in c.text


def test_bad_files_are_reported(fast: Settings, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    (tmp_path / "blank.md").write_text("---\ntitle: Nothing here\n---\n\n")
    (tmp_path / "baddate.md").write_text("---\ndate: someday\n---\nText.\n")
    (tmp_path / "scan.txt").write_bytes(b"%PDF-1.7\n\x00\x01binary")
    sources = [
        str(tmp_path / "missing.md"),
        str(tmp_path / "empty"),
        str(tmp_path / "blank.md"),
        str(tmp_path / "baddate.md"),
        str(tmp_path / "scan.txt"),
        "ftp://example.com/feed.xml",
    ]
    failures = run(sources, fast)
    assert [f.source for f in failures] == sources
    reasons = [f.reason for f in failures]
    assert reasons[0] == "no such file or directory"
    assert reasons[1].startswith("directory holds no article files")
    assert reasons[2] == "no text"
    assert reasons[3] == "front matter date 'someday' is not a date"
    assert reasons[4] == "not an article, feed or OPML file (binary content)"
    assert reasons[5] == "unsupported URL scheme 'ftp'"


def test_same_text_in_two_files_is_a_duplicate(fast: Settings, tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Title\n\nGanzorig met Dong Jun in Bishkek.\n")
    (tmp_path / "two.txt").write_text("Other title\n\nGANZORIG met   Dong Jun in Bishkek.\n")
    items = run([str(tmp_path / "one.txt"), str(tmp_path / "two.txt")], fast)
    assert len(of(items, Article)) == 1
    assert of(items, Duplicate) == [
        Duplicate(str(tmp_path / "two.txt"), (tmp_path / "two.txt").resolve().as_uri())
    ]


def test_gzip_pages_are_inflated_and_articles_stream_out(site: Loopback, fast: Settings) -> None:
    import gzip

    html = page("Compressed", BODY).encode()
    site.routes["/z/a.html"] = Route(gzip.compress(html), headers={"Content-Encoding": "gzip"})
    site.routes["/z/b.html"] = Route(page("Later", BODY[:1] + BODY[2:]).encode())
    stream = collect([site.url("/z/a.html"), site.url("/z/b.html")], fast, SeenIndex())
    first = next(stream)
    assert isinstance(first, Article) and first.title == "Compressed"
    assert "Igawahara Masaru" in first.text
    assert site.hits("/z/b.html") == 0  # yielded before the next source was touched
    assert [a.title for a in stream] == ["Later"]
