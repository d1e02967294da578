"""The embedded default backend: a Ladybug database file (one process at a time)."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import ladybug

from actorgraph.core.errors import QueryError, StoreError, StoreInUseError
from actorgraph.graph.cypher import schema_statements
from actorgraph.graph.cypher_store import CypherStore, Execute
from actorgraph.graph.values import ladybug_rows

_LOCK_PID = re.compile(r"Lock is held by PID (\d+)")
LOCK_RETRY_SECONDS = 0.2


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]


def is_lock_error(exc: BaseException) -> bool:
    return "Could not set lock" in str(exc) or "Lock is held" in str(exc)


def in_use_error(path: Path, exc: BaseException) -> StoreInUseError:
    """The one-line "store in use" error, with the holder's PID when Ladybug names it."""
    match = _LOCK_PID.search(str(exc))
    holder = f"PID {match.group(1)}" if match else "another process"
    return StoreInUseError(
        f"store {path} is in use by {holder} (another actorgraph process?); "
        "retry later or pass --wait SECONDS"
    )


def open_database(path: Path, *, wait_seconds: float) -> ladybug.Database:
    """Open the file, retrying while another process holds the lock until ``wait_seconds``."""
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    while True:
        try:
            return ladybug.Database(str(path))
        except RuntimeError as exc:
            if not is_lock_error(exc):
                raise StoreError(f"cannot open store {path}: {_first_line(exc)}") from exc
            if time.monotonic() >= deadline:
                raise in_use_error(path, exc) from exc
            time.sleep(min(LOCK_RETRY_SECONDS, max(deadline - time.monotonic(), 0.01)))


class LadybugStore(CypherStore):
    """A :class:`GraphStore` on an embedded Ladybug file."""

    engine = "ladybug"

    def __init__(
        self,
        path: Path | str,
        *,
        read_only: bool = False,
        wait_seconds: float = 0.0,
        query_timeout: float = 30.0,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.query_timeout = query_timeout
        if not self.path.parent.exists():
            raise StoreError(
                f"cannot create store {self.path}: directory {self.path.parent} does not exist"
            )
        # Ladybug's own read-only mode takes no lock, so a reader would not notice a writer in
        # another process: open read-write to hold the lock, and refuse writes ourselves.
        self._db = open_database(self.path, wait_seconds=wait_seconds)
        try:
            self._conn = ladybug.Connection(self._db)
            for statement in schema_statements(self.engine):
                self._conn.execute(statement)
        except RuntimeError as exc:
            self._db.close()
            raise StoreError(f"cannot open store {self.path}: {_first_line(exc)}") from exc

    def close(self) -> None:
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        self._conn = self._db = None  # type: ignore[assignment]
        if conn is not None:
            conn.close()
        if db is not None:
            db.close()

    # primitives ----------------------------------------------------------------------------------
    def _connection(self) -> ladybug.Connection:
        if self._conn is None:
            raise StoreError(f"store {self.path} is closed")
        return self._conn

    def _execute(
        self, statement: str, params: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        result = self._connection().execute(statement, params or {})
        if isinstance(result, list):  # several statements: keep the last result
            result = result[-1]
        return ladybug_rows(result.get_column_names(), result.get_all())

    def _in_transaction(self, work: Callable[[Execute], Any]) -> Any:
        if self.read_only:
            raise StoreError(f"store {self.path} was opened read-only")
        conn = self._connection()
        try:
            conn.execute("BEGIN TRANSACTION")
            outcome = work(self._execute)
            conn.execute("COMMIT")
            return outcome
        except BaseException as exc:
            self._rollback()
            if not isinstance(exc, Exception):
                raise  # KeyboardInterrupt and friends: rolled back, then propagated as they are
            raise StoreError(
                f"write to store {self.path} failed and was rolled back: {_first_line(exc)}"
            ) from exc

    def _rollback(self) -> None:
        try:
            self._connection().execute("ROLLBACK")
        except RuntimeError:
            pass  # Ladybug already rolled back the failed transaction

    def _read(self, statement: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        try:
            return self._execute(statement, params)
        except RuntimeError as exc:
            raise StoreError(f"read from store {self.path} failed: {_first_line(exc)}") from exc

    def _run_user(
        self, statement: str, params: dict[str, Any], write: bool
    ) -> list[dict[str, Any]]:
        if write and self.read_only:
            raise QueryError(f"store {self.path} was opened read-only; pass --write")
        conn = self._connection()
        timeout_ms = int(self.query_timeout * 1000) if self.query_timeout > 0 else 0
        conn.set_query_timeout(timeout_ms)
        try:
            return self._execute(statement, params)
        except RuntimeError as exc:
            message = _first_line(exc)
            if "interrupt" in message.lower() or "timeout" in message.lower():
                raise QueryError(f"query timed out after {self.query_timeout:g} s") from exc
            raise QueryError(f"query failed: {message}") from exc
        except (TypeError, ValueError) as exc:
            raise QueryError(f"query parameters not accepted: {_first_line(exc)}") from exc
        finally:
            conn.set_query_timeout(0)
