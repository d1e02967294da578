"""Build :class:`~actorgraph.core.records.Article` records: canonical URL, id and content hash."""

from __future__ import annotations

from urllib.parse import urlsplit

from actorgraph.core.records import Article, stable_id
from actorgraph.ingest.canonical import canonical_url, content_hash, normalise_text


def host_name(url: str) -> str:
    """The host of a URL without ``www.`` (the outlet of last resort)."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def without_leading_title(text: str, title: str) -> str:
    """The text minus a first paragraph that only repeats the title."""
    head, sep, rest = text.strip().partition("\n")
    if title and sep and normalise_text(head) == normalise_text(title):
        return rest.strip()
    return text.strip()


def make_article(
    *,
    url: str,
    title: str,
    text: str,
    outlet: str,
    published: str | None,
    source: str,
    via: str,
) -> Article:
    """An Article with its canonical URL, stable id and content hash."""
    canon = canonical_url(url)
    body = without_leading_title(text, title)
    return Article(
        id=stable_id(canon),
        url=canon,
        title=title,
        text=body,
        outlet=outlet,
        published=published,
        content_hash=content_hash(body),
        source=source,
        via=via,
    )
