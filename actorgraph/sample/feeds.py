"""Feed documents (RSS 2.0, Atom 1.0, RSS 1.0/RDF) and the OPML list for the sample site."""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

from actorgraph.sample.corpus import Outlet, SampleArticle

CONTENT_TYPES = {
    "rss2": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "rss1": "application/rdf+xml; charset=utf-8",
}
OPML_TYPE = "text/x-opml; charset=utf-8"


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed: an article and the link under which the feed publishes it."""

    article: SampleArticle
    link: str
    guid: str

    @property
    def summary(self) -> str:
        """A short description: the first paragraph, cut at about 40 words."""
        words = self.article.paragraphs[0].split()
        return " ".join(words[:40]) + (" …" if len(words) > 40 else "")


def _iso(article: SampleArticle) -> str:
    return article.published


def _rfc822(article: SampleArticle) -> str:
    return format_datetime(article.published_dt, usegmt=True)


def rss2(outlet: Outlet, site_url: str, items: list[FeedItem]) -> bytes:
    """An RSS 2.0 document."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>',
        f"<title>{escape(outlet.name)}</title>",
        f"<link>{escape(site_url)}/{escape(outlet.key)}/</link>",
        f"<description>{escape(outlet.tagline)}</description>",
        "<language>en</language>",
    ]
    if items:
        parts.append(f"<lastBuildDate>{_rfc822(items[0].article)}</lastBuildDate>")
    for item in items:
        parts += [
            "<item>",
            f"<title>{escape(item.article.title)}</title>",
            f"<link>{escape(item.link)}</link>",
            f'<guid isPermaLink="false">{escape(item.guid)}</guid>',
            f"<pubDate>{_rfc822(item.article)}</pubDate>",
            f"<description>{escape(item.summary)}</description>",
            "</item>",
        ]
    parts.append("</channel></rss>")
    return "\n".join(parts).encode("utf-8")


def atom(outlet: Outlet, site_url: str, items: list[FeedItem]) -> bytes:
    """An Atom 1.0 document."""
    feed_url = f"{site_url}/{outlet.key}/feed.xml"
    updated = _iso(items[0].article) if items else "2026-05-01T00:00:00Z"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"<title>{escape(outlet.name)}</title>",
        f"<subtitle>{escape(outlet.tagline)}</subtitle>",
        f"<id>{escape(feed_url)}</id>",
        f'<link rel="self" href={quoteattr(feed_url)}/>',
        f'<link rel="alternate" href={quoteattr(site_url + "/" + outlet.key + "/")}/>',
        f"<updated>{updated}</updated>",
    ]
    for item in items:
        parts += [
            "<entry>",
            f'<title type="text">{escape(item.article.title)}</title>',
            f'<link rel="alternate" type="text/html" href={quoteattr(item.link)}/>',
            f"<id>{escape(item.guid)}</id>",
            f"<published>{_iso(item.article)}</published>",
            f"<updated>{_iso(item.article)}</updated>",
            f"<author><name>{escape(outlet.name)}</name></author>",
            f'<summary type="text">{escape(item.summary)}</summary>',
            "</entry>",
        ]
    parts.append("</feed>")
    return "\n".join(parts).encode("utf-8")


def rss1(outlet: Outlet, site_url: str, items: list[FeedItem]) -> bytes:
    """An RSS 1.0 (RDF) document with Dublin Core dates."""
    channel_url = f"{site_url}/{outlet.key}/feed.xml"
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'
        ' xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
        f"<channel rdf:about={quoteattr(channel_url)}>",
        f"<title>{escape(outlet.name)}</title>",
        f"<link>{escape(site_url)}/{escape(outlet.key)}/</link>",
        f"<description>{escape(outlet.tagline)}</description>",
        "<items><rdf:Seq>",
    ]
    parts += [f"<rdf:li rdf:resource={quoteattr(item.link)}/>" for item in items]
    parts += ["</rdf:Seq></items>", "</channel>"]
    for item in items:
        parts += [
            f"<item rdf:about={quoteattr(item.link)}>",
            f"<title>{escape(item.article.title)}</title>",
            f"<link>{escape(item.link)}</link>",
            f"<description>{escape(item.summary)}</description>",
            f"<dc:date>{_iso(item.article)}</dc:date>",
            f"<dc:identifier>{escape(item.guid)}</dc:identifier>",
            "</item>",
        ]
    parts.append("</rdf:RDF>")
    return "\n".join(parts).encode("utf-8")


WRITERS = {"rss2": rss2, "atom": atom, "rss1": rss1}


def feed_document(outlet: Outlet, site_url: str, items: list[FeedItem]) -> tuple[bytes, str]:
    """The feed of ``outlet`` in its own format, with its content type."""
    return WRITERS[outlet.format](outlet, site_url, items), CONTENT_TYPES[outlet.format]


def opml(outlets: list[Outlet], site_url: str) -> bytes:
    """An OPML 2.0 list of every feed on the site."""
    parts = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<opml version="2.0"><head><title>Sample Mongolia news feeds</title>'
        "<dateCreated>Sun, 31 May 2026 12:00:00 GMT</dateCreated></head><body>",
    ]
    for outlet in outlets:
        parts.append(
            f'<outline type="rss" text={quoteattr(outlet.name)} title={quoteattr(outlet.name)}'
            f" xmlUrl={quoteattr(f'{site_url}/{outlet.key}/feed.xml')}"
            f" htmlUrl={quoteattr(f'{site_url}/{outlet.key}/')}/>"
        )
    parts.append("</body></opml>")
    return "\n".join(parts).encode("utf-8")
