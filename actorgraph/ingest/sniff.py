"""What kind of source a string names, from its scheme and extension, then from its bytes."""

from __future__ import annotations

import re
from pathlib import Path

FEED = "feed"
OPML = "opml"
HTML = "html"
TEXT = "text"
DIRECTORY = "directory"
BINARY = "binary"

FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom", ".rdf"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
TEXT_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
OPML_SUFFIXES = frozenset({".opml"})
ARTICLE_SUFFIXES = HTML_SUFFIXES | TEXT_SUFFIXES

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:rdf|rdf)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(rb"<(!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_BINARY_MAGIC = (b"%pdf", b"pk\x03\x04", b"\x89png", b"gif8", b"\xff\xd8\xff")
_FEED_TYPES = ("rss", "atom", "rdf", "/xml", "+xml")


def is_url(source: str) -> bool:
    """True for http(s) URLs."""
    return source.lower().startswith(("http://", "https://"))


def kind_by_name(name: str) -> str | None:
    """The kind a path or URL path suggests by its extension, or None."""
    suffix = Path(name.split("?", 1)[0].split("#", 1)[0]).suffix.lower()
    if suffix in OPML_SUFFIXES:
        return OPML
    if suffix in FEED_SUFFIXES:
        return FEED
    if suffix in HTML_SUFFIXES:
        return HTML
    if suffix in TEXT_SUFFIXES:
        return TEXT
    return None


def sniff(body: bytes, content_type: str = "", name: str = "") -> str:
    """The kind of a document: its first bytes decide, then the Content-Type, then the name."""
    head = body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    if (b"\x00" in head and not utf16) or head.startswith(_BINARY_MAGIC):
        return BINARY
    if b"<opml" in head[:1024]:
        return OPML
    if _FEED_ROOT.search(head[:2048]):
        return FEED
    if _HTML_ROOT.search(head[:2048]):
        return HTML
    content_type = content_type.lower()
    if any(marker in content_type for marker in _FEED_TYPES) and "html" not in content_type:
        return FEED
    if "html" in content_type:
        return HTML
    by_name = kind_by_name(name) if name else None
    if by_name:
        return by_name
    if head.startswith(b"<?xml"):
        return FEED
    if head.startswith(b"<"):
        return HTML
    return TEXT
