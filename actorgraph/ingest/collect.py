"""Walk the sources and yield articles as soon as they are ready, with failures, warnings,
duplicates and visited feeds. A bad source never stops the others."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from actorgraph.core.errors import SourceError
from actorgraph.core.records import Article, FeedState, stable_id
from actorgraph.core.settings import Settings
from actorgraph.ingest import sniff
from actorgraph.ingest.articles import host_name, make_article
from actorgraph.ingest.canonical import canonical_url, same_site
from actorgraph.ingest.charset import decode
from actorgraph.ingest.dedupe import SeenIndex
from actorgraph.ingest.feeds import Feed, FeedItem, parse_feed
from actorgraph.ingest.fetch import Response, fetch, host_of
from actorgraph.ingest.files import article_files, read_bytes, read_text_document
from actorgraph.ingest.opml import parse_opml
from actorgraph.ingest.pages import Page, read_page
from actorgraph.ingest.results import Duplicate, FeedVisited, IngestFailure, IngestWarning
from actorgraph.ingest.robots import RobotsRules

Item = Article | Duplicate | IngestFailure | IngestWarning | FeedVisited
StateLookup = Callable[[str], FeedState | None]

MAX_ARTICLE_CHARS = 200_000  # longer texts are cut (with a warning) before extraction
FETCH_WORKERS = 4  # article pages of one feed fetched in parallel
LOOKAHEAD = 8  # feed items whose pages may be in flight or waiting at once


def _no_state(url: str) -> FeedState | None:
    return None


def _local_path(source: str) -> Path:
    if source.lower().startswith("file://"):
        return Path(unquote(urlsplit(source).path))
    return Path(source).expanduser()


class Collector:
    """One pass over a list of sources (see :func:`collect`)."""

    def __init__(self, settings: Settings, seen: SeenIndex, feed_state: StateLookup):
        self.settings = settings
        self.seen = seen
        self.feed_state = feed_state
        self.visited: set[str] = set()
        self.emitted = False  # an article was yielded: pages may be fetched in the background
        self.trusted: set[str] = set()  # hosts the user named: may be on an intranet/loopback
        self.robots = RobotsRules(settings, self.trusted) if settings.respect_robots else None

    def _fetch_linked(self, url: str) -> Response:
        """A page a feed links to, where the site's robots.txt allows it (see ``robots.py``)."""
        if self.robots is not None:
            self.robots.check(url)
        return fetch(url, self.settings, trusted=self.trusted)

    # dispatch ----------------------------------------------------------------
    def source(self, source: str, depth: int = 0) -> Iterator[Item]:
        """Everything one source yields; its failure becomes an IngestFailure."""
        source = source.strip()
        key = canonical_url(source) if sniff.is_url(source) else str(_local_path(source).resolve())
        if key in self.visited:
            return
        self.visited.add(key)
        try:
            if sniff.is_url(source):
                yield from self._url(source, depth)
            elif "://" in source and not source.lower().startswith("file://"):
                scheme = source.split("://", 1)[0]
                raise SourceError(source, f"unsupported URL scheme {scheme!r}")
            else:
                yield from self._local(source, depth)
        except SourceError as exc:
            yield IngestFailure(source, exc.reason)
        except Exception as exc:  # noqa: BLE001 - one bad source never stops the others
            yield IngestFailure(source, f"could not be read ({type(exc).__name__}: {exc})")

    # URLs ----------------------------------------------------------------------
    def _url(self, source: str, depth: int) -> Iterator[Item]:
        canon = canonical_url(source)
        if self.seen.seen_url(canon):
            yield Duplicate(source, canon)
            return
        state = self.feed_state(source)
        if depth == 0:
            self.trusted.add(host_of(source))
        response = fetch(
            source,
            self.settings,
            state.etag if state else None,
            state.modified if state else None,
            trusted=self.trusted,
        )
        if response.status == 304:
            yield FeedVisited(state or FeedState(source), not_modified=True, previous=state)
            return
        kind = sniff.sniff(response.body, response.content_type, urlsplit(source).path)
        if kind == sniff.FEED:
            feed = parse_feed(response.body, response.url, response.headers)
            yield from self._feed(feed, source)
            new_state = FeedState(
                source, response.headers.get("etag"), response.headers.get("last-modified")
            )
            yield FeedVisited(new_state, not_modified=False, previous=state)
        elif kind == sniff.OPML:
            yield from self._opml(response.body, response.url, source, depth)
        else:
            yield from self._page_source(response, source)

    def _page_source(self, response: Response, source: str) -> Iterator[Item]:
        page = self._read_response(response, source)
        if not page.text:
            raise SourceError(source, "no text")
        url = self._preferred_url(page, response.url, source)
        yield from self._emit(
            make_article(
                url=url,
                title=page.title,
                text=page.text,
                outlet=page.site_name or host_name(response.url),
                published=page.published,
                source=source,
                via="page",
            ),
            source,
        )

    def _read_response(self, response: Response, source: str) -> Page:
        """The page in a response: HTML (by content, whatever the label) or plain text."""
        ctype = response.content_type
        kind = sniff.sniff(response.body, ctype)
        plain = kind == sniff.TEXT and ctype in ("", "text/plain")
        if kind != sniff.HTML and not plain:
            raise SourceError(source, f"not an article page ({ctype or 'unknown type'})")
        try:
            if plain:
                document = read_text_document(response.body, source)
                return Page(document.body, document.title, document.published, "", None)
            return read_page(decode(response.body, response.charset), response.url)
        except SourceError:
            raise
        except Exception as exc:  # noqa: BLE001 - a library failing on hostile HTML
            raise SourceError(source, f"could not read the page ({type(exc).__name__})") from exc

    @staticmethod
    def _preferred_url(page: Page, fetched: str, link: str) -> str:
        """rel=canonical when it is on the same site as the page, else the link we followed."""
        if page.canonical and sniff.is_url(page.canonical) and same_site(page.canonical, fetched):
            return page.canonical
        return link

    # feeds ---------------------------------------------------------------------
    def _feed(self, feed: Feed, source: str) -> Iterator[Item]:
        """The feed's items in order; article pages are fetched a few at a time ahead once the
        run's first article is out (before, one at a time here: see :func:`collect`)."""
        outlet = feed.title or host_name(feed.link or source)
        if feed.problem:
            yield IngestWarning(source, feed.problem)
        self.seen.prefetch_urls(  # one store lookup for every link of the feed
            item.link for item in feed.items if item.link and sniff.is_url(item.link)
        )
        pool = ThreadPoolExecutor(max_workers=FETCH_WORKERS, thread_name_prefix="ingest-fetch")
        queued: set[str] = set()
        ahead: deque[tuple[FeedItem, Future[Response] | None]] = deque()
        items = iter(feed.items)

        def ahead_of_time(item: FeedItem) -> Future[Response] | None:
            if not self.emitted or not item.link or not sniff.is_url(item.link):
                return None
            canon = canonical_url(item.link)
            if canon in queued or self.seen.seen_url(canon):
                return None
            queued.add(canon)
            return pool.submit(self._fetch_linked, item.link)

        def refill() -> None:
            for i, (queued_item, future) in enumerate(ahead):
                if future is None:  # queued before the first article was out
                    ahead[i] = (queued_item, ahead_of_time(queued_item))
            while len(ahead) < LOOKAHEAD:
                item = next(items, None)
                if item is None:
                    return
                ahead.append((item, ahead_of_time(item)))

        try:
            refill()
            while ahead:
                item, future = ahead.popleft()
                refill()
                yield from self._feed_item(item, outlet, source, future)
        finally:
            pool.shutdown(wait=False, cancel_futures=True)

    def _feed_item(
        self, item: FeedItem, outlet: str, source: str, future: Future[Response] | None
    ) -> Iterator[Item]:
        if not item.link or not sniff.is_url(item.link):
            yield from self._linkless_item(item, outlet, source)
            return
        canon = canonical_url(item.link)
        if self.seen.seen_url(canon):
            yield Duplicate(source, canon)
            return
        try:
            response = future.result() if future else self._fetch_linked(item.link)
            page = self._read_response(response, item.link)
            if not page.text:
                raise SourceError(item.link, "no text")
            url = self._preferred_url(page, response.url, item.link)
            text, via, title = page.text, "page", item.title or page.title
            published = item.published or page.published
        except SourceError as exc:
            if not item.text:
                yield IngestFailure(item.link, exc.reason)
                return
            yield IngestWarning(item.link, f"{exc.reason}; used the feed's own text")
            url, text, via = item.link, item.text, "feed"
            title, published = item.title, item.published
        article = make_article(
            url=url,
            title=title,
            text=text,
            outlet=outlet,
            published=published,
            source=source,
            via=via,
        )
        yield from self._emit(article, source)
        self.seen.add_url(canon)

    def _linkless_item(self, item: FeedItem, outlet: str, source: str) -> Iterator[Item]:
        if not item.text:
            yield IngestFailure(f"{source} (item {item.title or item.guid!r})", "no text")
            return
        base = source if sniff.is_url(source) else _local_path(source).resolve().as_uri()
        joiner = "&" if "?" in base else "?"
        url = f"{base}{joiner}item={stable_id(item.guid or item.title or item.text[:200])}"
        yield from self._emit(
            make_article(
                url=url,
                title=item.title,
                text=item.text,
                outlet=outlet,
                published=item.published,
                source=source,
                via="feed",
            ),
            source,
        )

    # OPML ----------------------------------------------------------------------
    def _opml(self, body: bytes, base: str, source: str, depth: int) -> Iterator[Item]:
        """Each feed the list names, then each nested list (one level deep). A list fetched from
        the web may only name web addresses, never local files."""
        listing = parse_opml(body, base)
        remote = sniff.is_url(base)
        local_dir = None if remote else _local_path(base).parent

        def place(entry: str) -> str:
            if local_dir is not None and "://" not in entry:
                return str(local_dir / entry)
            return entry

        for entry, nested in [(f, False) for f in listing.feeds] + [
            (n, True) for n in listing.lists
        ]:
            target = place(entry)
            if not remote and sniff.is_url(target):
                self.trusted.add(host_of(target))  # named in the user's own file
            if remote and not sniff.is_url(target):
                yield IngestFailure(
                    target, f"skipped: {source} is on the web and names a local file"
                )
            elif nested and depth >= 1:
                yield IngestFailure(target, "skipped: OPML lists nested more than one level deep")
            else:
                yield from self.source(target, depth + 1)

    # local files ---------------------------------------------------------------
    def _local(self, source: str, depth: int) -> Iterator[Item]:
        path = _local_path(source)
        if path.is_dir():
            children = list(article_files(path, source))
            # one store lookup for the files' own addresses (most files give no other)
            self.seen.prefetch_urls(child.resolve().as_uri() for child in children)
            for child in children:
                yield from self.source(str(child), depth)
            return
        body = read_bytes(path, source, self.settings.max_bytes)
        content = sniff.sniff(body, name=path.name)
        if content == sniff.BINARY:
            raise SourceError(source, "not an article, feed or OPML file (binary content)")
        kind = sniff.kind_by_name(path.name) or content
        if kind == sniff.FEED and content == sniff.OPML:  # an OPML list saved as .xml
            kind = sniff.OPML
        if kind == sniff.OPML:
            yield from self._opml(body, str(path), source, depth)
        elif kind == sniff.FEED:
            feed = parse_feed(body, source)
            for item in feed.items:  # the user's own file: the hosts it links to are named
                if item.link and sniff.is_url(item.link):
                    self.trusted.add(host_of(item.link))
            yield from self._feed(feed, source)
        elif kind == sniff.HTML:
            yield from self._html_file(body, path, source)
        else:
            yield from self._text_file(body, path, source)

    def _html_file(self, body: bytes, path: Path, source: str) -> Iterator[Item]:
        page = read_page(decode(body), None)
        canonical = page.canonical if page.canonical and sniff.is_url(page.canonical) else None
        yield from self._file_article(
            path, source, canonical, page.title, page.text, page.site_name, page.published
        )

    def _text_file(self, body: bytes, path: Path, source: str) -> Iterator[Item]:
        doc = read_text_document(body, source, path.stat().st_mtime)
        if doc.date_warning and doc.body.strip():
            yield IngestWarning(source, doc.date_warning)
        yield from self._file_article(
            path, source, doc.url, doc.title, doc.body, doc.outlet, doc.published
        )

    def _file_article(
        self,
        path: Path,
        source: str,
        url: str | None,
        title: str,
        text: str,
        outlet: str | None,
        published: str | None,
    ) -> Iterator[Item]:
        """An article read from a local file; the path gives what the file does not say (its
        address, title from the file name, outlet from the folder name)."""
        if not text.strip():
            raise SourceError(source, "no text")
        yield from self._emit(
            make_article(
                url=url or path.resolve().as_uri(),
                title=title or path.stem,
                text=text,
                outlet=outlet or path.resolve().parent.name,
                published=published,
                source=source,
                via="file",
            ),
            source,
        )

    # output --------------------------------------------------------------------
    def _emit(self, article: Article, source: str) -> Iterator[Item]:
        if not article.text.strip():
            yield IngestFailure(article.url, "no text")
        elif self.seen.seen(article):
            yield Duplicate(source, article.url)
        else:
            self.seen.add(article)
            self.emitted = True
            if len(article.text) > MAX_ARTICLE_CHARS:  # one huge page must not stall the run
                article = replace(article, text=article.text[:MAX_ARTICLE_CHARS])
                yield IngestWarning(
                    article.url, f"text cut to the first {MAX_ARTICLE_CHARS} characters"
                )
            yield article


def collect(
    sources: Sequence[str],
    settings: Settings,
    seen: SeenIndex,
    feed_state: StateLookup = _no_state,
) -> Iterator[Item]:
    """Yield articles from feeds, OPML lists, pages, files and directories as they are ready,
    plus a Duplicate for each item already seen, an IngestFailure for each source that failed
    (naming it and why), an IngestWarning for each degraded item and a FeedVisited per feed.

    Until the first article is yielded, the pages feeds link to are fetched one at a time in the
    iterating thread; then a few at a time in background threads. So a run with nothing new
    starts no thread, and a caller that starts work at its first article (forks extraction
    workers) does so while no fetch thread runs."""
    collector = Collector(settings, seen, feed_state)
    for source in sources:
        yield from collector.source(source)
