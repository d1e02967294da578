"""The main text and metadata of an article page (trafilatura), boilerplate left out."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.etree
import lxml.html
import trafilatura

from actorgraph.ingest.text import parse_date, plain_title

# Page furniture removed before extraction (trafilatura drops most of it too; this makes sure).
PRUNE_XPATH = [
    "//nav",
    "//aside",
    "//footer",
    "//body/header",
    "//form",
    "//*[@role='navigation' or @role='banner' or @role='contentinfo' or @role='complementary']",
    "//*[contains(@class, 'cookie') or contains(@id, 'cookie')]",
]
MIN_WORDS = 5

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class Page:
    """What an HTML page yields: main text, title, UTC date, site name, rel=canonical (absolute)."""

    text: str
    title: str
    published: str | None
    site_name: str
    canonical: str | None


def _head_facts(html: str, base_url: str) -> tuple[str | None, str, str | None]:
    """rel=canonical (absolute), og:site_name and a published date from the page's <head>."""
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None, "", None
    canonical = None
    for link in root.iterfind(".//link[@href]"):
        rels = (link.get("rel") or "").lower().split()
        if "canonical" in rels:
            canonical = urljoin(base_url, link.get("href").strip())
            break
    site_name = ""
    published = None
    for meta in root.iterfind(".//meta[@content]"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower()
        if key == "og:site_name" and not site_name:
            site_name = plain_title(meta.get("content"))
        elif (
            key in ("article:published_time", "datepublished", "date", "dc.date") and not published
        ):
            published = parse_date(meta.get("content"))
    return canonical, site_name, published


def _main_text(html: str, url: str | None) -> str:
    text = trafilatura.extract(
        html,
        url=url,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        deduplicate=False,
        prune_xpath=PRUNE_XPATH,
    )
    if not text or len(text.split()) < MIN_WORDS:
        return ""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n\n".join(line for line in lines if line)


def read_page(html: str, url: str | None = None) -> Page:
    """Main text and metadata of an HTML document (``url`` resolves relative links).

    ``text`` is empty when the page has no main text (fewer than ``MIN_WORDS`` words)."""
    text = _main_text(html, url)
    base = url or ""
    canonical, site_name, published = _head_facts(html, base)
    meta = trafilatura.extract_metadata(html, default_url=url)
    title = plain_title(meta.title) if meta and meta.title else ""
    if not site_name and meta and meta.sitename:
        site_name = plain_title(meta.sitename)
    if not published and meta and meta.date:
        published = parse_date(meta.date)
    return Page(
        text=text, title=title, published=published, site_name=site_name, canonical=canonical
    )
