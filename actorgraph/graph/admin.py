"""Store administration: ``check`` (opens, schema version, counts), ``backup`` (a consistent
snapshot while holding the writer lock), ``fold`` (the log into the file, at a quiet hour) and
``migrate`` (explicit, after a backup)."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import ladybug

from actorgraph.core.errors import StoreError
from actorgraph.core.settings import Settings
from actorgraph.graph.ladybug_store import (
    SCHEMA_VERSION,
    LadybugStore,
    check_file,
    open_database,
    wal_path,
)
from actorgraph.ingest.neardup import sign_text


@dataclass
class CheckResult:
    path: str
    schema_version: int | None
    counts: dict[str, int] = field(default_factory=dict)
    relationships: int = 0
    size_bytes: int = 0
    log_bytes: int = 0

    def lines(self) -> list[str]:
        log = f" and a log of {self.log_bytes} bytes" if self.log_bytes else ""
        out = [
            f"store {self.path}: ok ({self.size_bytes} bytes{log})",
            f"schema version {self.schema_version} (expected {SCHEMA_VERSION})",
        ]
        out += [f"{label}: {n}" for label, n in sorted(self.counts.items())]
        out.append(f"relationships: {self.relationships}")
        return out


def _require(path: Path) -> None:
    if not path.exists():
        raise StoreError(f"no store at {path}")


def check(settings: Settings) -> CheckResult:
    """Open read-only (recovering committed batches), read the version and count everything;
    any problem is a StoreError naming what was found and what was expected."""
    path = settings.store_path
    _require(path)
    store = LadybugStore(path, read_only=True)
    try:
        counts = store.counts()
        rels = int(store.run("MATCH ()-[r]->() RETURN count(r) AS n")[0]["n"])
        version = store.schema_version()
    finally:
        store.close()
    log = wal_path(path)
    log_bytes = log.stat().st_size if log.exists() else 0
    return CheckResult(str(path), version, counts, rels, path.stat().st_size, log_bytes)


def fold(settings: Settings) -> str:
    """Fold the store's log into its file now (the checkpoint a writer's close otherwise pays
    once the log outgrows ``ACTORGRAPH_WAL_MB``): a line saying what was done."""
    path = settings.store_path
    _require(path)
    log = wal_path(path)
    size = log.stat().st_size if log.exists() else 0
    if not size:
        return f"store {path} has no log to fold"
    started = time.perf_counter()
    LadybugStore(path, wait_seconds=settings.lock_wait_seconds, wal_bytes=0).close()
    took = time.perf_counter() - started
    return f"folded a log of {size} bytes into {path} in {took:.1f} s"


def backup(settings: Settings, target: Path) -> tuple[int, int]:
    """Copy a consistent snapshot: take the writer lock, fold the log into the file, copy, then
    check the copy opens and has the same counts."""
    source = settings.store_path
    _require(source)
    check_file(source)
    if target.exists():
        raise StoreError(f"backup target {target} exists; choose a new path")
    if not target.parent.is_dir():
        raise StoreError(f"backup target directory {target.parent} does not exist")
    db = open_database(source, wait_seconds=settings.lock_wait_seconds)
    try:
        conn = ladybug.Connection(db)
        conn.execute("CHECKPOINT")
        tmp = target.with_name(target.name + ".partial")
        try:
            shutil.copyfile(source, tmp)
            if wal_path(source).exists():
                shutil.copyfile(wal_path(source), wal_path(tmp))
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"cannot write backup {target}: {exc.strerror}") from exc
        conn.close()
    finally:
        db.close()
    if wal_path(tmp).exists():
        wal_path(tmp).rename(wal_path(target))
    tmp.rename(target)
    copied, original = _raw_counts(target), _raw_counts(source)
    if copied != original:
        raise StoreError(f"backup {target} differs from {source}; keep the original")
    return copied


def _raw_counts(path: Path) -> tuple[int, int]:
    """(nodes, relationships) of any Ladybug file, whatever its schema version."""
    db = ladybug.Database(str(path), read_only=True)
    try:
        conn = ladybug.Connection(db)
        counts = []
        for query in ("MATCH (n) RETURN count(n)", "MATCH ()-[r]->() RETURN count(r)"):
            result = conn.execute(query)
            counts.append(int(result.get_next()[0]))  # type: ignore[index,union-attr]
        conn.close()
    except RuntimeError as exc:
        raise StoreError(f"backup check of {path} failed: {exc}") from exc
    finally:
        db.close()
    return counts[0], counts[1]


def migrate(
    settings: Settings, backup_to: Path, say: Callable[[str], None] = lambda _line: None
) -> str:
    """Back up, then bring an actorgraph store without a version (or an older one) to the
    current schema, ``say`` given a line per step. A store made by another program is
    refused."""
    path = settings.store_path
    _require(path)
    backup(settings, backup_to)
    store = LadybugStore.__new__(LadybugStore)
    store.path, store.read_only, store.query_timeout = path, False, 30.0
    store._db = open_database(path, wait_seconds=settings.lock_wait_seconds)  # noqa: SLF001
    store._conn = ladybug.Connection(store._db)  # noqa: SLF001
    try:
        found = store.schema_version()
        if found == SCHEMA_VERSION:
            return f"store {path} is already at schema version {SCHEMA_VERSION}; nothing done"
        tables = set(store.tables())
        if found is None and tables and not {"Actor", "Article", "Event"} & tables:
            raise StoreError(store.version_message(None))
        if found is not None and found > SCHEMA_VERSION:
            raise StoreError(
                f"store {path} has schema version {found}, newer than this actorgraph "
                f"({SCHEMA_VERSION}); upgrade actorgraph instead"
            )
        # the tables first, the version last: a migration cut short is run again
        store.create_schema(version=found or 0)
        if (found or 0) < 2:
            say("building the date index of the stored events")
            store.index_dates()
        if (found or 0) < 3:
            say(f"indexed the content hashes of {store.index_hashes()} stored texts")
            say("computing the band keys of the stored articles")
            say(f"band keys stored for {store.sign_articles(sign_text)} articles")
        store.set_schema_version(SCHEMA_VERSION)
    finally:
        store.close()
    return f"store {path} migrated from schema version {found or 0} to {SCHEMA_VERSION}"
