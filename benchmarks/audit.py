"""Re-run the fault and hostile-input audit of issue 11 and print its three figures.

Run by hand: ``python benchmarks/audit.py [--kills 43] [--only inputs,kills,statements]``
(about 5 to 10 minutes on the shared 2-core machine; the kills need ``strace``, the read-only
mount and the small full filesystem need root). Everything runs on 127.0.0.1 and in a temporary
folder. Prints, per section, how many cases were tried and how many were handled, then every
failure with what went wrong. Exit status 1 when anything failed.

1. hostile or bad inputs: feeds, pages, redirects, internal addresses, slow and huge answers,
   local files that are not files, charsets, store files, output hygiene, ``--week``;
2. kill -9 / SIGTERM of an ingest at many moments, most inside a commit (strace kills at the
   Nth write of the store's log), each followed by opening the store and a re-ingest that must
   end identical (sorted export) to an uninterrupted run;
3. statements without ``--write`` that must be refused (and leave the store file unchanged),
   and harmless reads that must pass.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import hashlib
import io
import json
import os
import random
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
socketserver.BaseServer.handle_error = lambda *args: None  # type: ignore[method-assign]

from loopback import Route, serve  # noqa: E402

from actorgraph.cli.main import main  # noqa: E402
from actorgraph.core.records import Article  # noqa: E402
from actorgraph.core.settings import Settings  # noqa: E402
from actorgraph.graph import open_store  # noqa: E402
from actorgraph.graph.export import store_dict  # noqa: E402
from actorgraph.ingest import IngestFailure, IngestWarning, SeenIndex, collect  # noqa: E402

SENTENCES = [
    "Mongolian Foreign Minister Batmunkh Battsetseg met Japanese Foreign Minister Yoko Kamikawa "
    "in Tokyo on {d} May 2026.",
    "Mongolian President Ukhnaagiin Khurelsukh visited Seoul on {d} May 2026 and met South "
    "Korean President Yoon Suk Yeol.",
    "Mongolia and China signed an agreement on energy cooperation in Ulaanbaatar on {d} May 2026.",
]
ARTICLES = 6
FAST = Settings(http_timeout=2.0, respect_robots=True)
Check = Callable[[], str | None]  # None when handled, else what went wrong


@dataclass
class Tally:
    """One section of the audit: cases tried, handled, and what failed."""

    title: str
    tried: int = 0
    handled: int = 0
    failures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def case(self, label: str, check: Check, limit: float = 60.0) -> None:
        self.tried += 1
        started = time.monotonic()
        try:
            problem = _bounded(check, limit)
        except Exception as exc:  # noqa: BLE001 - an audit records every crash
            last = traceback.format_exc().strip().splitlines()[-1]
            problem = f"crashed: {type(exc).__name__}: {str(exc)[:200]} ({last[:120]})"
        took = time.monotonic() - started
        if problem:
            self.failures.append(f"{label}: {problem} [{took:.1f}s]")
            print(f"  FAIL {label}: {problem}", flush=True)
        else:
            self.handled += 1
            print(f"  ok   {label} [{took:.1f}s]", flush=True)


def _bounded(check: Check, limit: float) -> str | None:
    """Run ``check`` in a thread; a hang longer than ``limit`` seconds is a failure."""
    box: list[object] = []

    def run() -> None:
        try:
            box.append(check())
        except BaseException as exc:  # noqa: BLE001
            box.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(limit)
    if thread.is_alive():
        return f"still running after {limit:g}s (hangs)"
    result = box[0]
    if isinstance(result, BaseException):
        raise result
    return result  # type: ignore[return-value]


# helpers ------------------------------------------------------------------------------------
def write_feed(folder: Path, count: int = ARTICLES) -> Path:
    items = "".join(
        f"<item><title>Story {i}</title><guid>urn:story:{i}</guid>"
        f"<pubDate>Mon, {i + 1:02d} Jun 2026 08:00:00 GMT</pubDate>"
        f"<description>{SENTENCES[i % 3].format(d=i + 1)}</description></item>"
        for i in range(count)
    )
    path = folder / "feed.xml"
    path.write_text(f'<rss version="2.0"><channel><title>F</title>{items}</channel></rss>')
    return path


def rss(*links: str, title: str = "Story", text: str = "") -> bytes:
    desc = f"<description>{text}</description>" if text else ""
    items = "".join(
        f"<item><title>{title} {i}</title><link>{link}</link>{desc}</item>"
        for i, link in enumerate(links)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>{items}</channel></rss>'
    ).encode()


def run_collect(sources: list[str], settings: Settings = FAST) -> list[object]:
    return list(collect(sources, settings, SeenIndex()))


def articles(items: list[object]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def reasons(items: list[object]) -> list[str]:
    return [i.reason for i in items if isinstance(i, IngestFailure | IngestWarning)]


def generic_crash(items: list[object]) -> str | None:
    """A library exception that reached the catch-all names no cause a person can act on."""
    for reason in reasons(items):
        if reason.startswith("could not be read ("):
            return f"unexpected exception: {reason[:160]}"
    return None


def expect_reason(items: list[object], *needles: str) -> str | None:
    found = reasons(items)
    if any(any(n in r for n in needles) for r in found):
        return generic_crash(items)
    return f"no failure mentioning {needles!r}; got {found[:3]!r}"


@contextlib.contextmanager
def raw_server(handler: Callable[[socket.socket], None]) -> Iterator[str]:
    """A TCP listener on 127.0.0.1 whose every connection runs ``handler``; yields its URL."""
    server = socket.socket()
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=_guarded, args=(handler, conn), daemon=True).start()

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(2)
        server.close()


def _guarded(handler: Callable[[socket.socket], None], conn: socket.socket) -> None:
    try:
        with conn:
            handler(conn)
    except OSError:
        pass


@contextlib.contextmanager
def env(**values: str) -> Iterator[None]:
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def cli(*args: str) -> tuple[int, str, str]:
    """``actorgraph ARGS`` in this process: (exit code, stdout, stderr); a traceback is -1."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 2
        except BaseException:  # noqa: BLE001
            code = -1
            err.write("TRACEBACK " + traceback.format_exc())
    return code, out.getvalue(), err.getvalue()


def one_line_error(code: int, err: str, name: str) -> str | None:
    """Exit 1 and one stderr line "actorgraph: error: ..." naming ``name``."""
    lines = [line for line in err.splitlines() if line.strip()]
    if code != 1:
        return f"exit {code}: {err.strip()[:200]}"
    errors = [line for line in lines if line.startswith("actorgraph: error:")]
    if len(errors) != 1 or len(lines) > 2:
        return f"not one clear line: {err.strip()[:200]!r}"
    if name not in errors[0]:
        return f"the error does not name {name}: {errors[0][:200]}"
    return None


def digest(path: Path) -> str:
    h = hashlib.sha256()
    for p in (path, path.with_name(path.name + ".wal")):
        if p.is_file():
            h.update(p.name.encode() + p.read_bytes())
    return h.hexdigest()


def sorted_export(path: Path) -> str:
    with open_store(replace(Settings(), store_path=path), read_only=True) as store:
        data = store_dict(store)

    def norm(value: object) -> object:
        if isinstance(value, dict):
            return {k: norm(v) for k, v in sorted(value.items())}
        if isinstance(value, list):
            return sorted((norm(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        return value

    return json.dumps(norm(data), sort_keys=True, default=str)


def kill_settings(path: Path) -> Settings:
    return replace(Settings.from_env(), store_path=path, batch_size=2, workers=1)


_EXTRACTOR: list[object] = []


def ingest_into(path: Path, sources: list[str]) -> str:
    """Ingest in this process (the model loaded once for the whole audit)."""
    from actorgraph.graph.pipeline import ingest
    from actorgraph.nlp import make_extractor

    # a log budget of 0 folds the log into the file at close: the audit copies single files
    settings = replace(kill_settings(path), wal_mb=0)
    if not _EXTRACTOR:
        _EXTRACTOR.append(make_extractor(settings))
    with open_store(settings) as store:
        return ingest(sources, store, settings, _EXTRACTOR[0]).line()  # type: ignore[arg-type]


# 1. hostile and bad inputs --------------------------------------------------------------------
def hostile_feeds(t: Tally, tmp: Path) -> None:
    malformed = {
        "truncated XML": b"<rss><channel><item><title>A</title><description>Text of",
        "undefined entity": b'<?xml version="1.0"?><rss><channel><item><title>A &bogus; B'
        b"</title><description>Some text here for you</description></item></channel></rss>",
        "binary garbage as a feed": bytes(range(256)) * 40,
        "empty feed body": b"",
        "mismatched tags": b"<rss><channel><item><title>A</item></title></channel></rss>",
        "100,000 nested elements": b"<rss><channel>" + b"<item>" * 100_000,
        "NUL bytes in XML": b'<?xml version="1.0"?><rss><channel><item><title>A\x00B</title>'
        b"<description>Text\x00 with nul</description></item></channel></rss>",
        "invalid UTF-8 in a UTF-8 feed": b'<?xml version="1.0" encoding="utf-8"?><rss><channel>'
        b"<item><title>Caf\xe9 \xff\xfe</title><description>Caf\xe9 text here</description>"
        b"</item></channel></rss>",
        "unknown declared encoding": b'<?xml version="1.0" encoding="x-klingon"?><rss><channel>'
        b"<item><title>A</title><description>Some text</description></item></channel></rss>",
    }
    for label, body in malformed.items():
        t.case(f"malformed feed: {label}", lambda b=body: _feed_survives(b))

    lol = '<!ENTITY lol0 "lol">' + "".join(
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
    )
    bombs = {
        "billion laughs entity bomb": f'<?xml version="1.0"?><!DOCTYPE r [{lol}]><rss><channel>'
        "<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>",
        "quadratic entity blow-up": '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "'
        + "x" * 50_000
        + '">]><rss><channel><item><title>T</title><description>'
        + "&a;" * 20_000
        + "</description></item></channel></rss>",
    }
    for label, body in bombs.items():
        t.case(f"entity bomb: {label}", lambda b=body: _bomb_defused(b.encode()))

    t.case("XXE: external entity naming /etc/passwd", _xxe_file)
    t.case("XXE: external DTD on an internal host", _xxe_remote)
    t.case("gzip bomb page (200 MB of zeros)", lambda: _gzip_bomb("gzip"))
    t.case("deflate bomb page (200 MB of zeros)", lambda: _gzip_bomb("deflate"))
    t.case("gzip bomb as the feed itself", lambda: _gzip_bomb("gzip", feed=True))
    t.case("gzip body cut short", lambda: _corrupt_gzip(True))
    t.case("gzip header then random bytes", lambda: _corrupt_gzip(False))
    t.case("50 MB page with Content-Length", lambda: _huge(True))
    t.case("50 MB page streamed without Content-Length", lambda: _huge(False))
    t.case("redirect loop a -> b -> a", _redirect_loop)
    t.case("redirect to itself", _redirect_self)
    for scheme in (
        "ftp://127.0.0.1:{port}/x",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "data:text/html,<p>hi</p>",
        "gopher://127.0.0.1:{port}/_x",
        "dict://127.0.0.1:{port}/x",
    ):
        t.case(f"redirect to {scheme.split(':')[0]}:", lambda s=scheme: _redirect_scheme(s))
    for host in INTERNAL_HOSTS:
        t.case(f"feed links to internal {host}", lambda h=host: _internal_link(h))
    for host in ("localhost:{port}", "169.254.169.254", "[::1]:{port}", "10.1.2.3"):
        t.case(f"redirect from a named page to internal {host}", lambda h=host: _internal_hop(h))
    for link in ("javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://x/y"):
        t.case(f"feed item links to {link.split(':')[0]}:", lambda u=link: _bad_item_link(u))
    t.case("headers trickled one byte at a time (deadline)", _trickle_headers)
    t.case("body trickled one byte at a time (deadline)", _trickle_body)
    t.case("server accepts and never answers", _silent_server)
    t.case("answer that is not HTTP", _not_http)
    t.case("body shorter than its Content-Length", _short_body)
    t.case("100 KB header line", _huge_header)
    t.case("HTTP 500 for a feed", lambda: _status(500))
    t.case("HTTP 404 for a feed", lambda: _status(404))
    t.case("feed of 1,000 items without links", _many_items, limit=180)
    t.case("script in feed titles", _script_title)
    t.case("script in a page <title>", _script_page_title)
    t.case("feed item linking to the feed itself", _self_link)
    t.case("OPML on the web naming a local file", _remote_opml_local)
    t.case("OPML that lists itself", lambda: _self_opml(tmp))
    t.case("OPML nested three deep", lambda: _nested_opml(tmp))
    t.case("connection refused", _refused)
    t.case("unknown host name", lambda: _expect_fetch_error("http://no-such-host.invalid/", "host"))
    t.case("URL with no host", lambda: _expect_fetch_error("http:///feed", "URL"))
    t.case("URL with a bad port", lambda: _expect_fetch_error("http://127.0.0.1:99999/", "URL"))


INTERNAL_HOSTS = (
    "169.254.169.254",
    "10.0.0.1",
    "172.16.5.4",
    "192.168.1.1",
    "100.64.0.1",
    "224.0.0.1",
    "0.0.0.0:{port}",
    "localhost:{port}",
    "127.0.0.2:{port}",
    "127.1:{port}",
    "2130706433:{port}",
    "0x7f000001:{port}",
    "[::1]:{port}",
    "[::ffff:127.0.0.1]:{port}",
    "[fe80::1]",
    "[fd00::1]",
)


def _feed_survives(body: bytes) -> str | None:
    with serve({"/feed": Route(body, "application/rss+xml")}) as site:
        items = run_collect([site.url("/feed")])
    if not items:
        return "nothing reported at all (no article, failure or warning)"
    return generic_crash(items)


def _bomb_defused(body: bytes) -> str | None:
    with serve({"/feed": Route(body, "application/rss+xml")}) as site:
        items = run_collect([site.url("/feed")])
    big = [a for a in articles(items) if len(a.text) + len(a.title) > 1_000_000]
    if big:
        return f"an entity expanded to {len(big[0].text)} characters"
    return generic_crash(items)


def _xxe_file() -> str | None:
    body = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<rss><channel><item><title>T &x;</title><description>Leak &x; here</description>"
        b"</item></channel></rss>"
    )
    with serve({"/feed": Route(body, "application/rss+xml")}) as site:
        items = run_collect([site.url("/feed")])
    if any("root:" in a.text or "root:" in a.title for a in articles(items)):
        return "/etc/passwd was read into an article"
    return generic_crash(items)


def _xxe_remote() -> str | None:
    with serve({"/evil.dtd": Route(b'<!ENTITY x "pwned">', "application/xml-dtd")}) as site:
        port = site.url("/").split(":")[2].split("/")[0]
        body = (
            f'<?xml version="1.0"?><!DOCTYPE r SYSTEM "http://localhost:{port}/evil.dtd">'
            "<rss><channel><item><title>T</title><description>Some text &x;</description>"
            "</item></channel></rss>"
        ).encode()
        site.routes["/feed"] = Route(body, "application/rss+xml")
        items = run_collect([site.url("/feed")])
        if site.hits("/evil.dtd"):
            return "the external DTD was fetched"
    return generic_crash(items)


def _bomb_bytes(kind: str, size: int = 200_000_000) -> bytes:
    wbits = 31 if kind == "gzip" else 15
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    chunk = b"\0" * 1_000_000
    parts = [packer.compress(chunk) for _ in range(size // len(chunk))]
    return b"".join(parts) + packer.flush()


def _gzip_bomb(kind: str, feed: bool = False) -> str | None:
    bomb = Route(_bomb_bytes(kind), headers={"Content-Encoding": kind})
    routes = {"/bomb": bomb}
    with serve(routes) as site:
        if feed:
            bomb.content_type = "application/rss+xml"
            items = run_collect([site.url("/bomb")])
        else:
            routes["/feed"] = Route(rss(site.url("/bomb")), "application/rss+xml")
            items = run_collect([site.url("/feed")])
    return expect_reason(items, "larger than")


def _corrupt_gzip(truncated: bool) -> str | None:
    page = b"<html><body><p>" + b"hello there friends, " * 50 + b"</p></body></html>"
    body = gzip.compress(page)[:-40] + b"junk" if truncated else b"\x1f\x8b" + os.urandom(500)
    with serve({"/p": Route(body, headers={"Content-Encoding": "gzip"})}) as site:
        items = run_collect([site.url("/p")])
    if truncated:  # what arrived may be read; it must not crash
        return generic_crash(items) if items else "nothing reported"
    return expect_reason(items, "corrupt")


def _huge(with_length: bool) -> str | None:
    route = Route(stream_bytes=50_000_000, send_length=with_length)
    with serve({"/big": route}) as site:
        started = time.monotonic()
        items = run_collect([site.url("/big")], replace(FAST, http_timeout=30.0))
    if time.monotonic() - started > 20:
        return "took longer than 20 s to give up"
    return expect_reason(items, "larger than")


def _redirect_loop() -> str | None:
    with serve({"/a": Route(redirect="/b"), "/b": Route(redirect="/a")}) as site:
        items = run_collect([site.url("/a")])
    return expect_reason(items, "more than 5 redirects")


def _redirect_self() -> str | None:
    with serve({"/a": Route(redirect="/a")}) as site:
        items = run_collect([site.url("/a")])
    return expect_reason(items, "more than 5 redirects")


def _listener() -> tuple[socket.socket, int]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(1)
    sock.settimeout(0.3)
    return sock, sock.getsockname()[1]


def _touched(sock: socket.socket) -> bool:
    try:
        conn, _ = sock.accept()
        conn.close()
        return True
    except (TimeoutError, OSError):
        return False
    finally:
        sock.close()


def _redirect_scheme(target: str) -> str | None:
    sock, port = _listener()
    with serve({"/r": Route(redirect=target.format(port=port))}) as site:
        items = run_collect([site.url("/r")])
    if _touched(sock):
        return "a connection was made to the redirect target"
    return expect_reason(items, "unsupported URL scheme")


def _internal_link(host: str) -> str | None:
    secret = Route(b"<html><body><p>internal admin secret text for nobody</p></body></html>")
    with serve({"/secret": secret}) as site:
        port = site.url("/").split(":")[2].split("/")[0]
        link = f"http://{host.format(port=port)}/secret"
        site.routes["/feed"] = Route(rss(link), "application/rss+xml")
        started = time.monotonic()
        items = run_collect([site.url("/feed")])
        took = time.monotonic() - started
        others = [p for p, _ in site.requests if p != "/feed"]
    if others:
        return f"the internal host was asked for {others}"
    if any("secret" in a.text for a in articles(items)):
        return "internal text stored"
    if took > 1.5:
        return f"took {took:.1f}s: a connection was attempted before the refusal"
    return expect_reason(items, "internal address")


def _internal_hop(host: str) -> str | None:
    secret = Route(b"<html><body><p>internal admin secret text for nobody</p></body></html>")
    with serve({"/secret": secret}) as site:
        port = site.url("/").split(":")[2].split("/")[0]
        site.routes["/hop"] = Route(redirect=f"http://{host.format(port=port)}/secret")
        site.routes["/feed"] = Route(rss(site.url("/hop")), "application/rss+xml")
        items = run_collect([site.url("/feed")])
        if site.hits("/secret"):
            return "the internal page was fetched"
    return expect_reason(items, "internal address")


def _bad_item_link(link: str) -> str | None:
    with serve({}) as site:
        site.routes["/feed"] = Route(rss(link), "application/rss+xml")
        items = run_collect([site.url("/feed")])
    if any("root:" in a.text for a in articles(items)):
        return "a local file was read"
    if not items:
        return "nothing reported"
    return generic_crash(items)


def _trickle_headers() -> str | None:
    def slow(conn: socket.socket) -> None:
        conn.recv(4096)
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 300:
            conn.send(bytes([byte]))
            time.sleep(0.1)

    with raw_server(slow) as base:
        started = time.monotonic()
        items = run_collect([base + "/feed"], replace(FAST, http_timeout=1.0))
    took = time.monotonic() - started
    if took > 3:
        return f"held the run {took:.1f}s with a 1 s timeout"
    return expect_reason(items, "timed out")


def _trickle_body() -> str | None:
    with serve({"/p": Route(stream_bytes=300, trickle=0.1)}) as site:
        started = time.monotonic()
        items = run_collect([site.url("/p")], replace(FAST, http_timeout=1.0))
    took = time.monotonic() - started
    if took > 3:
        return f"held the run {took:.1f}s with a 1 s timeout"
    return expect_reason(items, "timed out")


def _silent_server() -> str | None:
    with raw_server(lambda conn: time.sleep(5)) as base:
        started = time.monotonic()
        items = run_collect([base + "/"], replace(FAST, http_timeout=1.0))
    if time.monotonic() - started > 3:
        return "not bounded by the timeout"
    return expect_reason(items, "timed out")


def _not_http() -> str | None:
    def garbage(conn: socket.socket) -> None:
        conn.recv(4096)
        conn.sendall(b"\x00\xffSSH-2.0-OpenSSH_9.0\r\n" * 50)

    with raw_server(garbage) as base:
        items = run_collect([base + "/"])
    return expect_reason(items, "")


def _short_body() -> str | None:
    def short(conn: socket.socket) -> None:
        conn.recv(4096)
        conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000\r\n\r\n")
        conn.sendall(b"<html><body><p>only part of")

    with raw_server(short) as base:
        items = run_collect([base + "/"])
    return expect_reason(items, "closed before")


def _huge_header() -> str | None:
    with serve({"/p": Route(b"<p>x</p>", headers={"X-Big": "a" * 100_000})}) as site:
        items = run_collect([site.url("/p")])
    return expect_reason(items, "")


def _status(code: int) -> str | None:
    with serve({"/feed": Route(b"no", status=code)}) as site:
        items = run_collect([site.url("/feed")])
    return expect_reason(items, f"HTTP {code}")


def _many_items() -> str | None:
    items_xml = "".join(
        f"<item><title>T{i}</title><guid>g{i}</guid><description>Body number {i} of the "
        f"many items, each its own words {i * 7}.</description></item>"
        for i in range(1000)
    )
    body = f'<rss version="2.0"><channel><title>F</title>{items_xml}</channel></rss>'.encode()
    with serve({"/feed": Route(body, "application/rss+xml")}) as site:
        items = run_collect([site.url("/feed")])
    got = len(articles(items))
    return None if got == 1000 else f"{got} of 1000 items became articles"


def _script_title() -> str | None:
    body = rss(
        "",
        title="<script>alert(1)</script>&lt;script&gt;alert(2)&lt;/script&gt;Minister meets",
        text="The minister met the envoy in the capital on Monday for talks.",
    )
    with serve({"/feed": Route(body, "application/rss+xml")}) as site:
        items = run_collect([site.url("/feed")])
    titles = [a.title for a in articles(items)]
    if not titles:
        return f"no article: {reasons(items)[:2]}"
    if any("<script" in t.lower() for t in titles):
        return f"markup kept in the title: {titles[0]!r}"
    return None


def _script_page_title() -> str | None:
    page = (
        b"<html><head><title>&lt;script&gt;alert(1)&lt;/script&gt;Talks</title></head><body>"
        b"<article><p>The minister met the envoy in the capital on Monday for long talks about "
        b"trade and energy and the border.</p></article></body></html>"
    )
    with serve({"/p": Route(page)}) as site:
        items = run_collect([site.url("/p")])
    titles = [a.title for a in articles(items)]
    if not titles:
        return f"no article: {reasons(items)[:2]}"
    return f"markup in the title: {titles[0]!r}" if "<script" in titles[0] else None


def _self_link() -> str | None:
    with serve({}) as site:
        site.routes["/feed"] = Route(rss(site.url("/feed")), "application/rss+xml")
        items = run_collect([site.url("/feed")])
        if site.hits("/feed") > 3:
            return f"the feed was fetched {site.hits('/feed')} times"
    return generic_crash(items)


def _remote_opml_local() -> str | None:
    opml = b'<opml version="2.0"><body><outline xmlUrl="/etc/passwd"/></body></opml>'
    with serve({"/list.opml": Route(opml, "text/x-opml")}) as site:
        items = run_collect([site.url("/list.opml")])
    if any("root:" in a.text or "root" in a.title for a in articles(items)):
        return "a local file became an article"
    # taken as a path on the same web site (HTTP 404 there), or refused: never read from disk
    return expect_reason(items, "local file", "unsupported", "HTTP 404")


def _self_opml(tmp: Path) -> str | None:
    path = tmp / "self.opml"
    path.write_text(f'<opml version="2.0"><body><outline xmlUrl="{path}"/></body></opml>')
    with serve({}) as site:
        body = f'<opml version="2.0"><body><outline xmlUrl="{site.url("/l.opml")}"/></body></opml>'
        site.routes["/l.opml"] = Route(body.encode(), "text/x-opml")
        items = run_collect([str(path), site.url("/l.opml")])
        if site.hits("/l.opml") > 2:
            return f"the list was fetched {site.hits('/l.opml')} times"
    return generic_crash(items)


def _nested_opml(tmp: Path) -> str | None:
    for i in range(3):
        (tmp / f"n{i}.opml").write_text(
            f'<opml version="2.0"><body><outline type="include" url="n{i + 1}.opml"/></body></opml>'
        )
    (tmp / "n3.opml").write_text('<opml version="2.0"><body></body></opml>')
    items = run_collect([str(tmp / "n0.opml")])
    return generic_crash(items)


def _refused() -> str | None:
    sock, port = _listener()
    sock.close()
    items = run_collect([f"http://127.0.0.1:{port}/feed"])
    return expect_reason(items, "refused")


def _expect_fetch_error(url: str, needle: str) -> str | None:
    items = run_collect([url])
    if not items or articles(items):
        return f"not reported as a failure: {items[:2]}"
    return generic_crash(items)


# local files ------------------------------------------------------------------------------------
def hostile_files(t: Tally, tmp: Path) -> None:
    fifo = tmp / "pipe.txt"
    os.mkfifo(fifo)
    link = tmp / "zero.txt"
    link.symlink_to("/dev/zero")
    sock_path = tmp / "sock.txt"
    unix = socket.socket(socket.AF_UNIX)
    unix.bind(str(sock_path))
    big = tmp / "big.txt"
    big.write_bytes(b"word " * 1_300_000)
    (tmp / "emptydir").mkdir()
    (tmp / "empty.txt").write_bytes(b"")
    (tmp / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 50)
    (tmp / "nul.md").write_bytes(b"# Title\n\nThe minister\x00 met the envoy\x00 on Monday.\n")
    cases = {
        "/dev/zero as a source": ("/dev/zero", "not a regular file"),
        "a FIFO as a source": (str(fifo), "not a regular file"),
        "a symlink to /dev/zero": (str(link), "not a regular file"),
        "/dev/null as a source": ("/dev/null", "not a regular file"),
        "a unix socket as a source": (str(sock_path), "not a regular file"),
        "a missing file": (str(tmp / "missing.txt"), "no such file"),
        "a folder without articles": (str(tmp / "emptydir"), "no article files"),
        "a 6.5 MB file": (str(big), "larger than"),
        "an empty file": (str(tmp / "empty.txt"), "no text"),
        "binary content named .txt": (str(tmp / "image.txt"), "binary"),
        "file:// URL to /dev/zero": ("file:///dev/zero", "not a regular file"),
    }
    for label, (source, needle) in cases.items():
        t.case(label, lambda s=source, n=needle: expect_reason(run_collect([s]), n))
    t.case("NUL bytes inside a text file", lambda: _nul_file(tmp / "nul.md"))
    t.case("4.9 MB of unique prose (cut, warned)", lambda: _prose(tmp), limit=180)
    t.case("4.9 MB prose page over HTTP (cut, warned)", lambda: _prose_page(tmp), limit=180)
    t.case("extraction time of the cut prose", lambda: _prose_extract(tmp), limit=300)
    unix.close()


def _nul_file(path: Path) -> str | None:
    items = run_collect([str(path)])
    found = articles(items)
    if found and "\x00" in found[0].text:
        return "NUL kept in the text"
    return generic_crash(items)


def _unique_prose(size: int) -> str:
    rng = random.Random(7)
    words = (
        "minister envoy council treaty border trade energy summit delegation talks region "
        "agreement ministry cooperation harbour railway grain water river mountain valley "
        "election parliament budget reform drought harvest festival museum bridge school"
    ).split()
    out: list[str] = []
    length = 0
    n = 0
    while length < size:
        n += 1
        sentence = " ".join(rng.choice(words) for _ in range(12))
        line = f"Paragraph {n} notes that the {sentence} number {rng.randrange(10**9)}.\n\n"
        out.append(line)
        length += len(line)
    return "".join(out)[:size]


def _prose(tmp: Path) -> str | None:
    path = tmp / "prose.txt"
    path.write_text("Long report\n\n" + _unique_prose(4_900_000))
    items = run_collect([str(path)])
    found = articles(items)
    if not found:
        return f"no article: {reasons(items)[:2]}"
    if len(found[0].text) > 200_000:
        return f"text not cut ({len(found[0].text)} characters)"
    return expect_reason(items, "text cut")


def _prose_page(tmp: Path) -> str | None:
    text = _unique_prose(4_800_000)
    page = "<html><body><article>" + "".join(f"<p>{p}</p>" for p in text.split("\n\n"))
    with serve({"/p": Route((page + "</article></body></html>").encode())}) as site:
        items = run_collect([site.url("/p")], replace(FAST, http_timeout=30.0))
    found = articles(items)
    if found and len(found[0].text) > 200_000:
        return f"text not cut ({len(found[0].text)} characters)"
    if not found:
        return expect_reason(items, "larger than")
    return expect_reason(items, "text cut")


def _prose_extract(tmp: Path) -> str | None:
    from actorgraph.graph.pipeline import extract_one

    items = run_collect([str(tmp / "prose.txt")])
    found = articles(items)
    if not found:
        return "no article"
    started, cpu = time.monotonic(), time.process_time()
    extract_one(found[0], Settings())
    took = time.monotonic() - started
    t_note.append(
        f"extraction of the cut 4.9 MB prose ({len(found[0].text)} characters): {took:.0f} s "
        f"wall, {time.process_time() - cpu:.0f} s CPU"
    )
    return None if took < 240 else f"took {took:.0f}s"


t_note: list[str] = []


# charsets ---------------------------------------------------------------------------------------
PAGES = {
    "cp1251": "Министр иностранных дел Монголии встретился с коллегой в Москве.",
    "koi8_r": "Президент Монголии посетил Пекин и подписал соглашение об энергетике.",
    "gb2312": "蒙古国 外交部长 在 北京 会见了 中国 外交部长 ，双方 讨论了 能源 合作 问题 。",
    "gbk": "蒙古国 总统 访问 首尔 并 会见 韩国 总统 ，两国 签署了 贸易 协定 和 文化 协议 。",
    "big5": "蒙古國 外交部長 在 台北 會見了 官員 ，雙方 討論了 貿易 與 能源 合作 的 問題 。",
    "shift_jis": "モンゴル の 外務大臣 は 東京 で 日本 の 外務大臣 と 会談 し た 。",
    "euc_kr": "몽골 외교부 장관 은 서울 에서 한국 외교부 장관 과 회담 했다 .",
    "iso8859_7": "Ο υπουργός εξωτερικών της Μογγολίας συναντήθηκε με τον ομόλογό του στην Αθήνα.",
}


def charsets(t: Tally, tmp: Path) -> None:
    for codec in PAGES:
        t.case(f"undeclared {codec} page: decodes right, same hash", lambda c=codec: _charset(c))
    t.case("undeclared cp1251 local .html file", lambda: _charset_file(tmp, "cp1251"))
    t.case("UTF-16 text file with a BOM", lambda: _utf16(tmp))


def _charset_page(codec: str) -> bytes:
    text = " ".join([PAGES[codec]] * 6)
    return (
        "<html><head><title>T</title></head><body><article>"
        + "".join(f"<p>{text}</p>" for _ in range(3))
        + "</article></body></html>"
    ).encode(codec)


def _charset(codec: str) -> str | None:
    body = _charset_page(codec)
    with serve(
        {
            "/bare": Route(body, "text/html"),
            "/declared": Route(body, f"text/html; charset={codec.replace('_', '-')}"),
        }
    ) as site:
        bare = articles(run_collect([site.url("/bare")]))
        declared = articles(run_collect([site.url("/declared")]))
    if not declared:
        return "the declared page gave no article"
    if not bare:
        return "the undeclared page gave no article"
    word = PAGES[codec].split()[0]
    if word not in bare[0].text:
        return f"mojibake: {bare[0].text[:40]!r}"
    if bare[0].content_hash != declared[0].content_hash:
        return "hashes differ from the declared page"
    return None


def _charset_file(tmp: Path, codec: str) -> str | None:
    path = tmp / f"{codec}.html"
    path.write_bytes(_charset_page(codec))
    found = articles(run_collect([str(path)]))
    if not found:
        return "no article"
    return None if PAGES[codec].split()[0] in found[0].text else "mojibake"


def _utf16(tmp: Path) -> str | None:
    path = tmp / "u16.txt"
    path.write_bytes(
        "Title\n\nThe minister met the envoy on Monday in Ulaanbaatar.".encode("utf-16")
    )
    found = articles(run_collect([str(path)]))
    return None if found and "envoy" in found[0].text else "not decoded"


# store files ------------------------------------------------------------------------------------
def store_files(t: Tally, tmp: Path, good: Path) -> None:
    import ladybug

    empty = tmp / "empty.lbug"
    empty.write_bytes(b"")
    half = tmp / "half.lbug"
    half.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    head = tmp / "head.lbug"
    head.write_bytes(good.read_bytes()[:4096])
    noise = tmp / "noise.lbug"
    noise.write_bytes(os.urandom(100_000))
    text = tmp / "text.lbug"
    text.write_text("hello, I am not a database\n")
    folder = tmp / "folder.lbug"
    folder.mkdir()
    foreign = tmp / "foreign.lbug"
    db = ladybug.Database(str(foreign))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Customer(id STRING, PRIMARY KEY(id))")
    conn.close()
    db.close()
    versions = {}
    for version in ("0", "99"):
        path = tmp / f"v{version}.lbug"
        shutil.copy(good, path)
        db = ladybug.Database(str(path))
        conn = ladybug.Connection(db)
        conn.execute("MATCH (m:Meta) SET m.value = $v", {"v": version})
        conn.close()
        db.close()
        versions[version] = path
    bad = {
        "0-byte store": empty,
        "store truncated to half": half,
        "store truncated to 4 KB": head,
        "random bytes as a store": noise,
        "a text file as a store": text,
        "a folder as a store": folder,
        "a store made by another program": foreign,
        "a store of schema version 0": versions["0"],
        "a store of schema version 99": versions["99"],
    }
    commands = {
        "check": ["store", "check"],
        "export": ["export"],
        "query": ["query", "RETURN 1 AS x"],
        "report": ["report", "--focus", "MNG"],
        "ingest": ["ingest", str(tmp / "feed.xml")],
    }
    for label, path in bad.items():
        for name, args in commands.items():
            t.case(f"{label}: {name}", lambda p=path, a=args: _refused_store(p, a))
    t.case("store in a missing folder: ingest", _missing_folder)
    t.case("read-only store file: reads work, ingest fails cleanly", lambda: _read_only(tmp, good))
    t.case("store locked by another writer", lambda: _locked(tmp, good), limit=120)
    t.case("disk full (3 MB tmpfs, 500 KB left)", lambda: _disk_full(tmp, True), limit=240)
    t.case("disk full, space guard off (16 KB left)", lambda: _disk_full(tmp, False), limit=240)
    t.case("file size limit (RLIMIT_FSIZE)", lambda: _fsize(tmp, good), limit=240)
    for args in (
        ["store", "check"],
        ["export"],
        ["query", "MATCH (a:Actor) RETURN count(a) AS n"],
        ["report", "--focus", "MNG", "--format", "json"],
        ["actors", "list"],
        ["viz", "--out", str(tmp / "viz.html")],
    ):
        t.case(f"{args[0]} leaves a good store byte-identical", lambda a=args: _unchanged(good, a))


def _unchanged(good: Path, args: list[str]) -> str | None:
    before = digest(good)
    code, _, err = cli("--store", str(good), *args)
    if code != 0:
        return f"exit {code}: {err.strip()[:200]}"
    return "the store file changed" if digest(good) != before else None


def _refused_store(path: Path, args: list[str]) -> str | None:
    before = digest(path) if path.is_file() else None
    code, _, err = cli("--store", str(path), *args)
    problem = one_line_error(code, err, str(path))
    if problem:
        return problem
    if "retry later" in err:
        return f"a broken store reported as busy: {err.strip()[:160]}"
    if path.is_file() and digest(path) != before:
        return "the store file was changed"
    return None


def _missing_folder() -> str | None:
    path = Path(tempfile.gettempdir()) / "no-such-folder-audit" / "s.lbug"
    code, _, err = cli("--store", str(path), "ingest", "/dev/null")
    return one_line_error(code, err, str(path.parent))


def _read_only(tmp: Path, good: Path) -> str | None:
    folder = tmp / "ro"
    folder.mkdir()
    shutil.copy(good, folder / "s.lbug")
    before = digest(folder / "s.lbug")
    mounted = False
    if os.geteuid() == 0:
        done = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
        if done.returncode == 0:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
            mounted = True
    if not mounted:
        os.chmod(folder / "s.lbug", 0o444)
        os.chmod(folder, 0o555)
    try:
        store = str(folder / "s.lbug")
        for args in (
            ["store", "check"],
            ["export"],
            ["query", "MATCH (a:Article) RETURN count(a) AS n"],
            ["report", "--focus", "MNG", "--format", "json"],
        ):
            code, _, err = cli("--store", store, *args)
            if code != 0:
                return f"{args[0]} on a read-only store: exit {code}: {err.strip()[:160]}"
        code, _, err = cli("--store", store, "ingest", str(tmp / "feed2.xml"))
        if mounted:
            problem = one_line_error(code, err, store)
            if problem:
                return f"ingest on a read-only mount: {problem}"
        if digest(folder / "s.lbug") != before and mounted:
            return "the read-only store changed"
        if not mounted:
            t_note.append("read-only: not root, chmod only (root ignores it)")
        return None
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)])
        os.chmod(folder, 0o755)


def _locked(tmp: Path, good: Path) -> str | None:
    path = tmp / "locked.lbug"
    shutil.copy(good, path)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import ladybug,sys,time; d=ladybug.Database(sys.argv[1]); print('ok',flush=True);"
            " time.sleep(30)",
            str(path),
        ],
        stdout=subprocess.PIPE,
    )
    try:
        assert holder.stdout is not None
        holder.stdout.readline()
        code, _, err = cli("--store", str(path), "ingest", str(tmp / "feed.xml"))
        problem = one_line_error(code, err, str(path))
        if problem:
            return problem
        if "in use by PID" not in err:
            return f"does not say who holds it: {err.strip()[:160]}"
        return None
    finally:
        holder.kill()
        holder.wait()


def _subprocess_ingest(store: Path, feed: Path, **kw: object) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "actorgraph", "--store", str(store), "ingest", str(feed)]
    environ = {**os.environ, "ACTORGRAPH_BATCH_SIZE": "2", "ACTORGRAPH_WORKERS": "1"}
    environ.update(kw.pop("extra_env", {}))  # type: ignore[arg-type]
    return subprocess.run(cmd, capture_output=True, text=True, env=environ, timeout=180, **kw)  # type: ignore[call-overload]


def _disk_full(tmp: Path, guard: bool) -> str | None:
    if os.geteuid() != 0:
        t_note.append("disk full: skipped (needs root to mount a tmpfs)")
        return None
    mnt = tmp / f"small{int(guard)}"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)]).returncode:
        t_note.append("disk full: skipped (cannot mount a tmpfs)")
        return None
    try:
        store = mnt / "s.lbug"
        first = _subprocess_ingest(
            store, tmp / "feed.xml", extra_env={"ACTORGRAPH_MIN_FREE_MB": "1"}
        )
        if first.returncode != 0:
            return f"the first ingest did not fit: {first.stderr.strip()[-200:]}"
        free = shutil.disk_usage(mnt).free
        left = 500_000 if guard else 16_000
        (mnt / "filler").write_bytes(b"\0" * max(free - left, 0))
        full = _subprocess_ingest(
            store, tmp / "feed2.xml", extra_env={"ACTORGRAPH_MIN_FREE_MB": "1" if guard else "0"}
        )
        last = (full.stderr.strip().splitlines() or [""])[-1][:160]
        t_note.append(
            f"disk full (guard {'on' if guard else 'off'}): exit {full.returncode}, {last}"
        )
        if full.returncode not in (0, 1) and guard:
            return f"exit {full.returncode} on a full disk: {full.stderr.strip()[-200:]}"
        if guard and "disk full" not in full.stderr:
            return f"no clean disk-full error: {full.stderr.strip()[-200:]}"
        (mnt / "filler").unlink()
        copy = tmp / f"after-full{int(guard)}.lbug"
        shutil.copy(store, copy)
        if (mnt / "s.lbug.wal").exists():
            shutil.copy(mnt / "s.lbug.wal", copy.with_name(copy.name + ".wal"))
        return _reopens_and_completes(copy, [str(tmp / "feed.xml"), str(tmp / "feed2.xml")])
    finally:
        subprocess.run(["umount", str(mnt)])


def _fsize(tmp: Path, good: Path) -> str | None:
    import resource

    store = tmp / "fsize.lbug"
    shutil.copy(good, store)
    limit = store.stat().st_size + 16_000

    def cap() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    done = _subprocess_ingest(store, tmp / "feed2.xml", preexec_fn=cap)
    last = (done.stderr.strip().splitlines() or [""])[-1][:160]
    t_note.append(f"file size limit: exit {done.returncode}, {last}")
    if done.returncode not in (0, 1):
        return f"exit {done.returncode} past the file size limit: {done.stderr.strip()[-200:]}"
    return _reopens_and_completes(store, [str(tmp / "feed.xml"), str(tmp / "feed2.xml")])


def _reopens_and_completes(store: Path, sources: list[str]) -> str | None:
    code, _, err = cli("--store", str(store), "store", "check")
    if code != 0:
        return f"store does not open afterwards: {err.strip()[:200]}"
    ingest_into(store, sources)
    expected = EXPECTED.get(tuple(sources))
    if expected is not None and sorted_export(store) != expected:
        return "re-ingest does not end identical to a clean run"
    return None


EXPECTED: dict[tuple[str, ...], str] = {}


# output hygiene -----------------------------------------------------------------------------------
HOSTILE_TITLE = (
    "Minister\x1b[2J\x1b]0;pwned\x07 meets\x9b31m envoy\x08\x08 <script>alert(1)</script>"
)
VALUES = {
    "UUID": "RETURN UUID('a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11') AS v",
    "BLOB": "RETURN BLOB('\\\\xAA\\\\xBB\\\\x00') AS v",
    "DECIMAL": "RETURN CAST('3.140' AS DECIMAL(18, 3)) AS v",
    "INT128": "RETURN CAST('170141183460469231731687303715884105727' AS INT128) AS v",
    "negative INT128": "RETURN CAST('-170141183460469231731687303715884105728' AS INT128) AS v",
    "UINT64 max": "RETURN CAST('18446744073709551615' AS UINT64) AS v",
    "INT64 max": "RETURN 9223372036854775807 AS v",
    "DOUBLE infinity": "RETURN CAST('inf' AS DOUBLE) AS v",
    "DOUBLE -infinity": "RETURN CAST('-inf' AS DOUBLE) AS v",
    "DOUBLE NaN": "RETURN CAST('nan' AS DOUBLE) AS v",
    "FLOAT": "RETURN CAST(1.5 AS FLOAT) AS v",
    "BOOLEAN and NULL": "RETURN true AS t, NULL AS n",
    "DATE": "RETURN date('2026-05-01') AS v",
    "TIMESTAMP": "RETURN timestamp('2026-05-01 10:11:12.5') AS v",
    "TIMESTAMP_TZ": "RETURN CAST('2026-05-01 10:11:12+02' AS TIMESTAMP_TZ) AS v",
    "INTERVAL": "RETURN interval('3 days 4 hours') AS v",
    "LIST": "RETURN [1, 2, 3] AS v",
    "nested LIST of DOUBLE": "RETURN [[CAST('inf' AS DOUBLE)], [1.5]] AS v",
    "STRUCT": "RETURN {a: 1, b: 'x', c: [CAST('nan' AS DOUBLE)]} AS v",
    "MAP": "RETURN map([1, 2], ['a', 'b']) AS v",
    "UNION": "RETURN union_value(a := 1) AS v",
    "NODE": "MATCH (a:Article) RETURN a LIMIT 1",
    "REL": "MATCH ()-[r]->() RETURN r LIMIT 1",
    "PATH": "MATCH p = (a)-[* 1..2]->(b) RETURN p LIMIT 1",
}
CONTROL_PARAM = "s=a\x1b[2J\x9b31m\x07b"


def output_hygiene(t: Tally, tmp: Path, store: Path) -> None:
    for label, query in VALUES.items():
        t.case(f"query --format json: {label}", lambda q=query: _json_value(store, q))
    t.case(
        "query --format json: STRING with control characters",
        lambda: _json_value(store, "RETURN $s AS v", "--param", CONTROL_PARAM),
    )
    title_query = "MATCH (a:Article) RETURN a.title AS title, a.outlet AS outlet"
    for fmt in ("table", "csv", "json"):
        t.case(
            f"control characters in query --format {fmt}",
            lambda f=fmt: _no_controls(store, ["query", "--format", f, title_query]),
        )
    for fmt in ("md", "json", "html"):
        t.case(
            f"control characters in report --format {fmt}",
            lambda f=fmt: _no_controls(
                store, ["report", "--focus", "MNG", "--week", "2026-W23", "--format", f]
            ),
        )
    t.case("control characters in export", lambda: _no_controls(store, ["export"]))
    t.case("control characters in actors list", lambda: _no_controls(store, ["actors", "list"]))
    t.case("script in titles: report html escapes it", lambda: _escaped_html(tmp, store))
    for week in ("9999-W52", "0000-W01", "2026-W54", "10000-W01", "garbage", "2026-02-30"):
        t.case(
            f"report --week {week}",
            lambda w=week: _bad_week(store, ["report", "--focus", "MNG", "--week", w], w),
        )
    t.case(
        "viz --week 9999-W52",
        lambda: _bad_week(
            store, ["viz", "--week", "9999-W52", "--out", str(tmp / "v.html")], "9999-W52"
        ),
    )
    t.case("Cypher in a query parameter", lambda: _param_injection(store))
    t.case("--param without '='", lambda: _bad_param(store))


def _json_value(store: Path, query: str, *extra: str) -> str | None:
    code, out, err = cli("--store", str(store), "query", "--format", "json", *extra, query)
    if code != 0:
        return f"exit {code}: {err.strip()[:200]}"

    def refuse(constant: str) -> object:
        raise ValueError(f"not JSON: {constant}")

    try:
        data = json.loads(out, parse_constant=refuse)
    except ValueError as exc:
        return f"invalid JSON ({exc}): {out[:120]!r}"
    if not data:
        return "no rows"
    if any(ch in out for ch in "\x1b\x9b"):
        return "control characters in the JSON output"
    return None


def _no_controls(store: Path, args: list[str]) -> str | None:
    code, out, err = cli("--store", str(store), *args)
    if code != 0:
        return f"exit {code}: {err.strip()[:200]}"
    for ch in "\x1b\x07\x9b\x08\x00":
        if ch in out or ch in err:
            return f"{ch!r} reached the output"
    if args[0] in ("query", "export") and "meets" not in out:
        return "the hostile title is not in the output at all (nothing was tested)"
    return None


def _escaped_html(tmp: Path, store: Path) -> str | None:
    out = tmp / "r.html"
    code, _, err = cli(
        "--store", str(store), "report", "--focus", "MNG", "--week", "2026-W23",
        "--format", "html", "--out", str(out),
    )  # fmt: skip
    if code != 0:
        return f"exit {code}: {err.strip()[:200]}"
    html = out.read_text()
    if "<script>alert" in html or "onerror=alert" in html:
        return "script from a title reached the HTML unescaped"
    return None


def _bad_week(store: Path, args: list[str], week: str) -> str | None:
    code, _, err = cli("--store", str(store), *args)
    return one_line_error(code, err, week)


def _param_injection(store: Path) -> str | None:
    before = digest(store)
    code, out, err = cli(
        "--store", str(store), "query", "actor_timeline",
        "--param", "actor=x'}) DETACH DELETE a //",
    )  # fmt: skip
    if code not in (0, 1) or "TRACEBACK" in err:
        return f"exit {code}: {err.strip()[:200]}"
    return "the store changed" if digest(store) != before else None


def _bad_param(store: Path) -> str | None:
    code, _, err = cli("--store", str(store), "query", "actor_timeline", "--param", "actor")
    if code == 2 and "TRACEBACK" not in err:
        return None
    return one_line_error(code, err, "actor")


# 2. kills ----------------------------------------------------------------------------------------
@dataclass
class KillPlan:
    label: str
    inject: str | None = None  # "wal:N", "file:N", "term-wal:N"
    after: float | None = None  # seconds after start (random-time kills)
    sig: int = signal.SIGKILL


def kills(t: Tally, tmp: Path, count: int, seed: int) -> None:
    feed = tmp / "feed.xml"
    expected = EXPECTED[(str(feed),)]
    have_strace = shutil.which("strace") is not None
    rng = random.Random(seed)
    wal_writes, file_writes, seconds = _profile(tmp, feed) if have_strace else (0, 0, 8.0)
    t.notes.append(
        f"an uninterrupted ingest of {ARTICLES} articles (batches of 2) makes {wal_writes} "
        f"writes to the log and {file_writes} to the store file in {seconds:.1f}s"
    )
    plans: list[KillPlan] = []
    if have_strace and wal_writes:
        inside = max(count * 55 // 100, 1)
        for i in range(inside):
            n = 1 + (i * wal_writes) // inside + rng.randrange(max(wal_writes // inside, 1))
            plans.append(KillPlan(f"SIGKILL at log write {min(n, wal_writes)}", f"wal:{n}"))
        for _ in range(count * 10 // 100):
            n = 1 + rng.randrange(wal_writes)
            plans.append(KillPlan(f"SIGTERM at log write {n}", f"term-wal:{n}", sig=signal.SIGTERM))
        for _ in range(count * 15 // 100):
            n = 1 + rng.randrange(file_writes)
            plans.append(KillPlan(f"SIGKILL at store-file write {n}", f"file:{n}"))
    while len(plans) < count:
        sig = signal.SIGKILL if len(plans) % 2 else signal.SIGTERM
        after = rng.uniform(0.3, 0.9) * seconds
        name = signal.Signals(sig).name
        plans.append(
            KillPlan(f"{name} at the first log growth after {after:.1f}s", after=after, sig=sig)
        )
    landed = {"inside": 0, "killed": 0, "warned": 0}
    for i, plan in enumerate(plans):
        store = tmp / f"kill{i}.lbug"
        t.case(
            f"kill {i + 1}: {plan.label}",
            lambda p=plan, s=store: _kill_run(p, s, feed, expected, landed),
            limit=300,
        )
    t.notes.append(
        f"{landed['killed']} of {len(plans)} runs were really interrupted; {landed['inside']} "
        f"inside a commit (the process died while writing the log); {landed['warned']} opens "
        "warned that an interrupted write was discarded"
    )


def _strace(spec: str, store: Path) -> list[str]:
    kind, _, n = spec.partition(":")
    target = store if kind == "file" else store.with_name(store.name + ".wal")
    sig = "TERM" if kind == "term-wal" else "KILL"
    return [
        "strace", "-f", "-qq", "-o", "/dev/null", "-P", str(target),
        "-e", "trace=write,pwrite64,writev,pwritev",
        "-e", f"inject=write,pwrite64,writev,pwritev:signal={sig}:when={n}",
    ]  # fmt: skip


def _profile(tmp: Path, feed: Path) -> tuple[int, int, float]:
    counts = []
    seconds = []
    for target in ("wal", "file"):
        store = tmp / f"profile-{target}.lbug"
        path = store.with_name(store.name + ".wal") if target == "wal" else store
        log = tmp / f"profile-{target}.trace"
        cmd = ["strace", "-f", "-qq", "-o", str(log), "-P", str(path),
               "-e", "trace=write,pwrite64,writev,pwritev"]  # fmt: skip
        started = time.monotonic()
        done = _run_ingest(cmd, store, feed)
        seconds.append(time.monotonic() - started)
        if done.returncode != 0:
            raise RuntimeError(f"profile run failed: {done.stderr[-300:]}")
        counts.append(sum(1 for line in log.read_text().splitlines() if "write" in line))
    return counts[0], counts[1], min(seconds)


def _run_ingest(prefix: list[str], store: Path, feed: Path) -> subprocess.CompletedProcess[str]:
    cmd = [*prefix, sys.executable, "-m", "actorgraph", "--store", str(store), "ingest", str(feed)]
    environ = {**os.environ, "ACTORGRAPH_BATCH_SIZE": "2", "ACTORGRAPH_WORKERS": "1"}
    return subprocess.run(cmd, capture_output=True, text=True, env=environ, timeout=300)


def _kill_run(plan: KillPlan, store: Path, feed: Path, expected: str, landed: dict) -> str | None:
    wal = store.with_name(store.name + ".wal")
    inside = False
    if plan.inject:
        done = _run_ingest(_strace(plan.inject, store), store, feed)
        code, err = done.returncode, done.stderr
        interrupted = code != 0
        inside = interrupted and not plan.inject.startswith("file")
    else:
        cmd = [sys.executable, "-m", "actorgraph", "--store", str(store), "ingest", str(feed)]
        environ = {**os.environ, "ACTORGRAPH_BATCH_SIZE": "2", "ACTORGRAPH_WORKERS": "1"}
        proc = subprocess.Popen(
            cmd, env=environ, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        deadline = time.monotonic() + (plan.after or 1.0)
        last = -1
        growing = False
        while proc.poll() is None and not (growing and time.monotonic() >= deadline):
            size = wal.stat().st_size if wal.exists() else -1
            growing = size > last >= 0
            last = size
            time.sleep(0.003)
        interrupted = proc.poll() is None
        if interrupted:
            proc.send_signal(plan.sig)
        _, err = proc.communicate(timeout=120)
        code = proc.returncode
        inside = interrupted and growing and plan.sig == signal.SIGKILL
    if "Traceback" in err:
        return f"traceback after the signal: {err.strip().splitlines()[-1][:160]}"
    if plan.sig == signal.SIGTERM and code not in (0, 130) and code != -signal.SIGTERM:
        if not (plan.inject and code in (0, 130, 143)):
            return f"SIGTERM exit {code}: {err.strip()[-160:]}"
    if interrupted:
        landed["killed"] += 1
    if inside:
        landed["inside"] += 1
    if store.exists():
        out, errs = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(errs):
            code2 = main(["--store", str(store), "store", "check"])
        warning = [line for line in errs.getvalue().splitlines() if line.strip()]
        if code2 != 0 and not any("is empty" in line for line in warning):
            return f"store does not open after the kill: {errs.getvalue().strip()[:200]}"
        if any("discarded" in line for line in warning):
            landed["warned"] += 1
        if len([w for w in warning if "warning" in w]) > 1:
            return f"more than one warning line: {warning}"
    ingest_into(store, [str(feed)])
    if sorted_export(store) != expected:
        return "re-ingest does not end identical to an uninterrupted run"
    return None


# 3. statements --------------------------------------------------------------------------------
REFUSED = [
    "CREATE (n:Place {id: 'x', name: 'x'})",
    "create (n:Place {id: 'x'})",
    "MERGE (n:Place {id: 'x'})",
    "MATCH (a:Actor) SET a.name = 'x'",
    "MATCH (a:Actor) DELETE a",
    "MATCH (a:Actor) DETACH DELETE a",
    "MATCH (a:Actor) REMOVE a.name",
    "MATCH (a:Actor) WITH a LIMIT 1 SET a.name = 'x' RETURN a",
    "OPTIONAL MATCH (a:Actor) DETACH DELETE a",
    "UNWIND [1, 2] AS x CREATE (:Place {id: toString(x)})",
    "WITH 1 AS x CREATE (:Place {id: 'y'})",
    "MATCH (a:Actor) FOREACH (x IN [1] | SET a.name = 'y')",
    "CALL { CREATE (:Place {id: 'z'}) } RETURN 1",
    "MATCH (a:Actor) CALL { WITH a SET a.name = 'q' } RETURN a",
    "RETURN 1 UNION ALL MATCH (a:Actor) SET a.name = 'x' RETURN 1",
    "PROFILE CREATE (:Place {id: 'p'})",
    "EXPLAIN MATCH (a:Actor) DELETE a",
    "DROP TABLE Actor",
    "DROP TABLE IF EXISTS Meta",
    "ALTER TABLE Actor ADD extra STRING",
    "ALTER TABLE Actor RENAME TO Person",
    "CREATE NODE TABLE Evil(id STRING, PRIMARY KEY(id))",
    "CREATE REL TABLE Evil2(FROM Actor TO Actor)",
    "CREATE MACRO evil(x) AS x + 1",
    "CREATE SEQUENCE evil_seq",
    "DROP SEQUENCE IF EXISTS evil_seq",
    "COMMENT ON TABLE Actor IS 'x'",
    "comment on table Actor is 'x'",
    "ANALYZE",
    "ANALYZE Actor",
    "INSTALL httpfs",
    "UNINSTALL httpfs",
    "UPDATE httpfs",
    "LOAD EXTENSION httpfs",
    "LOAD httpfs",
    "LOAD FROM '/etc/passwd' RETURN *",
    "COPY Actor FROM '/etc/passwd'",
    "COPY (MATCH (a:Actor) RETURN a.name) TO '{tmp}/copied.csv'",
    "EXPORT DATABASE '{tmp}/exported'",
    "IMPORT DATABASE '{tmp}/exported'",
    "ATTACH '{tmp}/other.lbug' AS other (dbtype lbug)",
    "DETACH other",
    "USE other",
    "CHECKPOINT",
    "BEGIN TRANSACTION",
    "BEGIN TRANSACTION READ ONLY",
    "COMMIT",
    "ROLLBACK",
    "CALL threads=1",
    "CALL timeout=1",
    "CALL checkpoint_threshold=0",
    "CALL create_fts_index('Actor', 'fts', ['name'])",
    "CALL drop_fts_index('Actor', 'fts')",
    "CALL project_graph('g', ['Actor'], [])",
    "CALL drop_projected_graph('g')",
    "CALL create_vector_index('Actor', 'vx', 'name')",
    "MATCH (n) RETURN n; CREATE (:Place {id: 'm'})",
    "RETURN 1; DROP TABLE Actor",
    "RETURN 'a;b'; MATCH (a:Actor) DELETE a",
    "RETURN 'it\\'s'; MATCH (a:Actor) DELETE a",
    "MATCH (a:Actor) /* harmless */ SET a.name = 'x'",
    "MATCH (a:Actor) // comment\nSET a.name = 'x'",
    "/* RETURN 1 */ CREATE (:Place {id: 'c'})",
    "// RETURN 1\nCREATE (:Place {id: 'c'})",
    "\ufeffCREATE (:Place {id: 'bom'})",
    "  \n\tCREATE (:Place {id: 'ws'})",
    "MATCH (a:Actor) SET a.`name` = 'x'",
    "MATCH (`a`:Actor) DETACH DELETE `a`",
    "MATCH (a:Actor) WHERE a.name = 'SET' DELETE a",
    "RETURN 1 AS x UNION MATCH (a:Actor) DELETE a RETURN 1 AS x",
    "CrEaTe (n:Place {id: 'mixed'})",
    "MATCH (a:Actor) SET a += {name: 'x'}",
    "MATCH (a:Actor) WITH a MERGE (a)-[:MET]->(a)",
    "MATCH (a:Actor) CREATE (a)-[:MET]->(a)",
    "CALL db.clearQueryCaches()",
    "CALL apoc.periodic.iterate('MATCH (n) RETURN n', 'DETACH DELETE n', {})",
    "CALL dbms.security.createUser('x', 'y')",
    "CREATE DATABASE evil",
    "CREATE GRAPH evil",
    "TERMINATE TRANSACTIONS 'x'",
    "GRANT ALL ON DATABASE * TO x",
    "SHOW USERS",
    "STOP DATABASE neo4j",
]
HARMLESS = [
    "RETURN 1 AS create",
    "RETURN 'CREATE (n)' AS s",
    "MATCH (a:Actor) RETURN a.name AS set LIMIT 1",
    "// CREATE (n)\nRETURN 1 AS x",
    "RETURN 1 AS x /* DROP TABLE Actor */",
    "MATCH (n) RETURN count(n) AS delete",
    "WITH 1 AS merge RETURN merge",
    "UNWIND [1, 2] AS remove RETURN remove",
    "CALL show_tables() RETURN name",
    "CALL table_info('Actor') RETURN *",
    "OPTIONAL MATCH (a:Actor) RETURN a.name LIMIT 1",
    "MATCH (a:Actor) WHERE a.name CONTAINS 'SET' RETURN a.name",
    "RETURN 1 AS x;",
    "  \n RETURN 1 AS x",
    "MATCH (a:Actor)-[r]->(b) RETURN a.name, b.name LIMIT 3",
    "MATCH (a:Actor) RETURN upper('drop') AS commit LIMIT 1",
    "RETURN 'a;b' AS semicolon",
    "MATCH (a:Article) RETURN a.title ORDER BY a.title LIMIT 2",
    "MATCH (n) WITH n LIMIT 1 RETURN label(n) AS load",
    "CALL current_setting('threads') RETURN *",
]


def statements(t: Tally, h: Tally, tmp: Path, good: Path) -> None:
    store = tmp / "stmt.lbug"
    shutil.copy(good, store)
    other = tmp / "other.lbug"
    shutil.copy(good, other)
    ext_dirs = [Path.home() / ".lbug", Path.home() / ".ladybug", Path.home() / ".kuzu"]
    before_ext = {str(d): _tree(d) for d in ext_dirs}
    for statement in REFUSED:
        text = statement.replace("{tmp}", str(tmp))
        t.case(f"refused: {text[:70]!r}", lambda s=text: _refused_statement(store, s, tmp))
    for statement in HARMLESS:
        h.case(f"passes: {statement[:70]!r}", lambda s=statement: _harmless(store, s))
    after_ext = {str(d): _tree(d) for d in ext_dirs}
    if after_ext != before_ext:
        t.failures.append("an extension folder changed during the statements")


def _tree(folder: Path) -> list[str]:
    return sorted(str(p) for p in folder.rglob("*")) if folder.exists() else []


def _refused_statement(store: Path, statement: str, tmp: Path) -> str | None:
    before = digest(store)
    code, out, err = cli("--store", str(store), "query", statement)
    if code == 0:
        return f"ran without --write: {out.strip()[:120]!r}"
    if code != 1 or "TRACEBACK" in err:
        return f"exit {code}: {err.strip()[-200:]}"
    if digest(store) != before:
        return "the store file changed"
    for side in ("copied.csv", "exported"):
        if (tmp / side).exists():
            return f"{side} was written"
    return None


def _harmless(store: Path, statement: str) -> str | None:
    code, out, err = cli("--store", str(store), "query", statement)
    if code == 0:
        return None
    if "Parser exception" in err and "pass --write" not in err:
        t_note.append(f"{statement!r} passes the guard; the engine's grammar refuses it")
        return None
    return f"refused: {err.strip()[:200]}"


# main ---------------------------------------------------------------------------------------------
def hostile_store(tmp: Path, feed: Path) -> Path:
    """A store with the feed's articles plus clippings whose titles are hostile."""
    folder = tmp / "clips"
    folder.mkdir()
    for i in range(2):
        (folder / f"c{i}.md").write_text(
            f"---\ntitle: {HOSTILE_TITLE} {i}\ndate: 2026-06-0{i + 2}\noutlet: Bad\x1b[31mOutlet\n"
            f"---\nMongolian Foreign Minister Batmunkh Battsetseg met Japanese Foreign Minister "
            f"Yoko Kamikawa in Tokyo on {i + 2} June 2026 to discuss trade.\n"
        )
    path = tmp / "out.lbug"
    ingest_into(path, [str(feed), str(folder)])
    return path


def report(tallies: list[Tally]) -> int:
    print("\n== audit figures ==")
    failed = 0
    for tally in tallies:
        print(f"{tally.title}: {tally.handled} of {tally.tried} handled")
        for note in tally.notes:
            print(f"  note: {note}")
    for note in t_note:
        print(f"note: {note}")
    for tally in tallies:
        for failure in tally.failures:
            failed += 1
            print(f"FAILED [{tally.title}] {failure}")
    print(f"{failed} failure(s)")
    return 1 if failed else 0


def run(only: set[str], kill_count: int, seed: int) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="actorgraph-audit-"))
    try:
        feed = write_feed(tmp)
        feed2 = tmp / "feed2.xml"
        (tmp / "f2").mkdir()
        write_feed(tmp / "f2", ARTICLES + 4).rename(feed2)
        good = tmp / "good.lbug"
        print(f"clean run: {ingest_into(good, [str(feed)])}", flush=True)
        EXPECTED[(str(feed),)] = sorted_export(good)
        both = tmp / "both.lbug"
        ingest_into(both, [str(feed), str(feed2)])
        EXPECTED[(str(feed), str(feed2))] = sorted_export(both)
        tallies = []
        parts = {"feeds", "files", "charsets", "stores", "output"}
        if "inputs" in only or parts & only:
            inputs = Tally("hostile or bad inputs")
            tallies.append(inputs)
            wanted = parts if "inputs" in only else parts & only
            if "feeds" in wanted:
                print("-- feeds and fetching", flush=True)
                hostile_feeds(inputs, tmp)
            if "files" in wanted:
                print("-- local files", flush=True)
                hostile_files(inputs, tmp)
            if "charsets" in wanted:
                print("-- charsets", flush=True)
                charsets(inputs, tmp)
            if "stores" in wanted:
                print("-- store files", flush=True)
                store_files(inputs, tmp, good)
            if "output" in wanted:
                print("-- output", flush=True)
                output_hygiene(inputs, tmp, hostile_store(tmp, feed))
        if "statements" in only:
            refused = Tally("statements refused without --write")
            harmless = Tally("harmless reads that pass")
            tallies += [refused, harmless]
            print("-- statements", flush=True)
            statements(refused, harmless, tmp, good)
        if "kills" in only:
            survived = Tally("kills survived with nothing lost")
            tallies.append(survived)
            print("-- kills", flush=True)
            kills(survived, tmp, kill_count, seed)
        return report(tallies)
    finally:
        with contextlib.suppress(OSError):
            shutil.rmtree(tmp)


def cli_main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=43, help="kill runs (default 43)")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument(
        "--only",
        default="inputs,kills,statements",
        help="comma list of sections: inputs (or feeds, files, charsets, stores, output), "
        "kills, statements",
    )
    args = parser.parse_args()
    with env(ACTORGRAPH_ALLOW_PRIVATE="0"):
        return run(set(args.only.split(",")), args.kills, args.seed)


if __name__ == "__main__":
    sys.exit(cli_main())
