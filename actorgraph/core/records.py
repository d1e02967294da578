"""Plain typed records that each stage hands to the next.

ingest -> :class:`Article`; nlp -> :class:`Extraction` (mentions and event mentions, indexes into
the article); resolve -> :class:`ResolvedArticle` (canonical actors and events); graph stores them
and reads back :class:`EventView` for reports, exports and views.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from actorgraph.core.enums import ActorType, DateBasis, EventType, Role, Status, values

ACTOR_TYPES: tuple[str, ...] = values(ActorType)
EVENT_TYPES: tuple[str, ...] = values(EventType)
ROLES: tuple[str, ...] = values(Role)
STATUSES: tuple[str, ...] = values(Status)
DATE_BASES: tuple[str, ...] = values(DateBasis)


def stable_id(*parts: str, length: int = 16) -> str:
    """A short deterministic id from its parts (sha1 hex prefix)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def to_dict(record: Any) -> dict[str, Any]:
    """A record as a JSON-ready dict."""
    return asdict(record)


@dataclass(frozen=True, slots=True)
class Article:
    """One news item with its main text.

    ``url`` is the canonical URL (``file://`` URI for local files); ``published`` is UTC
    ISO-8601 ``YYYY-MM-DDTHH:MM:SSZ`` or None; ``content_hash`` is the sha256 of the normalised
    text; ``via`` says where the text came from: ``page`` (fetched article page), ``feed`` (the
    feed's own content, used when the page could not be fetched) or ``file``.
    """

    id: str
    url: str
    title: str
    text: str
    outlet: str
    published: str | None
    content_hash: str
    source: str
    via: str = "page"

    @property
    def published_date(self) -> str | None:
        return self.published[:10] if self.published else None


@dataclass(slots=True)
class Mention:
    """One actor mention found by the NLP stage, before resolution.

    ``text`` is the surface form at ``[start, end)`` in ``Article.text``; ``name`` the cleaned name
    (titles, honorifics and a leading "the" removed); ``country`` an ISO 3166 alpha-3 code when the
    text supports one; ``title`` the post a person carries ("Minister of Foreign Affairs").
    ``acronym`` is set when the text defines one ("Shanghai Cooperation Organization (SCO)").
    """

    text: str
    name: str
    type: str
    start: int
    end: int
    country: str | None = None
    title: str | None = None
    acronym: str | None = None


@dataclass(slots=True)
class EventMention:
    """One interaction stated in a sentence, participants given as indexes into ``mentions``.

    ``date`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``; ``date_basis`` is ``text`` when the
    sentence states it, ``published`` when it falls back to the article's publication day.
    ``start``/``end`` are the sentence's character offsets in ``Article.text``.
    """

    type: str
    status: str
    participants: list[tuple[int, str]]
    date: str | None
    date_basis: str
    place: str | None
    sentence: str
    start: int
    end: int
    trigger: str = ""


@dataclass(frozen=True, slots=True)
class Dateline:
    """An article's dateline ("SEOUL, March 12 (Reuters) -"): place, date and outlet as written
    (``None`` where the dateline gives none), and its character range in ``Article.text``."""

    place: str
    date: str | None
    outlet: str | None
    start: int
    end: int


@dataclass(slots=True)
class Extraction:
    """The NLP stage's output for one article (``dateline``: its dateline, if it has one)."""

    article: Article
    mentions: list[Mention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    dateline: Dateline | None = None


@dataclass(slots=True)
class Actor:
    """A canonical actor: one person, state, force, exercise edition or organisation.

    ``series`` links an exercise edition to its series ("Steppe Partner-2024" and
    "Steppe Partner 2026" are two actors of the series "Steppe Partner")."""

    id: str
    name: str
    type: str
    country: str | None = None
    title: str | None = None
    aliases: list[str] = field(default_factory=list)
    series: str | None = None


@dataclass(slots=True)
class MergeExplanation:
    """Why a mention was attached to an existing actor (kept for review and undo)."""

    mention: str
    actor_id: str
    method: str
    score: float
    features: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class ActorMention:
    """A resolved mention: the raw name stays, linked to its canonical actor."""

    actor_id: str
    text: str
    start: int
    end: int


@dataclass(slots=True)
class Participant:
    actor_id: str
    role: str
    mention: str = ""


# -- places (geocoding, issue 13) ---------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Place:
    """A geocoded place: ``geonameid`` (None for a site GeoNames lacks), WGS84 ``lat``/``lng``,
    ISO3 ``country``, GeoNames first-level division code ``admin1`` and ``precision``
    (``city``, ``region`` or ``country``)."""

    name: str
    geonameid: int | None
    lat: float
    lng: float
    country: str | None
    admin1: str | None
    precision: str


@dataclass(slots=True)
class Event:
    """A resolved interaction; ``id`` is shared by the same event reported in several articles."""

    id: str
    type: str
    status: str
    date: str | None
    date_basis: str
    place: str | None
    participants: list[Participant]
    article_id: str
    sentence: str
    start: int
    end: int
    geo: Place | None = None

    @staticmethod
    def make_id(event_type: str, actor_ids: list[str], date: str | None, status: str) -> str:
        """Same type, same participants, same day and status: the same event."""
        return stable_id(event_type, status, date or "", *sorted(set(actor_ids)))


@dataclass(slots=True)
class ResolvedArticle:
    """The resolve stage's output for one article, ready for one graph write."""

    article: Article
    actors: list[Actor]
    mentions: list[ActorMention]
    events: list[Event]
    merges: list[MergeExplanation] = field(default_factory=list)


@dataclass(slots=True)
class SourceRef:
    """An article that reports an event, with the sentence that states it."""

    url: str
    title: str
    outlet: str
    published: str | None
    sentence: str = ""
    start: int = 0
    end: int = 0
    article: str = ""  # the article's id in the store, where the read knows it


@dataclass(slots=True)
class EventView:
    """An event as read back from the graph, with its participants and sources."""

    id: str
    type: str
    status: str
    date: str | None
    place: str | None
    participants: list[tuple[Actor, str]]
    sources: list[SourceRef]
    date_basis: str = "text"
    geo: Place | None = None


@dataclass(slots=True)
class Relation:
    """The pairwise view of an event: actor -> recipient, or each pair of co-participants."""

    source: str
    target: str
    type: str
    date: str | None
    evidence: str
    sources: list[str]
    status: str = "actual"


def relation_pairs(participants: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Ordered actor-id pairs for ``(actor_id, role)`` participants.

    Actors point to recipients; with no recipient, every pair of co-participants (sorted ids).
    """
    actors = sorted({a for a, r in participants if r == "actor"})
    recipients = sorted({a for a, r in participants if r == "recipient"})
    others = sorted({a for a, r in participants if r == "participant"})
    pairs: list[tuple[str, str]] = []
    if actors and recipients:
        pairs = [(a, b) for a in actors for b in recipients if a != b]
    else:
        everyone = sorted(set(actors) | set(recipients) | set(others))
        pairs = [(a, b) for i, a in enumerate(everyone) for b in everyone[i + 1 :]]
    return pairs


def relations_of(event: EventView) -> list[Relation]:
    """Pairwise relations of one read-back event, citing its source URLs."""
    ids = [(actor.id, role) for actor, role in event.participants]
    evidence = event.sources[0].sentence if event.sources else ""
    urls = sorted({s.url for s in event.sources})
    return [
        Relation(a, b, event.type, event.date, evidence, urls, event.status)
        for a, b in relation_pairs(ids)
    ]


@dataclass(frozen=True, slots=True)
class ArticleMeta:
    """An article as listed from the store (no text)."""

    id: str
    url: str
    title: str
    outlet: str
    published: str | None
    content_hash: str


@dataclass(frozen=True, slots=True)
class FeedState:
    """What a conditional GET needs to remember about a feed URL."""

    url: str
    etag: str | None = None
    modified: str | None = None


@dataclass(frozen=True, slots=True)
class StoredMention:
    """A ``MENTIONED_IN`` edge: who holds it now, whom the resolver gave it, and why."""

    actor: str
    orig: str
    name: str
    start: int
    end: int
    article: str
    url: str
    title: str
    published: str | None
    method: str | None = None
    score: float | None = None
    features: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EventKey:
    """What cross-article event identity needs of a stored event (not the whole event)."""

    id: str
    type: str
    status: str
    date: str
    date_basis: str
    actor_ids: frozenset[str]
