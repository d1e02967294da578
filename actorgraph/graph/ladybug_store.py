"""The embedded default backend: a Ladybug database file (one writer at a time).

Opening never loses committed data: an interrupted commit's log is replayed up to the last whole
transaction (with a warning). Opening to read uses Ladybug's read-only mode (no lock, no schema
statements, the engine refuses writes). A file that is empty, not a Ladybug database, or an
actorgraph store of another schema version is refused, never formatted or migrated.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import sys
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


# 2: the date index (Day nodes, ON edges; ``store migrate`` builds it for a version-1 store)
SCHEMA_VERSION = 2
MIN_FREE_BYTES = int(os.environ.get("ACTORGRAPH_MIN_FREE_MB") or 32) * 1_000_000
MAGIC = b"LBUG"
META_DDL = "CREATE NODE TABLE IF NOT EXISTS Meta(key STRING, value STRING, PRIMARY KEY(key))"
SET_VERSION = "MERGE (m:Meta {key: 'schema_version'}) SET m.value = $v"
GET_VERSION = "MATCH (m:Meta {key: 'schema_version'}) RETURN m.value AS v"
_WAL_ERRORS = ("wal", "checksum", "reading past the end")


def wal_path(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def check_file(path: Path) -> None:
    """Refuse what is not a Ladybug database before the engine sees (and formats) it."""
    if not path.exists() or path.is_dir():
        return  # a new store, or one the engine refuses in its own words
    if not path.is_file():
        raise StoreError(f"store {path} is not a regular file; expected a Ladybug database")
    with path.open("rb") as fh:
        head = fh.read(len(MAGIC))
    if not head:
        raise StoreError(
            f"store {path} is an empty (0-byte) file; expected a Ladybug database "
            "(remove it to start a new store)"
        )
    if head != MAGIC:
        raise StoreError(
            f"store {path} is not a Ladybug database (starts with {head!r}, expected {MAGIC!r})"
        )


def _is_wal_error(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(word in text for word in _WAL_ERRORS)


def _engine_error(path: Path, exc: BaseException) -> StoreError:
    text = _first_line(exc)
    if "No space left" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return StoreError(f"store {path}: disk full; free space and re-run (store kept)")
    return StoreError(f"cannot open store {path}: {text}")


def _database(path: Path, read_only: bool) -> ladybug.Database:
    """Open once strictly; if the log of an interrupted commit is torn, replay its whole
    transactions only and say so on stderr."""
    try:
        return ladybug.Database(str(path), read_only=read_only)
    except RuntimeError as exc:
        if read_only and "recovery is pending" in str(exc):
            # A writer was killed while checkpointing: finish its recovery (this takes the
            # writer lock, so a live writer makes it a lock error and we wait), then read.
            _database(path, read_only=False).close()
            return _database(path, read_only=True)
        if is_lock_error(exc) or not _is_wal_error(exc):
            raise
    db = ladybug.Database(str(path), read_only=read_only, throw_on_wal_replay_failure=False)
    print(
        f"warning: store {path}: an interrupted write was discarded; "
        "every committed batch was kept (re-run the ingest to redo the rest)",
        file=sys.stderr,
    )
    return db


def open_database(path: Path, *, wait_seconds: float, read_only: bool = False) -> ladybug.Database:
    """Open the file, retrying while another process holds the lock until ``wait_seconds``."""
    check_file(path)
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    while True:
        try:
            return _database(path, read_only)
        except RuntimeError as exc:
            if not is_lock_error(exc):
                raise _engine_error(path, exc) from exc
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
        # Read-only opens take no lock: a reader can run while an ingest writes, and sees the
        # batches committed so far. The engine itself refuses writes on such a connection.
        new = not self.path.exists()
        self._db = open_database(self.path, wait_seconds=wait_seconds, read_only=read_only)
        try:
            self._conn = ladybug.Connection(self._db)
            found = self.schema_version()
            if new or (found is None and not self.tables()):
                if read_only:
                    raise StoreError(f"store {self.path} is empty; run an ingest first")
                self.create_schema()
            elif found != SCHEMA_VERSION:
                raise StoreError(self.version_message(found))
        except RuntimeError as exc:
            self.close()
            raise _engine_error(self.path, exc) from exc
        except StoreError:
            self.close()
            raise

    # schema and version ------------------------------------------------------------------------
    def tables(self) -> list[str]:
        rows = self._execute("CALL show_tables() RETURN name")
        return sorted(str(r["name"]) for r in rows)

    def schema_version(self) -> int | None:
        """The actorgraph schema version in the store; None when it has no Meta table."""
        if "Meta" not in self.tables():
            return None
        rows = self._execute(GET_VERSION)
        try:
            return int(rows[0]["v"]) if rows else 0
        except (TypeError, ValueError):
            return 0

    def version_message(self, found: int | None) -> str:
        if found is None:
            tables = self.tables()
            ours = {"Actor", "Article", "Event"}
            if not ours & set(tables):
                shown = ", ".join(tables[:8]) + (" ..." if len(tables) > 8 else "")
                return (
                    f"store {self.path} was made by another program (tables: {shown}); "
                    f"expected an actorgraph store (schema version {SCHEMA_VERSION})"
                )
            found = 0
        return (
            f"store {self.path} has actorgraph schema version {found}, this actorgraph expects "
            f"{SCHEMA_VERSION}; run `actorgraph store backup PATH` then `actorgraph store migrate`"
        )

    def create_schema(self) -> None:
        """DDL for every table plus the version row (new stores and ``store migrate`` only)."""
        conn = self._connection()
        for statement in [*schema_statements(self.engine), META_DDL]:
            conn.execute(statement)
        conn.execute(SET_VERSION, {"v": str(SCHEMA_VERSION)})

    def clear(self) -> None:
        super().clear()  # deletes every node, the version row too: put it back
        self._connection().execute(SET_VERSION, {"v": str(SCHEMA_VERSION)})

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
        self._check_space()
        try:
            conn.execute("BEGIN TRANSACTION")
            outcome = work(self._execute)
            conn.execute("COMMIT")
            return outcome
        except BaseException as exc:
            self._rollback()
            if not isinstance(exc, Exception):
                raise  # KeyboardInterrupt and friends: rolled back, then propagated as they are
            if "No space left" in str(exc) or getattr(exc, "errno", None) == errno.ENOSPC:
                raise _engine_error(self.path, exc) from exc
            raise StoreError(
                f"write to store {self.path} failed and was rolled back: {_first_line(exc)}"
            ) from exc

    def _check_space(self) -> None:
        """Ladybug aborts the process when the disk fills inside a commit (and the log is
        then torn): refuse to start a batch without room for it instead."""
        need = MIN_FREE_BYTES
        free = shutil.disk_usage(self.path.parent).free
        if free < need:
            raise StoreError(
                f"store {self.path}: disk full ({free // 1_000_000} MB free, "
                f"{need // 1_000_000} MB needed per batch); free space and re-run (store kept)"
            )

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
