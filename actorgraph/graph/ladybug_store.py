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
from actorgraph.core.settings import DEFAULT_WAL_MB
from actorgraph.graph import checked
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
# 3: LSH band keys of the articles and the content-hash index (``store migrate`` fills both)
SCHEMA_VERSION = 3
DEFAULT_WAL_BYTES = int(DEFAULT_WAL_MB * 1_000_000)  # ACTORGRAPH_WAL_MB
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


_DAMAGED = ("cannot read checkpoint", "outside the database file")


def _is_damaged(exc: BaseException) -> bool:
    text = str(exc).lower()
    return any(word in text for word in _DAMAGED)


def _is_foreign_log(exc: BaseException) -> bool:
    return "does not match the current database" in str(exc)


def _engine_error(path: Path, exc: BaseException) -> StoreError:
    text = _first_line(exc)
    if _is_foreign_log(exc):
        return StoreError(
            f"store {path}: its log {wal_path(path).name} belongs to another database (a store "
            "of that name removed without its log?); move the log away to open the file alone"
        )
    if "No space left" in text or getattr(exc, "errno", None) == errno.ENOSPC:
        return StoreError(f"store {path}: disk full; free space and re-run (store kept)")
    if _is_damaged(exc):  # the engine says "may be checkpointing; retry later": we did retry
        size = path.stat().st_size if path.exists() else 0
        return StoreError(
            f"store {path} is damaged or truncated ({size} bytes; its catalog points past the "
            "end of the file); restore a backup (`actorgraph store backup` makes one)"
        )
    return StoreError(f"cannot open store {path}: {text}")


DAMAGE_RETRY_SECONDS = 1.0  # a reader may open while a writer checkpoints: look again first


def _database(path: Path, read_only: bool, quiet: bool = False) -> ladybug.Database:
    """Open once strictly; if the log of an interrupted commit is torn, replay its whole
    transactions only and say so on stderr (unless ``quiet``)."""
    try:
        return ladybug.Database(str(path), read_only=read_only)
    except RuntimeError as exc:
        if read_only and "recovery is pending" in str(exc):
            # A writer was killed while checkpointing: finish its recovery (this takes the
            # writer lock, so a live writer makes it a lock error and we wait), then read.
            _database(path, read_only=False, quiet=quiet).close()
            return _database(path, read_only=True, quiet=quiet)
        if is_lock_error(exc) or _is_foreign_log(exc) or not _is_wal_error(exc):
            raise
    db = ladybug.Database(str(path), read_only=read_only, throw_on_wal_replay_failure=False)
    if not quiet:
        print(
            f"warning: store {path}: an interrupted write was discarded; "
            "every committed batch was kept (re-run the ingest to redo the rest)",
            file=sys.stderr,
        )
    return db


def open_database(
    path: Path, *, wait_seconds: float, read_only: bool = False, quiet: bool = False
) -> ladybug.Database:
    """Open the file, retrying while another process holds the lock until ``wait_seconds``
    (and, briefly, while the file looks cut short: a writer may be checkpointing)."""
    check_file(path)
    deadline = time.monotonic() + max(wait_seconds, 0.0)
    damaged_until = time.monotonic() + DAMAGE_RETRY_SECONDS
    while True:
        try:
            return _database(path, read_only, quiet)
        except RuntimeError as exc:
            if _is_damaged(exc) and time.monotonic() < damaged_until:
                time.sleep(0.2)
                continue
            if not is_lock_error(exc):
                raise _engine_error(path, exc) from exc
            if time.monotonic() >= deadline:
                raise in_use_error(path, exc) from exc
            time.sleep(min(LOCK_RETRY_SECONDS, max(deadline - time.monotonic(), 0.01)))


class LadybugStore(CypherStore):
    """A :class:`GraphStore` on an embedded Ladybug file."""

    engine = "ladybug"
    wal_bytes = DEFAULT_WAL_BYTES
    made_here = False  # a store made by this open is folded into one file at its close
    version_ok = False  # found at SCHEMA_VERSION by this open (remembered at close: checked.py)
    key_lists_scan = True  # DIALECTS.md: a list of keys joined with edges

    def __init__(
        self,
        path: Path | str,
        *,
        read_only: bool = False,
        wait_seconds: float = 0.0,
        query_timeout: float = 30.0,
        wal_bytes: int = DEFAULT_WAL_BYTES,
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.query_timeout = query_timeout
        self.wal_bytes = wal_bytes
        if not self.path.parent.exists():
            raise StoreError(
                f"cannot create store {self.path}: directory {self.path.parent} does not exist"
            )
        # Read-only opens take no lock: a reader can run while an ingest writes, and sees the
        # batches committed so far. The engine itself refuses writes on such a connection.
        new = not self.path.exists()
        self.made_here = new
        if not new and not read_only and not checked.unchanged(self.path, SCHEMA_VERSION):
            self._probe(wait_seconds)
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
            self.version_ok = True
        except RuntimeError as exc:
            self.close()
            raise _engine_error(self.path, exc) from exc
        except StoreError:
            self.close()
            raise

    def _probe(self, wait_seconds: float) -> None:
        """Check a store read-only before opening it to write: the engine rewrites the file on
        a read-write close, so a store we refuse must never be opened that way."""
        db = open_database(self.path, wait_seconds=wait_seconds, read_only=True, quiet=True)
        probe = LadybugStore.__new__(LadybugStore)
        probe.path, probe.read_only, probe._db = self.path, True, db  # noqa: SLF001
        try:
            probe._conn = ladybug.Connection(db)  # noqa: SLF001
            found = probe.schema_version()
            if found != SCHEMA_VERSION and (found is not None or probe.tables()):
                raise StoreError(probe.version_message(found))
        except RuntimeError as exc:
            raise _engine_error(self.path, exc) from exc
        finally:
            probe.close()

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

    def create_schema(self, version: int = SCHEMA_VERSION) -> None:
        """DDL for every table plus the version row (new stores and ``store migrate`` only),
        in one transaction: a kill half-way leaves no tables rather than a versionless store.
        ``store migrate`` writes the version it found, and the current one once the tables are
        filled: a migration cut short is run again."""
        conn = self._connection()
        conn.execute("BEGIN TRANSACTION")
        try:
            for statement in [*schema_statements(self.engine), META_DDL]:
                conn.execute(statement)
            conn.execute(SET_VERSION, {"v": str(version)})
            conn.execute("COMMIT")
        except BaseException:
            self._rollback()
            raise

    def set_schema_version(self, version: int) -> None:
        """Write the version row (``store migrate``, once every table is filled)."""
        self._connection().execute(SET_VERSION, {"v": str(version)})

    def clear(self) -> None:
        super().clear()  # deletes every node, the version row too: put it back
        self.set_schema_version(SCHEMA_VERSION)

    def close(self) -> None:
        conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
        self._conn = self._db = None  # type: ignore[assignment]
        if conn is not None:
            if not self.read_only:
                self._keep_small_log(conn)
            conn.close()
        if db is not None:
            db.close()
            if self.version_ok and not self.read_only:
                checked.remember(self.path, SCHEMA_VERSION)

    def _keep_small_log(self, conn: ladybug.Connection) -> None:
        """Leave a log below ``wal_bytes`` for the next open to replay instead of folding it
        into the file at close. The engine's checkpoint rewrites every part of the file the log
        touches: on a big store seconds (DIALECTS.md), whatever the size of the log,
        while an open replays it in memory at about 0.04 s per MB; a bigger log is folded in."""
        if self.made_here:
            return
        try:
            size = wal_path(self.path).stat().st_size
        except OSError:
            return  # no log: nothing to fold in
        if size < self.wal_bytes:
            try:
                conn.execute("CALL force_checkpoint_on_close=false")
            except RuntimeError:
                pass  # the close then checkpoints, as it always did

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
