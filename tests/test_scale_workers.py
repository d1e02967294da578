"""Extraction in worker processes (ACTORGRAPH_WORKERS): the same store as one process, batches
written in order by the one writer, with workers forked from the writer or from the fork
server."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from nlp_helpers import article
from test_pipeline_batches import WatchedStore, corpus  # noqa: F401 - fixture

from actorgraph.core.errors import ConfigError
from actorgraph.core.settings import Settings
from actorgraph.graph.pipeline import ingest
from actorgraph.nlp import workers
from actorgraph.sample.corpus import load_articles

EVENTS = "MATCH (e:Event) RETURN e.id AS id ORDER BY id"
ACTORS = "MATCH (a:Actor) RETURN a.id AS id ORDER BY id"


def _fork_here(monkeypatch: pytest.MonkeyPatch, allowed: bool) -> list[workers.ExtractorPool]:
    """Decide whether workers may be forked from this process (the test session may have other
    threads, such as the sample site's); the pools the ingest starts are noted."""
    monkeypatch.setattr(workers, "can_fork_here", lambda: allowed)
    pools: list[workers.ExtractorPool] = []

    class Noted(workers.ExtractorPool):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            pools.append(self)

    monkeypatch.setattr(workers, "ExtractorPool", Noted)  # the ingest imports it when it starts
    return pools


@pytest.mark.parametrize("forked", [True, False], ids=["forked-here", "fork-server"])
def test_workers_write_what_one_process_writes(
    tmp_path,
    corpus,  # noqa: F811
    extractor,
    monkeypatch: pytest.MonkeyPatch,
    forked: bool,
) -> None:
    folder, uris = corpus
    settings = replace(Settings(), batch_size=2)
    with WatchedStore(tmp_path / "one.lbug") as one:
        ingest([str(folder)], one, settings, extractor)
        expected = (one.run(EVENTS), one.run(ACTORS))
    pools = _fork_here(monkeypatch, forked)
    with WatchedStore(tmp_path / "two.lbug") as two:
        summary = ingest([str(folder)], two, replace(settings, workers=2))
        assert summary.new == len(uris) and not summary.failures
        assert [u for batch in two.batches for u in batch] == uris  # in order
        assert len(two.batches) == 4
        assert (two.run(EVENTS), two.run(ACTORS)) == expected
    assert [pool.forked for pool in pools] == [forked]


def _worker_view(_: object) -> tuple[int, int, list[str]]:
    """A worker's pid, the id of its extractor's pipeline and the files it holds open."""
    extractor = workers._worker_extractor
    assert extractor is not None
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            held.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            pass  # the listing's own descriptor, closed by now
    return os.getpid(), id(extractor.nlp), held


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
def test_workers_forked_here_share_the_pipeline_not_the_store(
    tmp_path, extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forked from a process with the pipeline loaded and a store open, each worker extracts
    with that very pipeline (no load of its own), holds none of the store's files, and gives
    the extractions this process gives."""
    _fork_here(monkeypatch, True)
    texts = ["\n\n".join(item.paragraphs) for item in load_articles()[:6]]
    articles = [article(text, aid=f"w{i}") for i, text in enumerate(texts)]
    with WatchedStore(tmp_path / "open.lbug") as store:
        assert store.run("RETURN 1 AS one") == [{"one": 1}]
        with workers.ExtractorPool(Settings(), 2, extractor.nlp) as pool:
            assert pool.forked
            asked = [pool._pool.submit(_worker_view, i) for i in range(4)]
            views = [f.result(timeout=120) for f in asked]
            extracted = pool.submit(articles).result(timeout=120)
    assert all(pid != os.getpid() for pid, _, _ in views)
    assert {nlp for _, nlp, _ in views} == {id(extractor.nlp)}
    assert [held for _, _, held in views if any(".lbug" in f for f in held)] == []
    assert extracted == list(extractor.extract_many(articles, batch_size=len(articles)))


def test_workers_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ACTORGRAPH_WORKERS", "3")
    assert Settings.from_env().workers == 3
    monkeypatch.setenv("ACTORGRAPH_WORKERS", "0")
    with pytest.raises(ConfigError, match="ACTORGRAPH_WORKERS"):
        Settings.from_env()
    monkeypatch.delenv("ACTORGRAPH_WORKERS")
    assert Settings.from_env().workers >= 1


def _worker_state(_: object) -> tuple[int, bool, bool]:
    extractor = workers._worker_extractor
    preloaded = workers._preloaded.get(Settings.from_env().model)
    return os.getpid(), preloaded is not None, extractor is not None and extractor.nlp is preloaded


def test_workers_start_with_the_model_the_fork_server_loaded() -> None:
    """Workers are forked from a server that loaded the pipeline once: each one's extractor uses
    that pipeline instead of loading its own, and the workers are other processes than this one."""
    with workers.ExtractorPool(Settings.from_env(), 2) as pool:
        assert not pool.forked
        states = [
            f.result(timeout=120) for f in [pool._pool.submit(_worker_state, i) for i in range(4)]
        ]
    assert all(pid != os.getpid() for pid, _, _ in states)
    assert all(loaded and shared for _, loaded, shared in states), states


def test_one_local_page_is_extracted_in_process(
    tmp_path,
    corpus,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A run of one local page starts no workers (their start would be all it adds); the same
    page as one of two sources does."""
    folder, uris = corpus
    page = sorted(p for p in Path(folder).iterdir() if p.suffix == ".md")[0]
    pools = _fork_here(monkeypatch, True)
    settings = replace(Settings(), workers=2)
    with WatchedStore(tmp_path / "one.lbug") as store:
        summary = ingest([str(page)], store, settings)
        assert summary.new == 1 and not summary.failures
    assert pools == []
    second = sorted(p for p in Path(folder).iterdir() if p.suffix == ".md")[1]
    with WatchedStore(tmp_path / "two.lbug") as store:
        summary = ingest([str(page), str(second)], store, settings)
        assert summary.new == 2 and not summary.failures
    assert [pool.forked for pool in pools] == [True]
