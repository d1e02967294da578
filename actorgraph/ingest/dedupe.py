"""Known canonical URLs and content hashes: what counts as already seen.

The store is asked about each URL or hash when it comes up (an indexed lookup: an article's id is
the stable id of its canonical URL), so starting a run costs nothing however large the store is;
answers are remembered for the run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from actorgraph.core.records import Article, stable_id
from actorgraph.ingest.canonical import canonical_url

Lookup = Callable[[Sequence[str]], set[str]]


def _none_known(keys: Sequence[str]) -> set[str]:
    return set()


class SeenIndex:
    """Canonical URLs and content hashes already known (from the store, or earlier in the run).

    ``urls``/``hashes`` seed the index; ``stored_ids`` answers which article ids (stable ids of
    canonical URLs) are stored, ``stored_hashes`` which content hashes are.
    """

    def __init__(
        self,
        urls: Iterable[str] = (),
        hashes: Iterable[str] = (),
        *,
        stored_ids: Lookup = _none_known,
        stored_hashes: Lookup = _none_known,
    ) -> None:
        self._urls: set[str] = {canonical_url(u) for u in urls if u}
        self._hashes: set[str] = {h for h in hashes if h}
        self._stored_ids = stored_ids
        self._stored_hashes = stored_hashes
        self._absent_urls: set[str] = set()
        self._absent_hashes: set[str] = set()

    def _known_canon(self, canon: str) -> bool:
        if canon in self._urls:
            return True
        if canon in self._absent_urls:
            return False
        if self._stored_ids([stable_id(canon)]):
            self._urls.add(canon)
            return True
        self._absent_urls.add(canon)
        return False

    def _known_hash(self, content_hash: str) -> bool:
        if not content_hash:
            return False
        if content_hash in self._hashes:
            return True
        if content_hash in self._absent_hashes:
            return False
        if self._stored_hashes([content_hash]):
            self._hashes.add(content_hash)
            return True
        self._absent_hashes.add(content_hash)
        return False

    def prefetch_urls(self, urls: Iterable[str]) -> None:
        """Ask the store about many URLs in one lookup (a folder's files, a feed's links), so
        each later ``seen_url`` of them is answered from memory."""
        asked = {canonical_url(u) for u in urls if u} - self._urls - self._absent_urls
        if not asked:
            return
        by_id = {stable_id(canon): canon for canon in asked}
        stored = self._stored_ids(list(by_id))
        for article_id, canon in by_id.items():
            (self._urls if article_id in stored else self._absent_urls).add(canon)

    def seen_url(self, url: str) -> bool:
        """True when the URL's canonical form is known."""
        return self._known_canon(canonical_url(url))

    def seen(self, article: Article) -> bool:
        """True when the article's URL or its content hash is known."""
        return self.seen_url(article.url) or self._known_hash(article.content_hash)

    def add(self, article: Article) -> None:
        """Remember the article's URL and content hash."""
        self._urls.add(canonical_url(article.url))
        self._hashes.add(article.content_hash)

    def add_url(self, url: str) -> None:
        """Remember a URL only (e.g. the link an article was reached by)."""
        self._urls.add(canonical_url(url))
