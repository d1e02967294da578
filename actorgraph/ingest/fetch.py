"""HTTP GET on httpx with a User-Agent, one overall deadline, a size cap and conditional headers.

Hostile feeds are expected: every redirect hop is re-checked (http/https only, at most
``MAX_REDIRECTS``), and every address a host resolves to is refused when it is loopback, private,
link-local, multicast or reserved, unless the host is one the user named as a source (``trusted``)
or ``ACTORGRAPH_ALLOW_PRIVATE=1``. The connection goes to the address that was checked, so a
second DNS answer cannot swap it. The deadline covers connect, headers and body together.

Every network or protocol error becomes :class:`~actorgraph.core.errors.SourceError` with a short
reason ("HTTP 404", "timed out after 15s", "larger than 5000000 bytes").
"""

from __future__ import annotations

import functools
import ipaddress
import os
import socket
import ssl
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from actorgraph.core.errors import SourceError
from actorgraph.core.settings import Settings

CHUNK = 64 * 1024
MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)


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


def allow_private() -> bool:
    return (os.environ.get("ACTORGRAPH_ALLOW_PRIVATE") or "").strip().lower() in (
        "1",
        "true",
        "yes",
    )


def host_of(url: str) -> str:
    return (urlsplit(url).hostname or "").lower()


def is_internal(address: str) -> bool:
    """Loopback, private, link-local, multicast, reserved or unspecified."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


class _Deadline(Exception):
    pass


class _Refused(Exception):
    pass


class _Stream(httpcore.NetworkStream):
    """A socket whose every read and write is bounded by the request's overall deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float) -> None:
        self.inner, self.deadline = inner, deadline

    def _left(self, timeout: float | None) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ReadTimeout("overall deadline")
        return left if timeout is None else min(timeout, left)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self.inner.read(max_bytes, self._left(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self.inner.write(buffer, self._left(timeout))

    def close(self) -> None:
        self.inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: Any = None):
        return _Stream(
            self.inner.start_tls(ssl_context, server_hostname, self._left(timeout)), self.deadline
        )

    def get_extra_info(self, info: str) -> Any:
        return self.inner.get_extra_info(info)


class _GuardedBackend(httpcore.SyncBackend):
    """Resolves, checks and connects to the checked address, under the deadline."""

    def __init__(self, trusted: frozenset[str], deadline: float) -> None:
        self.trusted, self.deadline = trusted, deadline

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
        if not (host.lower() in self.trusted or allow_private()):
            bad = [a for a in addresses if is_internal(a)]
            if bad:
                raise _Refused(f"refused: {host} resolves to internal address {bad[0]}")
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise httpcore.ConnectTimeout("overall deadline")
        limit = left if timeout is None else min(timeout, left)
        stream = super().connect_tcp(addresses[0], port, limit, local_address, socket_options)
        return _Stream(stream, self.deadline)


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    return httpx.create_ssl_context()  # loading the CA bundle takes ~0.2 s: once per process


def _client(settings: Settings, trusted: frozenset[str], deadline: float) -> httpx.Client:
    transport = httpx.HTTPTransport(verify=_ssl_context())  # default: a new context, ~0.2 s
    transport._pool = httpcore.ConnectionPool(  # noqa: SLF001 - httpx has no backend option
        ssl_context=_ssl_context(),
        network_backend=_GuardedBackend(trusted, deadline),
    )
    return httpx.Client(
        transport=transport,
        follow_redirects=False,
        trust_env=False,  # a proxy would connect where we did not check
        timeout=httpx.Timeout(settings.http_timeout),
    )


def _headers(settings: Settings, etag: str | None, modified: str | None) -> dict[str, str]:
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
    return headers


def _check_scheme(url: str, original: str) -> None:
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https"):
        where = "" if url == original else f" (redirected to {url[:200]})"
        raise SourceError(original, f"unsupported URL scheme {scheme or '(none)'!r}{where}")


def _redirect_guard(original: str) -> Callable[[httpx.Response], None]:
    """A response hook: a redirect's target scheme is checked before httpx parses it (httpx
    builds the next request even when it does not follow it, and fails on ``javascript:``)."""

    def check(resp: httpx.Response) -> None:
        if resp.status_code in REDIRECTS and "location" in resp.headers:
            _check_scheme(urljoin(str(resp.request.url), resp.headers["location"]), original)

    return check


def _read_capped(resp: httpx.Response, url: str, settings: Settings) -> bytes:
    cap = settings.max_bytes
    length = resp.headers.get("content-length", "")
    if length.strip().isdigit() and int(length) > cap and not resp.headers.get("content-encoding"):
        raise SourceError(url, f"larger than {cap} bytes")
    parts: list[bytes] = []
    size = 0
    for chunk in resp.iter_bytes(CHUNK):  # decoded (gzip/deflate) as it arrives
        size += len(chunk)
        if size > cap:
            raise SourceError(url, f"larger than {cap} bytes")
        parts.append(chunk)
    return b"".join(parts)


def _reason(exc: BaseException, settings: Settings) -> str:
    if isinstance(exc, httpx.TimeoutException | _Deadline):
        return f"timed out after {settings.http_timeout:g}s"
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, _Refused):
            return str(cause)
        if isinstance(cause, socket.gaierror):
            return "host not found"
        if isinstance(cause, ConnectionRefusedError):
            return "connection refused"
        cause = cause.__cause__ or cause.__context__
    if isinstance(exc, httpx.DecodingError):
        return "corrupt compressed body"
    if isinstance(exc, httpx.RemoteProtocolError):
        return "connection closed before the whole response arrived"
    if isinstance(exc, httpx.ConnectError):
        text = str(exc)
        if "refused" in text.lower():
            return "connection refused"
        return f"cannot connect: {text[:120]}" if text else "cannot connect"
    if isinstance(exc, httpx.InvalidURL | httpx.UnsupportedProtocol | ValueError):
        return f"invalid URL: {exc}"
    return str(exc)[:200] or type(exc).__name__


def fetch(
    url: str,
    settings: Settings,
    etag: str | None = None,
    modified: str | None = None,
    *,
    trusted: Iterable[str] = (),
) -> Response:
    """GET ``url`` (up to 5 redirects, each re-checked); raise SourceError naming ``url``."""
    _check_scheme(url, url)
    deadline = time.monotonic() + settings.http_timeout
    trusted_hosts = frozenset(h.lower() for h in trusted)
    current = url
    try:
        with _client(settings, trusted_hosts, deadline) as client:
            client.event_hooks["response"] = [_redirect_guard(url)]
            for _hop in range(MAX_REDIRECTS + 1):
                headers = _headers(settings, etag, modified)
                with client.stream("GET", current, headers=headers) as resp:
                    if resp.status_code in REDIRECTS and "location" in resp.headers:
                        current = urljoin(current, resp.headers["location"])
                        _check_scheme(current, url)
                        etag = modified = None
                        continue
                    if resp.status_code == 304:
                        return Response(current, 304, b"", _lower(resp.headers))
                    if resp.status_code >= 400:
                        raise SourceError(url, f"HTTP {resp.status_code}")
                    body = _read_capped(resp, url, settings)
                    return Response(current, resp.status_code, body, _lower(resp.headers))
            raise SourceError(url, f"more than {MAX_REDIRECTS} redirects")
    except SourceError:
        raise
    except (
        httpx.HTTPError,
        httpx.InvalidURL,
        httpcore.TimeoutException,
        OSError,
        ValueError,
        _Refused,
    ) as exc:
        raise SourceError(url, _reason(exc, settings)) from exc


def _lower(headers: httpx.Headers) -> dict[str, str]:
    return {k.lower(): v for k, v in headers.items()}
