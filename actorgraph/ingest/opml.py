"""OPML subscription lists: the feed URLs (and nested OPML lists) they name."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.etree

from actorgraph.core.errors import SourceError

_PARSER_OPTIONS = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass(frozen=True, slots=True)
class OpmlList:
    """Feed URLs and nested OPML URLs listed by one OPML document, in document order."""

    feeds: list[str]
    lists: list[str]


def is_opml(body: bytes) -> bool:
    """True when the bytes look like an OPML document."""
    head = body[:2048].lstrip().lower()
    return b"<opml" in head


def parse_opml(body: bytes, source: str) -> OpmlList:
    """Outlines with ``xmlUrl`` are feeds; ``type="include"`` (or a ``url`` ending in .opml)
    outlines are nested lists. Relative URLs resolve against ``source``."""
    parser = lxml.etree.XMLParser(**_PARSER_OPTIONS)
    try:
        root = lxml.etree.fromstring(body, parser=parser)
    except lxml.etree.XMLSyntaxError as exc:
        reason = f"not an OPML list: not well-formed XML (line {exc.lineno})"
        raise SourceError(source, reason) from exc
    if not isinstance(root.tag, str) or root.tag.lower() != "opml":
        raise SourceError(source, "not an OPML list: the root element is not <opml>")
    base = source if "://" in source else ""
    feeds: list[str] = []
    lists: list[str] = []
    for outline in root.iter("outline"):
        xml_url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        url = (outline.get("url") or "").strip()
        kind = (outline.get("type") or "").lower()
        if xml_url:
            feeds.append(urljoin(base, xml_url) if base else xml_url)
        elif url and (kind == "include" or url.lower().endswith(".opml")):
            lists.append(urljoin(base, url) if base else url)
    if not feeds and not lists:
        raise SourceError(source, "OPML list names no feeds")
    return OpmlList(feeds=feeds, lists=lists)
