"""Extraction in worker processes: each worker loads the pipeline once and extracts whole
batches; the caller gets the results of each batch in the order it submitted them, so one
writer can resolve and write in order while every core runs spaCy.

Workers are started with ``spawn`` (a fresh interpreter: no inherited store handle or threads).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from actorgraph.core.records import Article, Extraction
from actorgraph.core.settings import Settings
from actorgraph.ingest import IngestFailure
from actorgraph.nlp.extract import Extractor
from actorgraph.nlp.factory import make_extractor

Results = list[Extraction | IngestFailure]
_worker_extractor: Extractor | None = None


def extract_isolated(extractor: Extractor, articles: Sequence[Article]) -> Results:
    """Extract a batch (one ``nlp.pipe`` batch); if it fails, retry one by one so one bad article
    loses nothing else."""
    try:
        return list(extractor.extract_many(articles, batch_size=max(len(articles), 1)))
    except Exception:  # noqa: BLE001 - isolate the failing article below
        results: Results = []
        for article in articles:
            try:
                results.append(extractor.extract(article))
            except Exception as exc:  # noqa: BLE001 - reported per article, run goes on
                results.append(IngestFailure(article.url, f"extraction failed: {exc}"))
        return results


PARENT_CHECK_SECONDS = 0.5


def _exit_with_parent(parent: int) -> None:
    """A worker whose ingest was killed (kill -9 gives it no chance to shut the pool down)
    would wait for work forever, holding a loaded model: it exits once its parent is gone."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="actorgraph-parent-watch", daemon=True).start()


def _start_worker(settings: Settings, parent: int) -> None:
    global _worker_extractor
    _exit_with_parent(parent)
    _worker_extractor = make_extractor(settings)


def _extract_in_worker(articles: list[Article]) -> Results:
    assert _worker_extractor is not None, "worker not initialised"
    return extract_isolated(_worker_extractor, articles)


class ExtractorPool:
    """``workers`` processes, each with its own extractor; :meth:`submit` a batch, get a future."""

    def __init__(self, settings: Settings, workers: int) -> None:
        self.workers = workers
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(settings, os.getpid()),
        )

    def submit(self, articles: Sequence[Article]) -> Future[Results]:
        return self._pool.submit(_extract_in_worker, list(articles))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
