"""The read-only check of user Cypher: write clauses are found outside literals and comments."""

from __future__ import annotations

import pytest

from actorgraph.core.errors import QueryError
from actorgraph.graph.safety import check_statement, writes_in


@pytest.mark.parametrize(
    "query, found",
    [
        ("MATCH (n) DETACH DELETE n", ["DETACH", "DELETE"]),
        ("match (n:Actor) set n.name = 'x'", ["SET"]),
        ("MERGE (p:Place {name: $n})", ["MERGE"]),
        ("CREATE (n:Actor {id: 'x'})", ["CREATE"]),
        ("MATCH (n) REMOVE n.title", ["REMOVE"]),
        ("DROP TABLE Actor", ["DROP"]),
        ("COPY Actor FROM 'actors.csv'", ["COPY"]),
        ("LOAD CSV FROM 'file:///x' AS row RETURN row", ["LOAD"]),
        ("INSTALL json", ["INSTALL"]),
        ("ALTER TABLE Actor ADD x STRING", ["ALTER"]),
        ("CALL apoc.create.node(['X'], {}) YIELD node RETURN node", ["CALL apoc.create.node"]),
        ("CALL db.createLabel('X')", ["CALL db.createLabel"]),
        ("MATCH (n) CALL { WITH n DELETE n } RETURN 1", ["DELETE"]),
    ],
)
def test_write_clauses_are_found(query: str, found: list[str]) -> None:
    assert writes_in(query) == found
    with pytest.raises(QueryError, match="query writes to the store .*; pass --write"):
        check_statement(query, write=False)
    check_statement(query, write=True)  # allowed with --write


@pytest.mark.parametrize(
    "query",
    [
        "MATCH (n:Actor) WHERE n.name = 'CREATE DELETE' RETURN n",
        'MATCH (n:Actor) WHERE n.title = "SET \\" MERGE" RETURN n',
        "MATCH (n) RETURN n // then DELETE it\n",
        "MATCH (n) /* MERGE\n CREATE */ RETURN n.set AS `delete`",
        "MATCH (n:Actor) WHERE n.name STARTS WITH $create RETURN n.start AS start",
        "CALL db.labels() YIELD label RETURN label",
        "CALL show_tables() RETURN *",
        "MATCH (e:Event)-[r:REPORTED_IN]->(s) RETURN r.`end` AS `end`;",
    ],
)
def test_reads_pass(query: str) -> None:
    assert writes_in(query) == []
    check_statement(query, write=False)


def test_one_statement_only() -> None:
    with pytest.raises(QueryError, match="one statement at a time"):
        check_statement("MATCH (n) RETURN n; MATCH (n) DETACH DELETE n", write=True)
    with pytest.raises(QueryError, match="empty query"):
        check_statement("  // nothing\n", write=False)


def test_query_timeout_on_embedded_store(tmp_path) -> None:  # noqa: ANN001
    import time

    from actorgraph.graph.ladybug_store import LadybugStore

    slow = (
        "UNWIND range(1, 2000) AS i UNWIND range(1, 2000) AS j UNWIND range(1, 200) AS k "
        "WITH i, j, k WHERE (i * j + k) % 7 = 3 RETURN count(*) AS n"
    )
    with LadybugStore(tmp_path / "t.lbug", query_timeout=0.3) as store:
        started = time.monotonic()
        with pytest.raises(QueryError, match=r"query timed out after 0.3 s"):
            store.run(slow)
        assert time.monotonic() - started < 10
        assert store.run("RETURN 1 AS one") == [{"one": 1}]  # the connection still works
