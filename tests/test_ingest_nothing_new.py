"""An ingest whose sources are all already stored (issue 12) makes only the seen lookups: no spaCy
import or model load, no workers, no gazetteer, no resolver index, no write; it says "0 new, N
already seen". A run that has something new starts them at its first unseen article, and
the collector starts no fetch thread before it (so the workers may fork from the writer)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest
from test_pipeline_batches import WatchedStore, corpus  # noqa: F401 - fixture

from actorgraph.core.records import Article
from actorgraph.core.settings import Settings
from actorgraph.graph import pipeline
from actorgraph.graph.pipeline import ingest
from actorgraph.ingest import Duplicate, SeenIndex, collect
from actorgraph.nlp import pipeline as nlp_pipeline
from actorgraph.nlp import workers

ROOT = Path(__file__).resolve().parents[1]


def _one_more_file(tmp_path: Path) -> Path:
    page = tmp_path / "single" / "note.md"
    page.parent.mkdir()
    page.write_text(
        "---\ntitle: Defence ministers meet\ndate: 2026-05-20\n---\n"
        "Mongolian Minister of Defence Gursediin Saikhanbayar met South Korean Minister of "
        "National Defense Ahn Gyu-back in Ulaanbaatar on Thursday.\n",
        encoding="utf-8",
    )
    return page


def _imported(importtime: str) -> set[str]:
    """Module names in ``python -X importtime`` output."""
    names = set()
    for line in importtime.splitlines():
        if line.startswith("import time:") and line.count("|") == 2:
            names.add(line.rsplit("|", 1)[1].strip())
    return names


def test_a_reingest_of_stored_files_loads_no_model_and_builds_nothing(
    tmp_path: Path,
    corpus,  # noqa: F811
    extractor,
) -> None:
    """The CLI re-ingest of a folder and a file already stored, in a process of its own: it
    imports neither spaCy nor the nlp stage and builds no gazetteer (its cache stays empty), and
    it says how many it skipped."""
    folder, uris = corpus
    page = _one_more_file(tmp_path)
    store_path = tmp_path / "seen.lbug"
    with WatchedStore(store_path) as store:
        first = ingest([str(folder), str(page)], store, Settings(), extractor)
    assert first.new == len(uris) + 1
    cache = tmp_path / "cache"
    cache.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "ACTORGRAPH_CACHE_DIR": str(cache),
        "ACTORGRAPH_WORKERS": "2",
    }
    argv = [sys.executable, "-X", "importtime", "-m", "actorgraph", "--store", str(store_path)]
    done = subprocess.run(
        [*argv, "ingest", str(folder), str(page)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert f"articles: 0 new, {len(uris) + 1} already seen, 0 failed" in done.stdout
    imported = _imported(done.stderr)
    assert "actorgraph.graph.pipeline" in imported  # the output is what the check reads
    nlp = ("spacy", "thinc", "actorgraph.nlp")
    loaded = sorted(n for n in imported if n.split(".")[0] in nlp or n.startswith(nlp[-1]))
    assert loaded == []
    # the gazetteer's index and the name facts are cached when built; only the memo of the
    # store's check is written (graph/checked.py)
    assert sorted(p.name for p in cache.iterdir()) == ["checked-stores.json"]


class _Started:
    """Records every start a run with nothing new must not make."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls: list[str] = []
        for module, name in (
            (nlp_pipeline, "load_pipeline"),
            (workers, "ExtractorPool"),
            (pipeline, "gazetteer"),
            (pipeline, "Resolver"),
        ):
            monkeypatch.setattr(module, name, self._noting(name))

    def _noting(self, name: str):
        def called(*args, **kwargs):
            self.calls.append(name)
            raise AssertionError(f"{name} started by a run with nothing new")

        return called


class _CountingStore(WatchedStore):
    """Notes reads of the stored actors (what the resolver's index is built from)."""

    actor_reads = 0

    def actors(self):
        self.actor_reads += 1
        return super().actors()


def test_a_reingest_of_stored_files_and_feeds_starts_nothing(
    tmp_path: Path,
    corpus,  # noqa: F811
    extractor,
    sample_site: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """In-process, with workers asked for: the pipeline loader, the worker pool, the gazetteer
    and the resolver are never called and the stored actors never read, for stored files, a
    feed answering 304 (no feed state written) and a feed answering 200 whose items are all
    stored (only the pages of items stored under another address are fetched, one at a time)."""
    folder, uris = corpus
    feed = f"{sample_site}/steppe-herald/feed.xml"
    with _CountingStore(tmp_path / "g.lbug") as store:
        first = ingest([str(folder), feed], store, Settings(), extractor)
        assert first.new > len(uris) and store.saved == 1
    items = first.new - len(uris) + first.already_seen  # the feed's items (some repeat others)
    started = _Started(monkeypatch)
    settings = replace(Settings(), workers=2)
    with _CountingStore(tmp_path / "g.lbug") as store:
        again = ingest([str(folder), feed], store, settings)
        assert again.line().startswith(f"articles: 0 new, {len(uris)} already seen, 0 failed")
        assert store.saved == 0  # the 304 left the stored state as it was
        monkeypatch.setattr(store, "feed_state", lambda url: None)  # no ETag sent: a 200
        fetched: list[str] = []
        collecting = sys.modules["actorgraph.ingest.collect"]
        real_fetch = collecting.fetch

        def counted(url, *args, **kwargs):
            fetched.append(url)
            return real_fetch(url, *args, **kwargs)

        monkeypatch.setattr(collecting, "fetch", counted)
        full = ingest([feed], store, settings)
        assert full.line().startswith(f"articles: 0 new, {items} already seen, 0 failed")
        assert fetched[0] == feed and len(fetched) - 1 == first.already_seen
        assert _fetch_threads() == []
        assert store.saved == 1  # a state the store did not have
        assert store.actor_reads == 0 and store.batches == []
    assert started.calls == []


def _fetch_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("ingest-fetch")]


def test_no_fetch_thread_runs_before_the_first_article(sample_site: str) -> None:
    """Pages are fetched in the background only once an article is out: the first one arrives
    while no fetch thread runs (an ingest forks its workers there), later ones come from the
    threads; a feed whose items are all seen starts no thread."""
    feed = f"{sample_site}/steppe-herald/feed.xml"
    settings = replace(Settings(), http_timeout=5.0)
    threads_at: list[list[str]] = []
    articles = []
    for item in collect([feed], settings, SeenIndex()):
        if isinstance(item, Article):
            articles.append(item)
            threads_at.append(_fetch_threads())
    assert len(articles) > 2 and threads_at[0] == []
    assert any(threads_at[1:])  # the rest was fetched ahead, in parallel
    for _ in range(50):  # the feed's fetch threads end once it is done
        if not _fetch_threads():
            break
        time.sleep(0.1)
    assert _fetch_threads() == []
    again = list(collect([feed], settings, SeenIndex(urls=[a.url for a in articles])))
    assert not [i for i in again if isinstance(i, Article)] and any(
        isinstance(i, Duplicate) for i in again
    )
    assert _fetch_threads() == []
