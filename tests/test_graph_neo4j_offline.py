"""Neo4j connection failures give one clear line (no server needed: loopback ports only)."""

from __future__ import annotations

import dataclasses
import socket

import pytest

from actorgraph.core.errors import StoreError
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.graph.neo4j_store import neo4j_statements


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_unreachable_server(scheme: str) -> None:
    uri = f"{scheme}://127.0.0.1:{free_port()}"
    settings = dataclasses.replace(Settings(), neo4j_uri=uri, neo4j_password="x")
    with pytest.raises(StoreError) as info:
        open_store(settings)
    message = str(info.value)
    assert message.startswith(f"cannot reach Neo4j at {uri}") and "\n" not in message
    assert "is the server running?" in message


@pytest.mark.parametrize("uri", ["ftp://127.0.0.1:7687", "localhost:7687"])
def test_wrong_uri(uri: str) -> None:
    settings = dataclasses.replace(Settings(), neo4j_uri=uri)
    with pytest.raises(StoreError, match="is not a usable Neo4j URI") as info:
        open_store(settings)
    assert "\n" not in str(info.value)


def test_statement_list_covers_schema_writes_and_reads() -> None:
    names = [name for name, _, _ in neo4j_statements()]
    assert any(n.startswith("schema_") for n in names)
    assert {"write_articles", "write_actors", "write_participants", "events", "clear"} <= set(names)
    texts = [text for _, text, _ in neo4j_statements()]
    assert any("REQUIRE n.id IS UNIQUE" in t for t in texts)
    assert not any("CREATE NODE TABLE" in t for t in texts)


@pytest.mark.parametrize(
    "code, message, expected",
    [
        (
            "Neo.ClientError.Security.Unauthorized",
            "The client is unauthorized due to authentication failure.",
            "Neo4j at bolt://db:7687 refused user 'neo4j': wrong user or password",
        ),
        (
            "Neo.ClientError.Database.DatabaseNotFound",
            "Database does not exist. Database name: 'news'.",
            "Neo4j at bolt://db:7687 has no database 'news' (check NEO4J_DATABASE)",
        ),
    ],
)
def test_server_refusals_become_one_line(code: str, message: str, expected: str) -> None:
    """The errors the driver builds from these server codes (no server here to send them)."""
    from neo4j.exceptions import Neo4jError

    from actorgraph.graph.neo4j_store import connection_error

    error = Neo4jError._hydrate_neo4j(code=code, message=message)
    line = str(connection_error("bolt://db:7687", "news", "neo4j", error))
    assert line.startswith(expected) and "\n" not in line


@pytest.mark.parametrize(
    ("uri", "routed"),
    [
        ("neo4j://core1.example:7687", True),
        ("neo4j+s://cluster.example:7687", True),
        ("bolt://one.example:7687", False),
    ],
)
def test_routing_driver_for_cluster_uris(uri: str, routed: bool) -> None:
    """Scale-out (issue 12): ``neo4j://`` URIs get the routing driver (reads on secondaries);
    checked without a server, since creating a driver opens no connection."""
    import neo4j

    from actorgraph.graph.neo4j_store import make_driver

    driver = make_driver(uri, "neo4j", "secret")
    try:
        assert isinstance(driver, neo4j.Neo4jDriver) is routed
        assert isinstance(driver, neo4j.BoltDriver) is not routed
    finally:
        driver.close()
