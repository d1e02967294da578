"""The main job: sources -> ingest -> nlp -> resolve -> graph, in batches, with a summary.

Each batch of articles is extracted with ``nlp.pipe``, resolved against the actors already in the
store, and written in one transaction. Feed states (ETag/Last-Modified) are saved only after every
batch was written, so an interrupted run fetches the same items again next time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from actorgraph.core.errors import ActorgraphError, SourceError
from actorgraph.core.records import STATUSES, Article, Extraction, FeedState, ResolvedArticle
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
from actorgraph.nlp import Extractor, make_extractor
from actorgraph.resolve import Resolver
from actorgraph.resolve.events import EventIndex

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


def _extract_isolated(
    extractor: Extractor, articles: Sequence[Article]
) -> list[Extraction | IngestFailure]:
    """Extract a batch (one ``nlp.pipe`` batch); if it fails, retry one by one so one bad article
    loses nothing else."""
    try:
        return list(extractor.extract_many(articles, batch_size=max(len(articles), 1)))
    except Exception:  # noqa: BLE001 - isolate the failing article below
        results: list[Extraction | IngestFailure] = []
        for article in articles:
            try:
                results.append(extractor.extract(article))
            except Exception as exc:  # noqa: BLE001 - reported per article, run goes on
                results.append(IngestFailure(article.url, f"extraction failed: {exc}"))
        return results


class IngestRun:
    """One ingest run into one store."""

    def __init__(self, store: GraphStore, settings: Settings, extractor: Extractor | None = None):
        self.store = store
        self.settings = settings
        self.extractor = extractor or make_extractor(settings)
        actors = store.actors()
        existing = {a.id for a in actors} | set(store.merged_into())
        self.resolver = Resolver(actors, judgements=store.judgements(), existing=existing)
        self.events = EventIndex(store.events(statuses=STATUSES))
        self.summary = IngestSummary()
        self._pending: list[Article] = []
        self._feed_states: list[FeedState] = []
        self._actor_ids: set[str] = set()
        self._event_ids: set[str] = set()

    def run(self, sources: Sequence[str], progress: Progress | None = None) -> IngestSummary:
        """Ingest every source; failures are collected, never raised (store errors are)."""
        urls, hashes = self.store.known_articles()
        seen = SeenIndex(urls, hashes)
        for item in collect(sources, self.settings, seen, self.store.feed_state):
            self._take(item, progress)
        self._flush()
        for state in self._feed_states:
            self.store.save_feed_state(state)
        self.summary.actors = len(self._actor_ids)
        self.summary.events = len(self._event_ids)
        return self.summary

    def _take(self, item: object, progress: Progress | None) -> None:
        if isinstance(item, Article):
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
        elif isinstance(item, FeedVisited):
            self._feed_states.append(item.state)

    def _flush(self) -> None:
        """Extract and resolve the pending batch, then write it in one transaction (a failed
        write is rolled back by the store and aborts the run)."""
        batch, self._pending = self._pending, []
        if not batch:
            return
        resolved: list[ResolvedArticle] = []
        for result in _extract_isolated(self.extractor, batch):
            if isinstance(result, IngestFailure):
                self.summary.failures.append(result)
                continue
            try:
                resolved.append(self.events.unify(self.resolver.resolve(result)))
            except ActorgraphError as exc:
                self.summary.failures.append(IngestFailure(result.article.url, str(exc)))
        if not resolved:
            return
        self.store.write(resolved)
        for doc in resolved:
            self.summary.new += 1
            self.summary.words += len(doc.article.text.split())
            self._actor_ids.update(a.id for a in doc.actors)
            self._event_ids.update(e.id for e in doc.events)


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
    extractor = extractor or make_extractor(settings)
    return Resolver().resolve(extractor.extract(article))


def first_article(items: Iterable[object], source: str) -> Article:
    """The first Article among ``collect`` results, or the failure as an exception."""
    for item in items:
        if isinstance(item, Article):
            return item
        if isinstance(item, IngestFailure):
            raise SourceError(item.source, item.reason)
    raise SourceError(source, "no article found")
