"""Known canonical URLs and content hashes: what counts as already seen."""

from __future__ import annotations

from collections.abc import Iterable

from actorgraph.core.records import Article
from actorgraph.ingest.canonical import canonical_url


class SeenIndex:
    """Canonical URLs and content hashes already known (from the store, or earlier in the run)."""

    def __init__(self, urls: Iterable[str] = (), hashes: Iterable[str] = ()) -> None:
        self._urls: set[str] = {canonical_url(u) for u in urls if u}
        self._hashes: set[str] = {h for h in hashes if h}

    def seen_url(self, url: str) -> bool:
        """True when the URL's canonical form is known."""
        return canonical_url(url) in self._urls

    def seen(self, article: Article) -> bool:
        """True when the article's URL or its content hash is known."""
        return self.seen_url(article.url) or article.content_hash in self._hashes

    def add(self, article: Article) -> None:
        """Remember the article's URL and content hash."""
        self._urls.add(canonical_url(article.url))
        self._hashes.add(article.content_hash)

    def add_url(self, url: str) -> None:
        """Remember a URL only (e.g. the link an article was reached by)."""
        self._urls.add(canonical_url(url))
