"""Extraction in worker processes (ACTORGRAPH_WORKERS): the same store as one process, batches
written in order by the one writer."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from test_pipeline_batches import WatchedStore, corpus  # noqa: F401 - fixture

from actorgraph.core.errors import ConfigError
from actorgraph.core.settings import Settings
from actorgraph.graph.pipeline import ingest

EVENTS = "MATCH (e:Event) RETURN e.id AS id ORDER BY id"
ACTORS = "MATCH (a:Actor) RETURN a.id AS id ORDER BY id"


def test_workers_write_what_one_process_writes(tmp_path, corpus, extractor) -> None:  # noqa: F811
    folder, uris = corpus
    settings = replace(Settings(), batch_size=2)
    with WatchedStore(tmp_path / "one.lbug") as one:
        ingest([str(folder)], one, settings, extractor)
        expected = (one.run(EVENTS), one.run(ACTORS))
    with WatchedStore(tmp_path / "two.lbug") as two:
        summary = ingest([str(folder)], two, replace(settings, workers=2))
        assert summary.new == len(uris) and not summary.failures
        assert [u for batch in two.batches for u in batch] == uris  # in order
        assert len(two.batches) == 4
        assert (two.run(EVENTS), two.run(ACTORS)) == expected


def test_workers_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_WORKERS", "3")
    assert Settings.from_env().workers == 3
    monkeypatch.setenv("ACTORGRAPH_WORKERS", "0")
    with pytest.raises(ConfigError, match="ACTORGRAPH_WORKERS"):
        Settings.from_env()
    monkeypatch.delenv("ACTORGRAPH_WORKERS")
    assert Settings.from_env().workers >= 1


def _worker_state(_: object) -> tuple[int, bool, bool]:
    from actorgraph.nlp import workers

    extractor = workers._worker_extractor
    preloaded = workers._preloaded.get(Settings.from_env().model)
    return os.getpid(), preloaded is not None, extractor is not None and extractor.nlp is preloaded


def test_workers_start_with_the_model_the_fork_server_loaded() -> None:
    """Workers are forked from a server that loaded the pipeline once: each one's extractor uses
    that pipeline instead of loading its own, and the workers are other processes than this one."""
    from actorgraph.nlp.workers import ExtractorPool

    with ExtractorPool(Settings.from_env(), 2) as pool:
        states = [
            f.result(timeout=120) for f in [pool._pool.submit(_worker_state, i) for i in range(4)]
        ]
    assert all(pid != os.getpid() for pid, _, _ in states)
    assert all(loaded and shared for _, loaded, shared in states), states
