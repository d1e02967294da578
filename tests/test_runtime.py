"""The CLI's process settings (core/runtime.py): the garbage collector runs less often."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from actorgraph.core.runtime import GC_THRESHOLDS, collect_less_often


@pytest.fixture
def thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's defaults
    yield
    gc.set_threshold(*saved)


def _collections(objects: int) -> int:
    """How many collections making ``objects`` long-lived containers sets off."""
    seen: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(count)
    try:
        kept = [[i] for i in range(objects)]
    finally:
        gc.callbacks.remove(count)
    assert len(kept) == objects
    return len(seen)


def test_the_collector_runs_far_less_often(thresholds: None) -> None:
    before = _collections(200_000)
    collect_less_often()
    assert gc.get_threshold() == GC_THRESHOLDS
    after = _collections(200_000)
    assert before > 200 and after <= before // 40


def test_thresholds_are_never_lowered_and_an_off_collector_stays_off(thresholds: None) -> None:
    gc.set_threshold(100_000, 5, 50)
    collect_less_often()
    assert gc.get_threshold() == (100_000, 20, 50)
    gc.set_threshold(0)
    collect_less_often()
    assert gc.get_threshold()[0] == 0


def test_the_cli_sets_them_before_its_command_runs(
    thresholds: None, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actorgraph.cli import commands
    from actorgraph.cli.main import main

    seen: list[tuple[int, ...]] = []
    monkeypatch.setattr(commands, "dispatch", lambda *_: seen.append(gc.get_threshold()) or 0)
    assert main(["--store", str(tmp_path / "s.lbug"), "queries"]) == 0
    assert seen == [GC_THRESHOLDS]
