"""The embedded store's log (issue 12): a writer's close leaves a small log for the next open to
replay instead of paying the engine's checkpoint every run; readers see what it holds and never
change it; a log over the budget is folded into the file; a log of another database is refused."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from actorgraph.core.errors import ConfigError, StoreError
from actorgraph.core.records import FeedState
from actorgraph.core.settings import Settings
from actorgraph.graph import admin, open_store


def _settings(path: Path, wal_mb: float = 4.0) -> Settings:
    return replace(Settings(), store_path=path, wal_mb=wal_mb)


def _log(path: Path) -> Path:
    return path.with_name(path.name + ".wal")


def _write(path: Path, url: str, wal_mb: float = 4.0) -> None:
    if not path.exists():
        with open_store(_settings(path)):
            pass  # a new store is folded into one file at its first close
    with open_store(_settings(path, wal_mb)) as store:
        store.save_feed_state(FeedState(url, etag=f"etag of {url}"))


def test_a_new_store_is_one_file(tmp_path: Path) -> None:
    path = tmp_path / "s.lbug"
    with open_store(_settings(path)):
        pass
    assert path.exists() and not _log(path).exists()


def test_a_small_log_is_kept_and_readers_see_it_without_changing_anything(
    tmp_path: Path,
) -> None:
    path = tmp_path / "s.lbug"
    _write(path, "https://example.org/a.xml")
    assert _log(path).stat().st_size > 0
    assert f"a log of {_log(path).stat().st_size} bytes" in admin.check(_settings(path)).lines()[0]
    before = path.read_bytes(), _log(path).read_bytes()
    with open_store(_settings(path), read_only=True) as store:
        state = store.feed_state("https://example.org/a.xml")
    assert state is not None and state.etag == "etag of https://example.org/a.xml"
    assert (path.read_bytes(), _log(path).read_bytes()) == before
    _write(path, "https://example.org/b.xml")  # the next writer appends to the same log
    with open_store(_settings(path), read_only=True) as store:
        assert store.feed_state("https://example.org/a.xml") is not None
        assert store.feed_state("https://example.org/b.xml") is not None


def test_a_budget_of_zero_or_a_log_over_it_folds_the_log_into_the_file(tmp_path: Path) -> None:
    eager = tmp_path / "eager.lbug"
    _write(eager, "https://example.org/a.xml", wal_mb=0)
    assert not _log(eager).exists()
    path = tmp_path / "s.lbug"
    _write(path, "https://example.org/a.xml")
    size = _log(path).stat().st_size
    _write(path, "https://example.org/b.xml", wal_mb=size / 1_000_000)  # now over the budget
    assert not _log(path).exists()
    with open_store(_settings(path), read_only=True) as store:
        assert store.feed_state("https://example.org/a.xml") is not None
        assert store.feed_state("https://example.org/b.xml") is not None


def test_a_backup_holds_what_the_log_held(tmp_path: Path) -> None:
    path = tmp_path / "s.lbug"
    _write(path, "https://example.org/a.xml")
    target = tmp_path / "copy.lbug"
    admin.backup(_settings(path), target)
    assert not _log(target).exists()
    with open_store(_settings(target), read_only=True) as store:
        assert store.feed_state("https://example.org/a.xml") is not None


def test_a_log_left_by_another_database_is_refused_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "s.lbug"
    _write(path, "https://example.org/a.xml")
    other = tmp_path / "other.lbug"
    with open_store(_settings(other)):
        pass
    other.replace(path)  # the store's file replaced by hand, its log left behind
    with pytest.raises(StoreError) as caught:
        open_store(_settings(path), read_only=True)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and "s.lbug.wal" in message


@pytest.mark.parametrize("raw", ["-1", "lots"])
def test_a_bad_log_budget_is_a_config_error(raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_WAL_MB", raw)
    with pytest.raises(ConfigError, match="ACTORGRAPH_WAL_MB"):
        Settings.from_env()


def test_store_fold_folds_the_log_and_keeps_what_it_held(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from actorgraph.cli.main import main

    path = tmp_path / "s.lbug"
    _write(path, "https://example.org/a.xml")
    size = _log(path).stat().st_size
    assert main(["--store", str(path), "store", "fold"]) == 0
    assert f"folded a log of {size} bytes into {path}" in capsys.readouterr().out
    assert not _log(path).exists()
    with open_store(_settings(path), read_only=True) as store:
        assert store.feed_state("https://example.org/a.xml") is not None
    assert main(["--store", str(path), "store", "fold"]) == 0
    assert "has no log to fold" in capsys.readouterr().out
    assert main(["--store", str(tmp_path / "none.lbug"), "store", "fold"]) == 1
    assert "no store at" in capsys.readouterr().err
