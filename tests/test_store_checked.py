"""A writer skips the read-only probe of a store only when the file is exactly as this
actorgraph closed it at its schema version (graph/checked.py); any other change brings the
probe back, so a store it refuses is still never opened read-write."""

from __future__ import annotations

from pathlib import Path

import ladybug
import pytest

from actorgraph.core.errors import StoreError
from actorgraph.graph import checked
from actorgraph.graph.ladybug_store import SCHEMA_VERSION, LadybugStore


@pytest.fixture
def probes(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The stores probed from now on (the probe still runs)."""
    seen: list[Path] = []
    probe = LadybugStore._probe

    def counted(self: LadybugStore, wait_seconds: float) -> None:
        seen.append(self.path)
        probe(self, wait_seconds)

    monkeypatch.setattr(LadybugStore, "_probe", counted)
    return seen


def test_a_store_closed_by_us_opens_without_a_probe(tmp_path: Path, probes: list[Path]) -> None:
    path = tmp_path / "s.lbug"
    LadybugStore(path).close()
    assert checked.unchanged(path, SCHEMA_VERSION)
    LadybugStore(path).close()
    assert probes == []
    assert not checked.unchanged(path, SCHEMA_VERSION + 1)


def test_a_store_changed_by_another_program_is_probed_and_refused(
    tmp_path: Path, probes: list[Path]
) -> None:
    path = tmp_path / "s.lbug"
    LadybugStore(path).close()
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute("MATCH (m:Meta) SET m.value = '1'")
    conn.close()
    db.close()
    assert not checked.unchanged(path, SCHEMA_VERSION)
    before = path.read_bytes()
    with pytest.raises(StoreError, match="schema version 1"):
        LadybugStore(path)
    assert probes == [path]
    assert path.read_bytes() == before  # refused by the probe: never opened read-write


def test_a_copy_or_no_cache_means_a_probe(
    tmp_path: Path, probes: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.lbug"
    LadybugStore(path).close()
    copy = tmp_path / "copy.lbug"
    copy.write_bytes(path.read_bytes())
    LadybugStore(copy).close()
    assert probes == [copy]
    monkeypatch.setenv("ACTORGRAPH_CACHE_DIR", "off")
    LadybugStore(path).close()
    assert probes == [copy, path]
