"""The Neo4j backend (official driver): managed transactions with retries on transient errors,
READ access mode for read-only queries, every driver exception turned into a StoreError."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import neo4j
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from actorgraph.core.errors import QueryError, StoreError
from actorgraph.graph.cypher import all_statements, schema_statements
from actorgraph.graph.cypher_store import CypherStore, Execute
from actorgraph.graph.values import PLAIN_TYPES, plain, plain_list

ENGINE = "neo4j"
# The driver logs connection failures as warnings; the StoreError below says it in one line.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


def neo4j_statements() -> list[tuple[str, str, dict[str, Any]]]:
    """``(name, cypher, example params)`` of every statement this backend sends (for linting)."""
    return all_statements(ENGINE)


def neo4j_value(value: Any) -> Any:
    """Driver values as plain Python: nodes/relationships as property dicts, temporals as ISO."""
    if isinstance(value, Node):
        return {
            **{k: neo4j_value(v) for k, v in value.items()},
            "_label": ":".join(sorted(value.labels)),
        }
    if isinstance(value, Relationship):
        return {**{k: neo4j_value(v) for k, v in value.items()}, "_label": value.type}
    if isinstance(value, Path):
        return {
            "nodes": [neo4j_value(n) for n in value.nodes],
            "relationships": [neo4j_value(r) for r in value.relationships],
        }
    if isinstance(value, dict):
        return {k: neo4j_value(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return plain(value, neo4j_value)


def _line(exc: BaseException) -> str:
    """The first line of an error: the server's message for Neo4j errors, else ``str(exc)``."""
    server = getattr(exc, "message", None) if isinstance(exc, neo4j_errors.Neo4jError) else None
    text = server or str(exc) or type(exc).__name__
    return str(text).strip().splitlines()[0]


def connection_error(uri: str, database: str | None, user: str, exc: BaseException) -> StoreError:
    """One clear line for the ways a connection fails."""
    code = getattr(exc, "code", "") or ""
    if isinstance(exc, neo4j_errors.AuthError) or "Unauthorized" in code:
        return StoreError(
            f"Neo4j at {uri} refused user {user!r}: wrong user or password "
            "(set NEO4J_USER / NEO4J_PASSWORD)"
        )
    if "DatabaseNotFound" in code:
        return StoreError(f"Neo4j at {uri} has no database {database!r} (check NEO4J_DATABASE)")
    if isinstance(exc, neo4j_errors.ServiceUnavailable | OSError):
        return StoreError(f"cannot reach Neo4j at {uri}: {_line(exc)} (is the server running?)")
    if isinstance(exc, neo4j_errors.ConfigurationError | ValueError | ImportError):
        return StoreError(
            f"{uri!r} is not a usable Neo4j URI ({_line(exc).split('. Supported')[0]}); "
            "expected neo4j://HOST:7687 or bolt://HOST:7687"
        )
    return StoreError(f"Neo4j at {uri} failed: {_line(exc)}")


def make_driver(uri: str, user: str, password: str) -> neo4j.Driver:
    """The official driver for ``uri``: ``neo4j://`` (and ``neo4j+s://``) give the routing
    driver, which sends write transactions to the cluster's leader and read transactions
    (``execute_read``, READ access mode, as every read here is) to secondaries; ``bolt://``
    talks to one server. Creating it opens no connection."""
    return neo4j.GraphDatabase.driver(uri, auth=(user, password))


class Neo4jStore(CypherStore):
    """A :class:`GraphStore` on a Neo4j 5 server."""

    engine = ENGINE

    def __init__(
        self,
        uri: str,
        *,
        user: str = "neo4j",
        password: str = "",
        database: str | None = None,
        read_only: bool = False,
        query_timeout: float = 30.0,
    ) -> None:
        self.uri, self.user, self.database = uri, user, database
        self.read_only = read_only
        self.query_timeout = query_timeout
        self._driver: neo4j.Driver | None = None
        try:
            self._driver = make_driver(uri, user, password)
            self._driver.verify_connectivity()
            with self._session(neo4j.READ_ACCESS) as session:
                session.run("RETURN 1").consume()  # fails here when the database is missing
            if not read_only:
                with self._session(neo4j.WRITE_ACCESS) as session:
                    for statement in schema_statements(ENGINE):
                        session.run(statement).consume()
        except Exception as exc:
            self.close()
            raise connection_error(uri, database, user, exc) from exc

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def _session(self, mode: str) -> neo4j.Session:
        if self._driver is None:
            raise StoreError(f"Neo4j store {self.uri} is closed")
        return self._driver.session(database=self.database, default_access_mode=mode)

    # primitives ----------------------------------------------------------------------------------
    @staticmethod
    def _rows(
        tx: neo4j.ManagedTransaction, statement: str, params: dict[str, Any]
    ) -> list[dict[str, Any]]:
        result = tx.run(statement, params)
        keys = result.keys()
        rows = []
        for record in result:
            values = record.values()
            for i, v in enumerate(values):
                kind = type(v)
                if kind not in PLAIN_TYPES and not (kind is list and plain_list(v)):
                    values[i] = neo4j_value(v)
            rows.append(dict(zip(keys, values, strict=True)))
        return rows

    def _in_transaction(self, work: Callable[[Execute], Any]) -> Any:
        if self.read_only:
            raise StoreError(f"Neo4j store {self.uri} was opened read-only")

        def unit(tx: neo4j.ManagedTransaction) -> Any:
            return work(lambda statement, params: self._rows(tx, statement, params))

        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                return session.execute_write(unit)
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(
                f"write to Neo4j at {self.uri} failed and was rolled back: {_line(exc)}"
            ) from exc

    def _read(self, statement: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            with self._session(neo4j.READ_ACCESS) as session:
                return session.execute_read(lambda tx: self._rows(tx, statement, params or {}))
        except Exception as exc:
            raise StoreError(f"read from Neo4j at {self.uri} failed: {_line(exc)}") from exc

    def _run_user(
        self, statement: str, params: dict[str, Any], write: bool
    ) -> list[dict[str, Any]]:
        if write and self.read_only:
            raise QueryError(f"Neo4j store {self.uri} was opened read-only; pass --write")
        timeout = self.query_timeout if self.query_timeout > 0 else None

        @neo4j.unit_of_work(timeout=timeout)
        def unit(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return self._rows(tx, statement, params)

        try:
            with self._session(neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS) as session:
                return session.execute_write(unit) if write else session.execute_read(unit)
        except Exception as exc:
            code = getattr(exc, "code", "") or ""
            if "TransactionTimedOut" in code or "Timeout" in code:
                raise QueryError(f"query timed out after {self.query_timeout:g} s") from exc
            if isinstance(exc, neo4j_errors.ServiceUnavailable | neo4j_errors.SessionExpired):
                raise StoreError(
                    f"lost the connection to Neo4j at {self.uri}: {_line(exc)}"
                ) from exc
            raise QueryError(f"query failed: {_line(exc)}") from exc
