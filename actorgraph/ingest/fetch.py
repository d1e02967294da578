"""HTTP GET with a User-Agent, a timeout, a size cap and conditional headers.

Every network or protocol error becomes :class:`~actorgraph.core.errors.SourceError` with a short
reason ("HTTP 404", "timed out after 15s", "larger than 5000000 bytes").
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass, field
from email.message import Message

from actorgraph.core.errors import SourceError
from actorgraph.core.settings import Settings

CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched resource. ``status`` 304 means not modified (``body`` is empty)."""

    url: str
    status: int
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        """The charset declared in the Content-Type header, if any."""
        msg = Message()
        msg["content-type"] = self.headers.get("content-type", "")
        value = msg.get_param("charset")
        return value.strip().lower() if isinstance(value, str) and value.strip() else None


def _seconds(value: float) -> str:
    return f"{value:g}s"


def _reason_for(exc: BaseException, settings: Settings) -> str:
    """A short human reason for a network error."""
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code}"
    inner = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(inner, TimeoutError | socket.timeout):
        return f"timed out after {_seconds(settings.http_timeout)}"
    if isinstance(inner, ConnectionRefusedError):
        return "connection refused"
    if isinstance(inner, ConnectionResetError | http.client.RemoteDisconnected):
        return "connection closed by the server"
    if isinstance(inner, http.client.IncompleteRead):
        return "connection closed before the whole body arrived"
    if isinstance(inner, socket.gaierror):
        return "host not found"
    if isinstance(inner, ssl.SSLError):
        return f"TLS error: {inner.reason or inner}"
    if isinstance(inner, http.client.InvalidURL | ValueError):
        return f"invalid URL: {inner}"
    if isinstance(inner, http.client.HTTPException):
        return f"bad HTTP response: {type(inner).__name__}"
    if isinstance(inner, OSError):
        return inner.strerror or str(inner) or type(inner).__name__
    return str(inner) or type(inner).__name__


def _request(url: str, settings: Settings, etag: str | None, modified: str | None):
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, "
        "text/html;q=0.9, */*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if modified:
        headers["If-Modified-Since"] = modified
    return urllib.request.Request(url, headers=headers, method="GET")


def _read_capped(resp, url: str, settings: Settings, started: float) -> bytes:
    """Read the body in chunks, stopping at the size cap and the overall time limit."""
    cap = settings.max_bytes
    too_big = SourceError(url, f"larger than {cap} bytes")
    length = resp.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > cap:
        raise too_big
    encoding = (resp.headers.get("Content-Encoding") or "").strip().lower()
    inflater = None
    if encoding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif encoding == "deflate":
        inflater = zlib.decompressobj()
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() - started > settings.http_timeout:
            raise SourceError(url, f"timed out after {_seconds(settings.http_timeout)}")
        chunk = resp.read1(CHUNK)  # returns what has arrived: a trickle cannot stall us
        if not chunk:
            break
        if inflater is not None:
            try:
                chunk = inflater.decompress(chunk, cap + 1 - size)
            except zlib.error as exc:
                raise SourceError(url, f"corrupt {encoding} body") from exc
        size += len(chunk)
        if size > cap:
            raise too_big
        parts.append(chunk)
    return b"".join(parts)


def fetch(
    url: str,
    settings: Settings,
    etag: str | None = None,
    modified: str | None = None,
) -> Response:
    """GET ``url`` (redirects followed); raise SourceError naming ``url`` on any failure."""
    started = time.monotonic()
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https"):
        raise SourceError(url, f"unsupported URL scheme {scheme or '(none)'!r}")
    try:
        request = _request(url, settings, etag, modified)
    except ValueError as exc:
        raise SourceError(url, f"invalid URL: {exc}") from exc
    try:
        with urllib.request.urlopen(request, timeout=settings.http_timeout) as resp:  # noqa: S310
            body = _read_capped(resp, url, settings, started)
            headers = {k.lower(): v for k, v in resp.headers.items()}
            return Response(resp.geturl(), resp.status, body, headers)
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            headers = {k.lower(): v for k, v in (exc.headers or {}).items()}
            return Response(url, 304, b"", headers)
        raise SourceError(url, f"HTTP {exc.code}") from exc
    except SourceError:
        raise
    except (urllib.error.URLError, OSError, http.client.HTTPException, ValueError) as exc:
        raise SourceError(url, _reason_for(exc, settings)) from exc
