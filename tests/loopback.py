"""A small programmable HTTP server on 127.0.0.1 for tests: routes map a path to a :class:`Route`
(body, type, status, delay, ETag/Last-Modified with 304 support, lazily streamed large bodies).
Every request is recorded (path and headers) so tests can check what the client sent."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    """One resource. ``stream_bytes`` > 0 sends that many bytes lazily instead of ``body``
    (one byte every ``trickle`` seconds when set); ``redirect`` answers 302 to that location."""

    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    etag: str | None = None
    last_modified: str | None = None
    stream_bytes: int = 0
    trickle: float = 0.0
    send_length: bool = True
    redirect: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Loopback:
    """A running server: ``url(path)`` builds addresses; ``requests`` lists (path, headers)."""

    base: str
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]]

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for seen, _ in self.requests if seen == path)


def _handler(routes: dict[str, Route], requests: list) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            path = self.path.split("?", 1)[0]
            requests.append((path, {k.lower(): v for k, v in self.headers.items()}))
            route = routes.get(path) or routes.get(self.path)
            if route is None:
                self._send(404, b"not found", "text/plain")
                return
            if route.delay:
                time.sleep(route.delay)
            if route.redirect:
                self.send_response(302)
                self.send_header("Location", route.redirect)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self._not_modified(route):
                self.send_response(304)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            try:
                if route.stream_bytes:
                    self._stream(route)
                else:
                    self._send(route.status, route.body, route.content_type, route)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client stopped reading (size cap): expected

        def _not_modified(self, route: Route) -> bool:
            tag = self.headers.get("If-None-Match")
            since = self.headers.get("If-Modified-Since")
            if route.etag and tag:
                return tag == route.etag
            return bool(route.last_modified and since == route.last_modified)

        def _send(self, status: int, body: bytes, ctype: str, route: Route | None = None) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if route is None or route.send_length:
                self.send_header("Content-Length", str(len(body)))
            else:
                self.send_header("Connection", "close")
            if route is not None:
                if route.etag:
                    self.send_header("ETag", route.etag)
                if route.last_modified:
                    self.send_header("Last-Modified", route.last_modified)
                for name, value in route.headers.items():
                    self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
            if route is not None and not route.send_length:
                self.close_connection = True

        def _stream(self, route: Route) -> None:
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.send_length:
                self.send_header("Content-Length", str(route.stream_bytes))
            else:
                self.send_header("Connection", "close")
                self.close_connection = True
            self.end_headers()
            chunk = b"x" if route.trickle else b"<p>" + b"x" * 65_530 + b"</p>\n"
            sent = 0
            while sent < route.stream_bytes:
                piece = chunk[: route.stream_bytes - sent]
                self.wfile.write(piece)
                sent += len(piece)
                if route.trickle:
                    self.wfile.flush()
                    time.sleep(route.trickle)

    return Handler


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Loopback]:
    """Serve ``routes`` on 127.0.0.1 (a free port) for the duration of the block."""
    requests: list[tuple[str, dict[str, str]]] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(routes, requests))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Loopback(f"http://127.0.0.1:{server.server_address[1]}", routes, requests)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
