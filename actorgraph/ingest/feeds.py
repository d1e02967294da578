"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds, parsed by feedparser into plain items."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin
from xml.sax import SAXParseException

import feedparser
import lxml.etree

from actorgraph.core.errors import SourceError
from actorgraph.ingest.text import from_struct_time, html_to_text, plain_title


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One feed entry: absolute link (or None), plain title, UTC date, the feed's own text."""

    link: str | None
    title: str
    published: str | None
    text: str
    guid: str


@dataclass(frozen=True, slots=True)
class Feed:
    """A parsed feed: plain title, site link and its items in feed order. ``problem`` says why a
    complete but not well-formed feed was read leniently (e.g. a bare ``&``)."""

    title: str
    link: str
    items: list[FeedItem]
    problem: str | None = None


_CLOSED = re.compile(rb"</(rss|feed|rdf:rdf)>\s*$", re.IGNORECASE)


def _xml_error_line(body: bytes, fallback: int) -> int:
    """The line of the first XML syntax error, as lxml reports it (feedparser's may be off)."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        lxml.etree.fromstring(body, parser=parser)
    except lxml.etree.XMLSyntaxError as exc:
        return exc.lineno or fallback
    return fallback


def _problem(parsed: feedparser.FeedParserDict, body: bytes) -> tuple[str | None, bool]:
    """(problem, fatal): why the document is not a clean feed, and whether that rules it out.

    A feed that is not well-formed but complete (its root element is closed) and has items is
    read leniently; a truncated or non-XML document is not a feed."""
    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if exc is not None and not isinstance(exc, feedparser.ThingsNobodyCaresAboutButMe):
        if isinstance(exc, SAXParseException):
            line = _xml_error_line(body, exc.getLineNumber() or 0)
            reason = f"not well-formed XML (line {line})"
            complete = bool(_CLOSED.search(body[-512:]))
            if complete and parsed.entries and parsed.get("version"):
                return f"{reason}; read leniently", False
            return f"not a feed: {reason}", True
        return f"not a feed: {type(exc).__name__}", True
    if not parsed.get("version") and not parsed.entries:
        return "not a feed: no RSS or Atom channel found", True
    return None, False


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    """The entry's own text: the longest full content, else its summary, HTML stripped."""
    candidates = [c.get("value", "") for c in entry.get("content") or []]
    candidates.append(entry.get("summary", "") or "")
    best = max(candidates, key=len)
    return html_to_text(best)


def _entry_link(entry: feedparser.FeedParserDict, base: str) -> str | None:
    link = (entry.get("link") or "").strip()
    if not link:
        guid = (entry.get("id") or "").strip()
        if guid.startswith(("http://", "https://")) and entry.get("guidislink", True):
            link = guid
    return urljoin(base, link) if link else None


def parse_feed(body: bytes, source: str, headers: dict[str, str] | None = None) -> Feed:
    """Parse feed bytes (charset from the header or the XML prolog); SourceError if not a feed."""
    response_headers = dict(headers or {})
    if source.startswith(("http://", "https://")):
        response_headers.setdefault("content-location", source)
    parsed = feedparser.parse(body, response_headers=response_headers, sanitize_html=True)
    problem, fatal = _problem(parsed, body)
    if fatal:
        raise SourceError(source, problem or "not a feed")
    base = source if source.startswith(("http://", "https://")) else ""
    meta = parsed.feed
    items = [
        FeedItem(
            link=_entry_link(entry, base),
            title=plain_title(entry.get("title")),
            published=from_struct_time(
                entry.get("published_parsed") or entry.get("updated_parsed")
            ),
            text=_entry_text(entry),
            guid=(entry.get("id") or entry.get("link") or entry.get("title") or "").strip(),
        )
        for entry in parsed.entries
    ]
    return Feed(
        title=plain_title(meta.get("title")),
        link=(meta.get("link") or "").strip(),
        items=items,
        problem=problem,
    )
