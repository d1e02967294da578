"""Extraction in worker processes: each worker loads the pipeline once and extracts whole
batches; the caller gets the results of each batch in the order it submitted them, so one
writer can resolve and write in order while every core runs spaCy.

Given the pipeline this process loaded, and called from the main thread with no other thread
running, the workers are forked straight from this process (:func:`can_fork_here`): they start
with the model in memory and cost nothing to start, like ``nlp.pipe(n_process=...)``. Each one
first closes the store's file descriptors it inherited. Otherwise (a server's ingest thread,
other threads that might hold locks) they are forked from a ``forkserver``: a fresh interpreter
that imports the package and loads the pipeline once (:mod:`actorgraph.nlp.preload`), living as
long as this process, so later runs (``serve --watch``) start their workers as cheaply.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import stat
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.context import BaseContext
from pathlib import Path

from spacy.language import Language

from actorgraph.core.records import Article, Extraction
from actorgraph.core.settings import Settings
from actorgraph.ingest import IngestFailure
from actorgraph.nlp.extract import Extractor
from actorgraph.nlp.factory import make_extractor
from actorgraph.nlp.pipeline import load_pipeline

Results = list[Extraction | IngestFailure]
_worker_extractor: Extractor | None = None
_preloaded: dict[str, Language] = {}  # model name -> pipeline, loaded in the fork server


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


def _alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a killed process waiting to be reaped counts as gone)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state not in ("Z", "X")


def _exit_with_ingest(ingest: int) -> None:
    """A worker whose ingest was killed (kill -9 gives it no chance to shut the pool down)
    would wait for work forever, holding a loaded model: it exits once that process is gone.
    The ingest's pid is watched, not the worker's parent: the parent is the fork server, which
    itself waits for its workers before it exits."""

    def watch() -> None:
        while _alive(ingest):
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="actorgraph-parent-watch", daemon=True).start()


def preload_pipeline() -> None:
    """Load the pipeline of the environment's settings (in the fork server); any failure is left
    for the workers, which load it themselves and report it."""
    try:
        settings = Settings.from_env()
        if settings.extractor != "llm":
            _preloaded[settings.model] = load_pipeline(settings.model)
    except Exception:  # noqa: BLE001 - the worker's own load names the problem
        _preloaded.clear()


def can_fork_here() -> bool:
    """Whether workers may be forked from this process: the main thread and no other Python
    thread (whose held locks a child would inherit locked)."""
    return threading.current_thread() is threading.main_thread() and threading.active_count() == 1


def _close_inherited_files() -> None:
    """Close the descriptors of regular files a forked worker inherited (the store's file and
    log): the worker never uses them, and must not keep them open after the ingest ends."""
    try:
        fds = [int(fd) for fd in os.listdir("/proc/self/fd")]
    except OSError:
        return
    for fd in fds:
        if fd <= 2:
            continue
        try:
            if stat.S_ISREG(os.fstat(fd).st_mode):
                os.close(fd)
        except OSError:
            pass


def _context() -> BaseContext:
    context = multiprocessing.get_context("forkserver")
    # "__main__" first: the workers must not each re-import the caller's main module
    context.set_forkserver_preload(["__main__", "actorgraph.nlp.preload"])
    return context


def _start_worker(settings: Settings, ingest: int, nlp: Language | None = None) -> None:
    """A worker's start: ``nlp`` is the pipeline of the process it was forked from, if so."""
    global _worker_extractor
    if nlp is not None:
        _close_inherited_files()
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the ingest's Ctrl-C handler
    _exit_with_ingest(ingest)
    _worker_extractor = make_extractor(settings, nlp or _preloaded.get(settings.model))


def _extract_in_worker(articles: list[Article]) -> Results:
    assert _worker_extractor is not None, "worker not initialised"
    return extract_isolated(_worker_extractor, articles)


class ExtractorPool:
    """``workers`` processes, each with its own extractor; :meth:`submit` a batch, get a future.

    With ``nlp`` (the pipeline of ``settings.model``, loaded here) and :func:`can_fork_here`,
    the workers are forked from this process now, before any thread of the pool starts
    (``forked`` is then True); else they come from the fork server."""

    def __init__(self, settings: Settings, workers: int, nlp: Language | None = None) -> None:
        self.workers = workers
        self.forked = nlp is not None and can_fork_here()
        context = multiprocessing.get_context("fork") if self.forked else _context()
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=context,
            initializer=_start_worker,
            initargs=(settings, os.getpid(), nlp if self.forked else None),
        )
        if self.forked:
            self._pool.submit(os.getpid)  # forks every worker now, while no thread runs here

    def submit(self, articles: Sequence[Article]) -> Future[Results]:
        return self._pool.submit(_extract_in_worker, list(articles))

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ExtractorPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
