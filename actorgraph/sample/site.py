"""A local "web site" that serves the sample corpus (feeds, article pages, OPML) on 127.0.0.1.

``build_site(base_url)`` returns every document; ``serve_site()`` serves them (plus any extra test
pages) with ETag / Last-Modified support; ``python -m actorgraph.sample.site`` runs it until Ctrl-C.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from actorgraph.sample.corpus import SampleArticle, load_articles, load_outlets
from actorgraph.sample.feeds import OPML_TYPE, FeedItem, feed_document, opml
from actorgraph.sample.pages import HTML_TYPE, article_page, outlet_index

__all__ = ["SampleArticle", "build_site", "load_articles", "serve_site", "site_last_modified"]

Page = tuple[bytes, str]
SITE_EPOCH = datetime(2026, 5, 31, 12, 0, tzinfo=UTC)


def _items_for(key: str, articles: list[SampleArticle], base_url: str) -> list[FeedItem]:
    """Feed items of one outlet or digest, newest first."""
    items = []
    for article in articles:
        link = base_url + article.path
        if article.outlet == key:
            items.append(FeedItem(article, link, f"{key}:{article.id}"))
        elif key in article.also_in:
            tracked = link + article.canonical_query
            items.append(FeedItem(article, tracked, tracked))
    return sorted(items, key=lambda item: item.article.published, reverse=True)


def build_site(base_url: str) -> dict[str, Page]:
    """Every document of the site: path -> (body, content type)."""
    base_url = base_url.rstrip("/")
    articles = load_articles()
    outlets = load_outlets()
    site: dict[str, Page] = {"/feeds.opml": (opml(outlets, base_url), OPML_TYPE)}
    for outlet in outlets:
        items = _items_for(outlet.key, articles, base_url)
        site[f"/{outlet.key}/feed.xml"] = feed_document(outlet, base_url, items)
        own = [item.article for item in items if item.article.outlet == outlet.key]
        site[f"/{outlet.key}/"] = (outlet_index(outlet, own, base_url), HTML_TYPE)
    by_key = {outlet.key: outlet for outlet in outlets}
    for article in articles:
        page = article_page(article, by_key[article.outlet], articles, base_url)
        site[article.path] = (page, HTML_TYPE)
    return site


def site_last_modified() -> dict[str, datetime]:
    """Last-Modified time of each site path (article pages: publication; feeds: newest item)."""
    articles = load_articles()
    stamps: dict[str, datetime] = {}
    for article in articles:
        stamps[article.path] = article.published_dt
        for key in [article.outlet, *article.also_in]:
            feed = f"/{key}/feed.xml"
            stamps[feed] = max(stamps.get(feed, article.published_dt), article.published_dt)
    return stamps


def _normalise(value: tuple) -> tuple[bytes, str, int, float]:
    body, ctype = value[0], value[1]
    status = value[2] if len(value) > 2 else 200
    delay = value[3] if len(value) > 3 else 0.0
    return body, ctype, int(status), float(delay)


def _make_handler(
    pages: Mapping[str, tuple[bytes, str, int, float]], stamps: Mapping[str, datetime]
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        """Serves the fixed page table; conditional GET by ETag or Last-Modified."""

        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            return

        def _lookup(self) -> tuple[str, tuple[bytes, str, int, float] | None]:
            if self.path in pages:
                return self.path, pages[self.path]
            path = urlsplit(self.path).path
            return path, pages.get(path)

        def _not_modified(self, etag: str, modified: datetime) -> bool:
            match = self.headers.get("If-None-Match")
            if match is not None:
                tags = {tag.strip().removeprefix("W/") for tag in match.split(",")}
                return etag in tags or "*" in tags
            since = self.headers.get("If-Modified-Since")
            if since:
                try:
                    return modified <= parsedate_to_datetime(since)
                except (TypeError, ValueError):
                    return False
            return False

        def _respond(self, send_body: bool) -> None:
            path, entry = self._lookup()
            if entry is None:
                body = b"<html><body><h1>404 Not Found</h1></body></html>"
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if send_body:
                    self.wfile.write(body)
                return
            body, ctype, status, delay = entry
            if delay:
                time.sleep(delay)
            etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
            modified = stamps.get(path, SITE_EPOCH)
            if status == 200 and self._not_modified(etag, modified):
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", format_datetime(modified, usegmt=True))
            self.end_headers()
            if send_body:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        def do_GET(self) -> None:  # noqa: N802
            self._respond(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._respond(send_body=False)

    return Handler


class _QuietServer(ThreadingHTTPServer):
    """A client that hangs up early (a fetcher that stops at a 404 or a size cap) is normal
    for this site: no traceback on stderr."""

    def handle_error(self, request: object, client_address: object) -> None:
        import sys

        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve_site(pages: Mapping[str, tuple] | None = None, port: int = 0) -> Iterator[str]:
    """Serve the sample site (plus ``pages``) on 127.0.0.1; yields the base URL.

    Extra pages map a path (optionally with query string) to ``(body, content_type)``,
    ``(body, content_type, status)`` or ``(body, content_type, status, delay_seconds)``;
    they override site pages with the same path.
    """
    server = _QuietServer(("127.0.0.1", port), BaseHTTPRequestHandler)
    server.daemon_threads = True
    base_url = f"http://127.0.0.1:{server.server_address[1]}"
    table = {path: _normalise(value) for path, value in build_site(base_url).items()}
    table.update({path: _normalise(value) for path, value in (pages or {}).items()})
    server.RequestHandlerClass = _make_handler(table, site_last_modified())
    thread = threading.Thread(target=server.serve_forever, name="sample-site", daemon=True)
    thread.start()
    try:
        yield base_url
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str] | None = None) -> int:
    """Serve the site until Ctrl-C; an optional argument gives the port."""
    args = sys.argv[1:] if argv is None else argv
    port = int(args[0]) if args else 0
    with serve_site(port=port) as base_url:
        print(f"Sample site at {base_url}/feeds.opml  (Ctrl-C to stop)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            print("stopped")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
