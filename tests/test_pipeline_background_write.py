"""Ingest writes each full batch on a background thread while the next batch is extracted:
writes stay in order and one at a time, a failed write aborts the run with the store consistent,
and feed states are saved only after every write."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from actorgraph.errors import StoreError
from actorgraph.graph.ladybug_store import LadybugStore
from actorgraph.pipeline import ingest
from actorgraph.sample.corpus import load_articles
from actorgraph.settings import Settings


class WatchedStore(LadybugStore):
    """The real Ladybug store, noting the order and overlap of writes (optionally failing one)."""

    def __init__(self, path: Path, fail_on: int | None = None) -> None:
        super().__init__(path)
        self.fail_on = fail_on
        self.batches: list[list[str]] = []
        self.threads: set[str] = set()
        self.in_flight = 0
        self.overlaps = 0
        self.saved_while_writing = 0
        self.saved = 0
        self._lock = threading.Lock()

    def write(self, batch) -> None:
        with self._lock:
            self.in_flight += 1
            self.overlaps += self.in_flight > 1
        try:
            self.threads.add(threading.current_thread().name)
            self.batches.append([doc.article.url for doc in batch])
            if len(self.batches) == self.fail_on:
                raise StoreError("write failed on purpose")
            time.sleep(0.05)  # a slow disk: the next batch is extracted meanwhile
            super().write(batch)
        finally:
            with self._lock:
                self.in_flight -= 1

    def save_feed_state(self, state) -> None:
        self.saved_while_writing += self.in_flight
        self.saved += 1
        super().save_feed_state(state)


def _corpus(folder: Path, count: int) -> list[str]:
    """``count`` local articles from the sample bodies; their file URIs in name order."""
    base = load_articles()
    paths = []
    for i in range(count):
        item = base[i % len(base)]
        body = "\n\n".join(item.paragraphs) + f"\n\nThis is copy {i} of the item."
        path = folder / f"a{i:03d}.md"
        path.write_text(
            f"---\ntitle: {item.title} ({i})\ndate: 2026-05-{1 + i % 28:02d}\n---\n{body}\n",
            encoding="utf-8",
        )
        paths.append(path)
    return [p.resolve().as_uri() for p in paths]


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, list[str]]:
    folder = tmp_path / "articles"
    folder.mkdir()
    return folder, _corpus(folder, 7)


def test_batches_are_written_in_order_one_at_a_time(tmp_path, corpus, extractor) -> None:
    folder, urls = corpus
    settings = replace(Settings(), batch_size=2)
    store = WatchedStore(tmp_path / "g.lbug")
    try:
        summary = ingest([str(folder)], store, settings, extractor)
        assert summary.new == 7 and summary.failed == 0
        assert [len(b) for b in store.batches] == [2, 2, 2, 1]
        assert [u for b in store.batches for u in b] == sorted(urls)
        assert store.overlaps == 0
        assert "actorgraph-graph-write" in store.threads  # full batches went to the background
        assert store.counts()["Article"] == 7
        assert summary.words > 7 * 50  # counted once each write succeeded
    finally:
        store.close()


def test_failed_background_write_aborts_the_run(tmp_path, corpus, extractor) -> None:
    folder, _ = corpus
    settings = replace(Settings(), batch_size=2)
    store = WatchedStore(tmp_path / "g.lbug", fail_on=2)
    try:
        with pytest.raises(StoreError, match="on purpose"):
            ingest([str(folder)], store, settings, extractor)
        assert len(store.batches) == 2  # nothing written after the failure
        assert store.counts()["Article"] == 2  # the first batch only, whole
    finally:
        store.close()


def test_feed_states_are_saved_after_every_write(tmp_path, extractor, sample_site) -> None:
    settings = replace(Settings(), batch_size=4, http_timeout=5.0)
    store = WatchedStore(tmp_path / "g.lbug")
    try:
        summary = ingest([f"{sample_site}/feeds.opml"], store, settings, extractor)
        assert summary.failed == 0 and summary.new >= 30
        assert store.saved_while_writing == 0
        assert store.counts()["Article"] == summary.new
        assert store.saved > 0  # the sample feeds were visited and their states saved
        assert len(store.batches) > 2
    finally:
        store.close()
