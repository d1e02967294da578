"""Ingest writes one transaction per batch, in order; a failed write aborts the run with the store
consistent (earlier batches whole, nothing of the failed one) and no feed state saved, so the next
run fetches the same items again."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from actorgraph.core.errors import StoreError
from actorgraph.core.settings import Settings
from actorgraph.graph.ladybug_store import LadybugStore
from actorgraph.graph.pipeline import ingest
from actorgraph.sample.corpus import load_articles


class WatchedStore(LadybugStore):
    """The real Ladybug store, noting each batch written (optionally failing the n-th)."""

    def __init__(self, path: Path, fail_on: int | None = None) -> None:
        super().__init__(path)
        self.fail_on = fail_on
        self.batches: list[list[str]] = []
        self.saved = 0

    def write(self, batch) -> None:
        self.batches.append([doc.article.url for doc in batch])
        if len(self.batches) == self.fail_on:
            raise StoreError("write failed on purpose")
        super().write(batch)

    def save_feed_state(self, state) -> None:
        self.saved += 1
        super().save_feed_state(state)


@pytest.fixture()
def corpus(tmp_path: Path) -> tuple[Path, list[str]]:
    """Seven local articles from the sample bodies; their file URIs in name order."""
    folder = tmp_path / "articles"
    folder.mkdir()
    base = load_articles()
    paths = []
    for i in range(7):
        item = base[i]
        path = folder / f"a{i:03d}.md"
        path.write_text(
            f"---\ntitle: {item.title}\ndate: 2026-05-{1 + i:02d}\n---\n"
            + "\n\n".join(item.paragraphs)
            + "\n",
            encoding="utf-8",
        )
        paths.append(path)
    return folder, [p.resolve().as_uri() for p in paths]


def test_batches_are_written_in_order(tmp_path, corpus, extractor) -> None:
    folder, urls = corpus
    store = WatchedStore(tmp_path / "g.lbug")
    try:
        summary = ingest([str(folder)], store, replace(Settings(), batch_size=2), extractor)
        assert summary.new == 7 and summary.failed == 0
        assert [len(b) for b in store.batches] == [2, 2, 2, 1]
        assert [u for b in store.batches for u in b] == sorted(urls)
        assert store.counts()["Article"] == 7
    finally:
        store.close()


def test_failed_write_aborts_the_run_and_keeps_the_store_consistent(
    tmp_path, corpus, extractor
) -> None:
    folder, _ = corpus
    store = WatchedStore(tmp_path / "g.lbug", fail_on=2)
    try:
        with pytest.raises(StoreError, match="on purpose"):
            ingest([str(folder)], store, replace(Settings(), batch_size=2), extractor)
        assert len(store.batches) == 2  # nothing attempted after the failure
        assert store.counts()["Article"] == 2  # the first batch only, whole
    finally:
        store.close()


def test_feed_states_are_saved_only_after_every_write(tmp_path, extractor, sample_site) -> None:
    settings = replace(Settings(), batch_size=4, http_timeout=5.0)
    failing = WatchedStore(tmp_path / "f.lbug", fail_on=3)
    try:
        with pytest.raises(StoreError):
            ingest([f"{sample_site}/feeds.opml"], failing, settings, extractor)
        assert failing.saved == 0  # the next run will fetch every feed again
    finally:
        failing.close()
    store = WatchedStore(tmp_path / "g.lbug")
    try:
        summary = ingest([f"{sample_site}/feeds.opml"], store, settings, extractor)
        assert summary.failed == 0 and summary.new >= 30
        assert store.saved > 0 and len(store.batches) > 2
    finally:
        store.close()


def test_a_folder_is_checked_against_the_store_in_one_lookup(tmp_path, corpus, extractor) -> None:
    """The files of a folder are seen-checked by one store lookup, not one per file; a second
    run finds them all stored."""
    folder, uris = corpus
    asked: list[int] = []

    class Counting(WatchedStore):
        def known_article_ids(self, ids):  # noqa: ANN001, ANN202
            asked.append(len(ids))
            return super().known_article_ids(ids)

    with Counting(tmp_path / "s.lbug") as store:
        summary = ingest([str(folder)], store, Settings(), extractor)
        assert summary.new == len(uris) and asked == [len(uris)]
        asked.clear()
        again = ingest([str(folder)], store, Settings(), extractor)
        assert again.new == 0 and again.already_seen == len(uris) and asked == [len(uris)]
