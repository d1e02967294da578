"""What :func:`~actorgraph.ingest.collect` yields besides articles."""

from __future__ import annotations

from dataclasses import dataclass, field

from actorgraph.core.records import FeedState


@dataclass(frozen=True)
class IngestFailure:
    """A source (feed, page, file, list) failed or was skipped, and why."""

    source: str
    reason: str


@dataclass(frozen=True)
class IngestWarning:
    """A source was ingested in a degraded way (e.g. the feed's text instead of the page)."""

    source: str
    reason: str


@dataclass(frozen=True)
class Duplicate:
    """An item already seen (by canonical URL or content hash); ``url`` is its canonical URL."""

    source: str
    url: str


@dataclass(frozen=True)
class FeedVisited:
    """A feed was visited; save ``state`` after its items are written. ``not_modified`` is True
    when the server answered 304 (no items were read); ``previous`` is the state stored before
    the visit (None: none was)."""

    state: FeedState
    not_modified: bool
    previous: FeedState | None = field(default=None, compare=False)

    @property
    def changed(self) -> bool:
        """Whether ``state`` differs from the stored one (else saving it writes nothing new)."""
        return self.state != self.previous
