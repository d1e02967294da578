"""The embedded store admits one process: a second one gets a one-line "in use by PID" error, or
waits for the lock with ``--wait`` (Settings.lock_wait_seconds)."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from actorgraph.core.errors import StoreInUseError
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store

HOLDER = """
import sys, time
from actorgraph.graph.ladybug_store import LadybugStore
store = LadybugStore(sys.argv[1])
print("ready", flush=True)
time.sleep(float(sys.argv[2]))
store.close()
"""


@contextmanager
def held(path: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the store open for ``seconds``."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(path), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
        yield proc
    finally:
        proc.kill()
        proc.wait()


def test_second_process_gets_in_use_error_with_pid(tmp_path: Path) -> None:
    path = tmp_path / "locked.lbug"
    settings = dataclasses.replace(Settings(), store_path=path)
    with held(path, 60) as proc:
        with pytest.raises(StoreInUseError) as info:
            open_store(settings)
    message = str(info.value)
    assert message == (
        f"store {path} is in use by PID {proc.pid} (another actorgraph process?); "
        "retry later or pass --wait SECONDS"
    )
    assert "\n" not in message
    with held(path, 60), open_store(settings, read_only=True) as reader:
        # readers take no lock (issue 12): they see the committed batches while a writer runs
        assert reader.counts()["Article"] == 0


def test_read_only_store_refuses_writes(tmp_path: Path) -> None:
    from graph_fixture_data import DOCS

    from actorgraph.core.errors import QueryError, StoreError

    settings = dataclasses.replace(Settings(), store_path=tmp_path / "ro.lbug")
    with open_store(settings):
        pass  # create it; reading a store that does not exist is an error
    with open_store(settings, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.write(DOCS)
        with pytest.raises(QueryError, match="read-only; pass --write"):
            store.run("MERGE (p:Place {name: 'x'})", write=True)
        assert store.counts()["Place"] == 0


def test_wait_gets_the_lock_when_released(tmp_path: Path) -> None:
    path = tmp_path / "waited.lbug"
    settings = dataclasses.replace(Settings(), store_path=path, lock_wait_seconds=30)
    with held(path, 1.5):
        started = time.monotonic()
        with open_store(settings) as store:
            waited = time.monotonic() - started
            assert store.counts()["Actor"] == 0
    assert 0.5 < waited < 30


def test_wait_gives_up_at_the_deadline(tmp_path: Path) -> None:
    path = tmp_path / "busy.lbug"
    settings = dataclasses.replace(Settings(), store_path=path, lock_wait_seconds=1.0)
    with held(path, 60):
        started = time.monotonic()
        with pytest.raises(StoreInUseError, match="is in use by PID"):
            open_store(settings)
        assert 0.9 < time.monotonic() - started < 10


def test_bad_store_paths_are_one_line_errors(tmp_path: Path) -> None:
    from actorgraph.core.errors import StoreError

    not_a_store = tmp_path / "notes.lbug"
    not_a_store.write_text("hello", encoding="utf-8")
    cases = {
        not_a_store: "not a Ladybug database",
        tmp_path: "cannot be a directory",
        tmp_path / "missing" / "x.lbug": "does not exist",
    }
    for path, reason in cases.items():
        settings = dataclasses.replace(Settings(), store_path=path)
        with pytest.raises(StoreError, match=reason) as info:
            open_store(settings)
        assert str(path) in str(info.value) and "\n" not in str(info.value)
