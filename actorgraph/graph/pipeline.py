"""The main job: sources -> ingest -> nlp -> resolve -> graph, in batches, with a summary.

Each batch of articles is extracted with ``nlp.pipe``, resolved against the actors already in the
store, and written in one transaction. Feed states (ETag/Last-Modified) are saved only after every
batch was written, so an interrupted run fetches the same items again next time.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from actorgraph.core.errors import ActorgraphError, ExtractionError, SourceError
from actorgraph.core.records import STATUSES, Actor, Article, FeedState, ResolvedArticle
from actorgraph.core.settings import Settings
from actorgraph.graph.base import GraphStore
from actorgraph.ingest import (
    Duplicate,
    FeedVisited,
    IngestFailure,
    IngestWarning,
    SeenIndex,
    collect,
)
from actorgraph.ingest.neardup import NearDupIndex, StoredCandidates, preload_minhash
from actorgraph.ingest.sniff import ARTICLE_SUFFIXES
from actorgraph.resolve import Resolver
from actorgraph.resolve.events import EventIndex
from actorgraph.resolve.places import gazetteer

if TYPE_CHECKING:  # spaCy and the extraction modules are imported at the first new article
    from spacy.language import Language

    from actorgraph.core.judgements import Judgement
    from actorgraph.nlp import Extractor
    from actorgraph.nlp.workers import ExtractorPool, Results

Progress = Callable[[str, int], None]


@dataclass(slots=True)
class IngestSummary:
    """What one ingest run did."""

    new: int = 0
    already_seen: int = 0
    failures: list[IngestFailure] = field(default_factory=list)
    warnings: list[IngestWarning] = field(default_factory=list)
    actors: int = 0
    events: int = 0
    words: int = 0

    @property
    def failed(self) -> int:
        return len(self.failures)

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        return (
            f"articles: {self.new} new, {self.already_seen} already seen, {self.failed} failed; "
            f"actors: {self.actors}; events: {self.events}"
        )


class IngestRun:
    """One ingest run into one store.

    A run that finds nothing new makes only the seen lookups. The rest starts at the run's first
    unseen article (:meth:`_start`): the stored actors are read, spaCy is imported, the workers
    start and the gazetteer and the resolver's index are built (the collector starts no fetch
    thread before that article, so the workers may fork from here).

    With ``settings.workers`` above 1 (and no ``extractor`` given), batches go to that many worker
    processes (:class:`~actorgraph.nlp.workers.ExtractorPool`) while this process resolves and
    writes their results in submission order. From the main thread of a process with no other
    thread, that start loads the pipeline here and forks the workers from this process; they
    and the resolver's index warm while the rest is collected. Elsewhere (a server's ingest
    thread) they come from the fork server at the first batch that is not the last one, and a
    run of one batch extracts here.
    """

    def __init__(self, store: GraphStore, settings: Settings, extractor: Extractor | None = None):
        self.store = store
        self.settings = settings
        self._extractor = extractor
        self._given = extractor is not None
        self._nlp: Language | None = None  # the pipeline loaded here for forked workers
        self._pool: ExtractorPool | None = None
        self._warming: threading.Thread | None = None
        self._inflight: deque[Future[Results]] = deque()
        self._sources: Sequence[str] = ()
        self._started = False
        self._asked: set[str] = set()  # content hashes found not stored before the start
        # the stored actors, read at the start; their index is built on first use, or while the
        # extraction workers start (see _warm), when the writer would only wait
        self._known: tuple[list[Actor], list[Judgement], set[str]] | None = None
        self._resolver: Resolver | None = None
        # bounded: the stored events of the days the new articles talk about, asked per batch
        self.events = EventIndex(lookup=lambda days: store.event_keys(days, STATUSES))
        self.summary = IngestSummary()
        # near-duplicates: the run's latest articles, and per batch the stored articles
        # reporting events around theirs (bounded by the date index, not the store)
        self.neardup = NearDupIndex()
        self.copies = StoredCandidates(
            store.articles_on_days, store.article_texts, bands=store.article_bands
        )
        self._pending: list[Article] = []
        self._feed_states: list[FeedState] = []
        self._actor_ids: set[str] = set()
        self._event_ids: set[str] = set()

    def _read_known(self) -> tuple[list[Actor], list[Judgement], set[str]]:
        """The stored actors, judgements and actor ids (merged ones too), read once."""
        if self._known is None:
            actors = self.store.actors()
            existing = {a.id for a in actors} | set(self.store.merged_into())
            self._known = (actors, self.store.judgements(), existing)
        return self._known

    @property
    def resolver(self) -> Resolver:
        """The resolver over the stored actors (its index built on first use)."""
        if self._resolver is None:
            actors, judgements, existing = self._read_known()
            self._resolver = Resolver(actors, judgements=judgements, existing=existing)
        return self._resolver

    def _warm_up(self) -> None:
        """Build the gazetteer and the resolver's index ahead of the first resolution, and load
        what the near-duplicate test of a run of several articles needs (datasketch and the
        scipy it imports: 0.7-0.9 s, on the writer's path otherwise)."""
        _warm_gazetteer()
        preload_minhash()
        try:
            _ = self.resolver
        except Exception:  # noqa: BLE001 - built again (and the error reported) on first use
            pass

    @property
    def extractor(self) -> Extractor:
        """The in-process extractor (loaded on first use)."""
        if self._extractor is None:
            from actorgraph.nlp import make_extractor

            self._extractor = make_extractor(self.settings, self._nlp)
        return self._extractor

    def run(self, sources: Sequence[str], progress: Progress | None = None) -> IngestSummary:
        """Ingest every source; failures are collected, never raised (store errors are)."""
        # stored URLs by key, per item; stored content hashes once per batch (see _flush: a
        # hash has no key lookup on Ladybug, each ask reads every Article)
        seen = SeenIndex(stored_ids=self.store.known_article_ids)
        self._sources = sources
        try:
            for item in collect(sources, self.settings, seen, self.store.feed_state):
                self._take(item, progress)
            self._flush(final=True)
            while self._inflight:
                self._write(self._result(self._inflight.popleft()))
        finally:
            if self._pool is not None:
                self._pool.close()
                self._pool = None
        for state in self._feed_states:
            self.store.save_feed_state(state)
        self.summary.actors = len(self._actor_ids)
        self.summary.events = len(self._event_ids)
        return self.summary

    def _take(self, item: object, progress: Progress | None) -> None:
        if isinstance(item, Article):
            if not self._started:
                # its text stored under another address? asked one by one only until the run
                # starts (each ask reads every Article), then once per batch (see _flush)
                if self.store.known_content_hashes([item.content_hash]):
                    self.summary.already_seen += 1
                    return
                self._asked.add(item.content_hash)
            self._start()
            self._pending.append(item)
            if progress:
                progress(item.title or item.url, 1)
            if len(self._pending) >= self.settings.batch_size:
                self._flush()
        elif isinstance(item, Duplicate):
            self.summary.already_seen += 1
        elif isinstance(item, IngestFailure):
            self.summary.failures.append(item)
        elif isinstance(item, IngestWarning):
            self.summary.warnings.append(item)
        elif isinstance(item, FeedVisited) and item.changed:  # a 304 leaves the state as stored
            self._feed_states.append(item.state)

    def _start(self) -> None:
        """Start extraction, once, at the first unseen article: read the stored actors and fork
        the workers here if this process may (see :meth:`_fork_workers`)."""
        if self._started:
            return
        self._started = True
        self._read_known()
        self._fork_workers()

    def _flush(self, final: bool = False) -> None:
        """Extract the pending batch (here, or in a worker while earlier batches are written)."""
        batch, self._pending = self._pending, []
        unasked = [a.content_hash for a in batch if a.content_hash not in self._asked]
        stored = self.store.known_content_hashes(unasked) if unasked else set()
        if stored:  # the same text stored under another URL: already seen
            self.summary.already_seen += sum(a.content_hash in stored for a in batch)
            batch = [a for a in batch if a.content_hash not in stored]
        if not batch:
            return
        pool = self._worker_pool(final)
        if pool is None:
            from actorgraph.nlp.workers import extract_isolated

            self._write(extract_isolated(self.extractor, batch))
            return
        self._inflight.append(pool.submit(batch))
        while len(self._inflight) > pool.workers:
            self._write(self._result(self._inflight.popleft()))

    def _fork_workers(self) -> None:
        """Load the pipeline and fork the workers from this process, if it may (see the class).
        A run of one local page (one article, one batch) extracts in-process: workers would
        only add their start."""
        if self.settings.workers < 2 or self._given or self.settings.extractor == "llm":
            return
        if len(self._sources) == 1 and _one_page(self._sources[0]):
            return
        from actorgraph.nlp.workers import ExtractorPool, can_fork_here

        if not can_fork_here():
            return
        from actorgraph.nlp.pipeline import load_pipeline

        self._nlp = load_pipeline(self.settings.model)
        self._pool = ExtractorPool(self.settings, self.settings.workers, self._nlp)
        self._warm()

    def _worker_pool(self, final: bool) -> ExtractorPool | None:
        """The worker pool; from the fork server, started at the first batch that is not the
        last one."""
        if self._pool is None and not final and not self._given and self.settings.workers > 1:
            from actorgraph.nlp.workers import ExtractorPool

            self._pool = ExtractorPool(self.settings, self.settings.workers)
            self._warm()
        return self._pool

    def _warm(self) -> None:
        """Build the gazetteer and the resolver's index in a thread while the workers parse
        (the stored actors are read here first: the store is used from this thread only)."""
        self._read_known()
        self._warming = threading.Thread(target=self._warm_up, daemon=True)
        self._warming.start()

    @staticmethod
    def _result(future: Future[Results]) -> Results:
        try:
            return future.result()
        except BrokenProcessPool as exc:
            raise ExtractionError(f"extraction workers stopped: {exc}") from exc

    def _write(self, results: Results) -> None:
        """Resolve one extracted batch, then write it in one transaction (a failed write is
        rolled back by the store and aborts the run)."""
        if self._warming is not None:
            self._warming.join()
            self._warming = None
        docs: list[ResolvedArticle] = []
        for result in results:
            if isinstance(result, IngestFailure):
                self.summary.failures.append(result)
                continue
            try:
                docs.append(self.resolver.resolve(result))
            except ActorgraphError as exc:
                self.summary.failures.append(IngestFailure(result.article.url, str(exc)))
        self.events.prefetch(e.date for doc in docs for e in doc.events)  # one lookup per batch
        resolved = [self.events.unify(doc) for doc in docs]
        if not resolved:
            return
        # near-duplicates (ingest/neardup.py): candidates read before the batch is written (so
        # none of it is among them), each article's origin written after it
        # With several articles datasketch is loaded anyway: each article's band keys pick the
        # candidates worth reading as text, and are stored for the articles that come later; a
        # lone article is compared by text (nothing to load, and its keys are not stored).
        signatures = (
            {d.article.id: self.neardup.signature(d.article.id, d.article.text) for d in resolved}
            if len(resolved) > 1 or self.summary.new or self._pool is not None
            else None
        )
        dates = {d.article.id: [e.date for e in d.events] for d in resolved}
        stored = self.copies.for_batch(dates, signatures)
        self.store.write(resolved)
        origins = {
            d.article.id: self.neardup.origin_of(
                d.article.id, d.article.text, stored.get(d.article.id, ())
            )
            for d in resolved
        }
        # every signature is let go; the keys of the articles that have some are stored
        bands = {
            d.article.id: keys for d in resolved if (keys := self.neardup.bands_of(d.article.id))
        }
        self.store.set_origins(origins, bands)
        for doc in resolved:
            self.summary.new += 1
            self.summary.words += len(doc.article.text.split())
            self._actor_ids.update(a.id for a in doc.actors)
            self._event_ids.update(e.id for e in doc.events)


def _one_page(source: str) -> bool:
    """Whether a source is one local page or clipping (not a folder, feed or list of feeds)."""
    path = Path(source)
    return path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file()


def _warm_gazetteer() -> None:
    """Build the shared gazetteer ahead of the first resolution (a failure is left to it)."""
    try:
        gazetteer()
    except Exception:  # noqa: BLE001 - resolution builds it again and reports the error
        pass


def ingest(
    sources: Sequence[str],
    store: GraphStore,
    settings: Settings,
    extractor: Extractor | None = None,
    progress: Progress | None = None,
) -> IngestSummary:
    """Ingest ``sources`` into ``store``; see :class:`IngestRun`."""
    return IngestRun(store, settings, extractor).run(sources, progress)


def extract_one(
    article: Article, settings: Settings, extractor: Extractor | None = None
) -> ResolvedArticle:
    """One article through nlp and resolve, no store touched."""
    if extractor is None:
        from actorgraph.nlp import make_extractor

        extractor = make_extractor(settings)
    return Resolver().resolve(extractor.extract(article))


def first_article(items: Iterable[object], source: str) -> Article:
    """The first Article among ``collect`` results, or the failure as an exception."""
    for item in items:
        if isinstance(item, Article):
            return item
        if isinstance(item, IngestFailure):
            raise SourceError(item.source, item.reason)
    raise SourceError(source, "no article found")
