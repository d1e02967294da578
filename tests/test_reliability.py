"""Issue 11 findings: hostile fetches, read-only stores, strict output (one test per finding)."""

from __future__ import annotations

import json
import math
import os
import socket
import threading
import time
import uuid
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import ladybug
import pytest
from loopback import Route, serve

from actorgraph.cli.main import main
from actorgraph.cli.output import clean, format_rows
from actorgraph.core.errors import ConfigError, QueryError, SourceError, StoreError
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.graph.ladybug_store import SCHEMA_VERSION
from actorgraph.graph.safety import check_statement
from actorgraph.ingest import SeenIndex, collect
from actorgraph.ingest.charset import decode
from actorgraph.ingest.fetch import fetch
from actorgraph.ingest.files import read_bytes
from actorgraph.report.weeks import iso_week_bounds

FAST = Settings(http_timeout=1.0)


def rss(link: str) -> bytes:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>'
        f"<item><title>Story</title><link>{link}</link></item></channel></rss>"
    ).encode()


# hostile fetching ---------------------------------------------------------------------------
def test_redirect_to_ftp_is_refused_before_any_connection() -> None:
    hits: list[bytes] = []
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(0.5)
    port = listener.getsockname()[1]
    with serve({"/r": Route(redirect=f"ftp://127.0.0.1:{port}/x")}) as site:
        with pytest.raises(SourceError, match="unsupported URL scheme 'ftp'"):
            fetch(site.url("/r"), FAST, trusted={"127.0.0.1"})
    try:
        conn, _ = listener.accept()
        hits.append(conn.recv(100))
    except TimeoutError:
        pass
    listener.close()
    assert hits == []


def test_feed_links_and_redirects_to_internal_hosts_are_not_fetched() -> None:
    secret = Route(b"<html><body><p>internal admin secret text</p></body></html>")
    with serve({"/secret": secret}) as site:
        port = site.url("/").split(":")[2].split("/")[0]
        internal = f"http://localhost:{port}/secret"  # a host the user did not name
        site.routes["/feed"] = Route(rss(internal), "application/rss+xml")
        site.routes["/hop"] = Route(redirect=internal)
        site.routes["/feed2"] = Route(rss(site.url("/hop")), "application/rss+xml")
        items = list(collect([site.url("/feed"), site.url("/feed2")], FAST, SeenIndex()))
        texts = [getattr(i, "text", "") for i in items]
        assert not any("secret" in t for t in texts)
        assert site.hits("/secret") == 0
        reasons = [getattr(i, "reason", "") for i in items]
        assert sum("internal address" in r for r in reasons) == 2
        with pytest.raises(SourceError, match="internal address 169.254.169.254"):
            fetch("http://169.254.169.254/latest/meta-data/", FAST)


def test_allow_private_env_lets_internal_hosts_through(monkeypatch: pytest.MonkeyPatch) -> None:
    with serve({"/a": Route(b"ok")}) as site:
        url = site.url("/a").replace("127.0.0.1", "localhost")
        with pytest.raises(SourceError, match="internal"):
            fetch(url, FAST)
        monkeypatch.setenv("ACTORGRAPH_ALLOW_PRIVATE", "1")
        assert fetch(url, FAST).body == b"ok"


def test_more_than_five_redirects_fail() -> None:
    routes = {f"/r{i}": Route(redirect=f"/r{i + 1}") for i in range(7)}
    routes["/r7"] = Route(b"end")
    with serve(routes) as site:
        with pytest.raises(SourceError, match="more than 5 redirects"):
            fetch(site.url("/r0"), FAST, trusted={"127.0.0.1"})
        assert fetch(site.url("/r3"), FAST, trusted={"127.0.0.1"}).body == b"end"


def test_headers_sent_one_byte_at_a_time_hit_the_overall_deadline() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    stop = threading.Event()

    def trickle() -> None:
        conn, _ = server.accept()
        conn.recv(4096)
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 200:
            if stop.is_set():
                break
            try:
                conn.send(bytes([byte]))
            except OSError:
                break
            time.sleep(0.1)
        conn.close()

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    started = time.monotonic()
    with pytest.raises(SourceError, match="timed out after 1s"):
        fetch(f"http://127.0.0.1:{server.getsockname()[1]}/", FAST, trusted={"127.0.0.1"})
    elapsed = time.monotonic() - started
    stop.set()
    thread.join(5)
    server.close()
    assert elapsed < 3  # one deadline for headers and body, not a timeout per byte


def test_fifo_and_dev_zero_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    for path in (fifo, Path("/dev/zero")):
        with pytest.raises(SourceError, match="not a regular file"):
            read_bytes(path, str(path), 1000)


def test_undeclared_cp1251_and_gb2312_decode_right() -> None:
    russian = "Министр иностранных дел Монголии встретился с коллегой в Москве. " * 5
    chinese = "蒙古国外交部长在北京会见了中国外交部长，双方讨论了合作问题。" * 5
    for text, codec in ((russian, "cp1251"), (chinese, "gb2312")):
        body = f"<html><body><p>{text}</p></body></html>".encode(codec)
        assert text in decode(body)


# read-only means read-only ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "query",
    ["COMMENT ON TABLE Actor IS 'x'", "ANALYZE", "UPDATE httpfs", "CREATE (n:Place {name: 'x'})"],
)
def test_writes_and_side_effects_are_refused_without_write(query: str) -> None:
    with pytest.raises(QueryError, match="pass --write"):
        check_statement(query, write=False)


def test_harmless_reads_pass() -> None:
    for query in ("RETURN 1 AS create", "MATCH (n) RETURN n.name AS set LIMIT 1"):
        check_statement(query, write=False)


def _make_store(path: Path) -> None:
    with open_store(replace(Settings(), store_path=path)):
        pass


def test_reading_never_changes_the_store_file(tmp_path: Path) -> None:
    path = tmp_path / "s.lbug"
    _make_store(path)
    before = path.read_bytes()
    with open_store(replace(Settings(), store_path=path), read_only=True) as store:
        store.counts()
        with pytest.raises(QueryError):
            store.run("MATCH (a:Actor) SET a.name = 'x'", write=False)
    assert path.read_bytes() == before
    assert not (tmp_path / "s.lbug.wal").exists()


def test_empty_foreign_and_other_version_stores_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.lbug"
    empty.write_bytes(b"")
    foreign = tmp_path / "foreign.lbug"
    db = ladybug.Database(str(foreign))
    conn = ladybug.Connection(db)
    conn.execute("CREATE NODE TABLE Customer(id STRING, PRIMARY KEY(id))")
    conn.close()
    db.close()
    old = tmp_path / "old.lbug"
    _make_store(old)
    db = ladybug.Database(str(old))
    conn = ladybug.Connection(db)
    conn.execute("MATCH (m:Meta) SET m.value = '0'")
    conn.close()
    db.close()
    cases = {
        empty: "empty \\(0-byte\\) file",
        foreign: "another program \\(tables: Customer\\)",
        old: f"schema version 0, this actorgraph expects {SCHEMA_VERSION}",
    }
    for path, message in cases.items():
        size = path.stat().st_size
        for read_only in (True, False):
            with pytest.raises(StoreError, match=message):
                open_store(replace(Settings(), store_path=path), read_only=read_only)
        assert path.stat().st_size == size  # not formatted, not migrated


def test_store_migrate_needs_a_backup_and_then_opens(tmp_path: Path, capsys) -> None:
    old = tmp_path / "old.lbug"
    _make_store(old)
    db = ladybug.Database(str(old))
    conn = ladybug.Connection(db)
    conn.execute("MATCH (m:Meta) DELETE m")
    conn.close()
    db.close()
    with pytest.raises(SystemExit):
        main(["--store", str(old), "store", "migrate"])  # --backup is required
    assert main(["--store", str(old), "store", "migrate", "--backup", str(tmp_path / "b")]) == 0
    assert (tmp_path / "b").exists()
    assert main(["--store", str(old), "store", "check"]) == 0
    assert f"schema version {SCHEMA_VERSION}" in capsys.readouterr().out


def test_store_migrate_builds_the_date_index_of_a_version_1_store(tmp_path: Path) -> None:
    """A store written before the date index (version 1: no Day nodes, no DATED edges) is
    refused until migrated; after ``store migrate`` its events are found by date again."""
    from graph_fixture_data import DOCS

    old = tmp_path / "old.lbug"
    with open_store(replace(Settings(), store_path=old)) as store:
        store.write(DOCS)
        dated = sorted({e.date for d in DOCS for e in d.events if e.date})
        lo, hi = dated[0], dated[-1] + "~"
        want = [e.id for e in store.events(since=lo, until=hi)]
    assert want
    db = ladybug.Database(str(old))
    conn = ladybug.Connection(db)
    conn.execute("MATCH (d:Day) DETACH DELETE d")
    conn.execute("MATCH (m:Meta) SET m.value = '1'")
    conn.close()
    db.close()
    with pytest.raises(StoreError, match="schema version 1"):
        open_store(replace(Settings(), store_path=old))
    assert main(["--store", str(old), "store", "migrate", "--backup", str(tmp_path / "b")]) == 0
    with open_store(replace(Settings(), store_path=old), read_only=True) as store:
        assert store.days() == dated
        assert [e.id for e in store.events(since=lo, until=hi)] == want


# output hygiene -------------------------------------------------------------------------------
def test_json_output_is_strict_json_for_every_engine_value() -> None:
    rows = [
        {
            "u": uuid.UUID(int=5),
            "b": b"\x00\xff",
            "d": Decimal("1.10"),
            "i": 2**100,
            "nan": math.nan,
            "inf": math.inf,
        }
    ]
    text = format_rows(rows, "json")
    data = json.loads(text, parse_constant=lambda c: pytest.fail(f"not JSON: {c}"))
    assert data == [
        {
            "u": str(uuid.UUID(int=5)),
            "b": "AP8=",
            "d": "1.10",
            "i": str(2**100),
            "nan": None,
            "inf": None,
        }
    ]


def test_control_characters_never_reach_the_terminal() -> None:
    hostile = "Minister\x1b[2J\x1b]0;pwned\x07 met \x9b31m envoy\x00"
    table = format_rows([{"name": hostile}], "table")
    assert "\x1b" not in table and "\x07" not in table and "\x9b" not in table
    assert clean(hostile) == "Minister?[2J?]0;pwned? met ?31m envoy?"


def test_far_future_week_is_a_clean_error() -> None:
    with pytest.raises(ConfigError, match="9999-W52"):
        iso_week_bounds("9999-W52")
