"""The graph interface every backend implements. Nothing outside ``graph/`` knows which engine
runs: callers get a :class:`GraphStore` from :func:`actorgraph.graph.open_store`.

Model::

    (:Actor {id, name, type, country, title, aliases})
    (:Article {id, url, title, outlet, published, content_hash, source, via, text, origin,
               bands})
    (:Event {id, type, status, date, date_basis, place})
    (:Place {name})
    (:Feed {url, etag, modified})
    (:Actor)-[:PARTICIPANT {role, mention}]->(:Event)
    (:Event)-[:REPORTED_IN {sentence, start, end}]->(:Article)
    (:Event)-[:HELD_IN]->(:Place)
    (:Actor)-[:MENTIONED_IN {name, start, end}]->(:Article)
    (:Judgement {id, a, b, verdict, who, when, why, seq})
    (:Event)-[:DATED]->(:Day {id})              the date index (``Day.id`` = ``Event.date``)
    (:Contact {id: "a|b", a, b, entries})       pair contacts (see ``graph/contacts.py``)
    (:Hash {id: content_hash, article})         the content-hash index ("already seen")

Review (see ``graph/judgements.py``): ``Actor.merged_into`` marks an actor merged into another
(kept so it can be split again; :meth:`GraphStore.actors` does not list it); ``PARTICIPANT`` and
``MENTIONED_IN`` carry ``orig``, the actor id the resolver gave them, and ``MENTIONED_IN`` the
automatic merge's ``method``, ``score`` and ``features`` (JSON text).

``Article.origin`` is the id of the article a near-duplicate copies (the same wire story rerun by
another outlet, see ``ingest/neardup.py``); null or its own id for an original. ``Article.bands``
holds its LSH band keys (integers; null for a text too short to group or stored before schema 3),
so later runs read the texts of only the stored candidates that share a band with theirs.
``Hash`` keys name the article that last had a text; a key whose article has another hash by now
is stale and does not count as seen.

Dates are UTC ISO-8601 strings (``YYYY-MM-DD`` for events), which compare correctly as strings.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from actorgraph.core.records import (
    Actor,
    Article,
    ArticleMeta,
    EventKey,
    EventView,
    FeedState,
    ResolvedArticle,
    SourceRef,
    StoredMention,
)

if TYPE_CHECKING:
    from actorgraph.core.judgements import Judgement

NODE_LABELS: tuple[str, ...] = ("Actor", "Article", "Event", "Place", "Feed")
REL_TYPES: tuple[str, ...] = ("PARTICIPANT", "REPORTED_IN", "HELD_IN", "MENTIONED_IN")


class GraphStore(ABC):
    """A graph backend: lifecycle, a batching writer, reads and raw Cypher."""

    engine: str = "abstract"

    # lifecycle -------------------------------------------------------------
    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @abstractmethod
    def close(self) -> None:
        """Release the store (and its lock)."""

    @abstractmethod
    def clear(self) -> None:
        """Delete every node and relationship (the schema stays)."""

    # writes ----------------------------------------------------------------
    @abstractmethod
    def write(self, batch: Sequence[ResolvedArticle]) -> None:
        """Write a batch of articles with their actors, mentions and events in ONE transaction.

        Idempotent: writing the same batch twice leaves the store as after the first write.
        Actors are merged on ``id`` (aliases unioned), events on ``id`` (a second article only adds
        a ``REPORTED_IN``). On any error nothing of the batch is kept.
        """

    @abstractmethod
    def save_feed_state(self, state: FeedState) -> None:
        """Remember a feed's ETag / Last-Modified after its items were written."""

    # reads -----------------------------------------------------------------
    @abstractmethod
    def feed_state(self, url: str) -> FeedState | None:
        """The stored conditional-GET state of a feed URL, if any."""

    @abstractmethod
    def known_articles(self) -> tuple[set[str], set[str]]:
        """``(canonical urls, content hashes)`` of every stored article, for de-duplication."""

    @abstractmethod
    def actors(self) -> list[Actor]:
        """Every actor."""

    @abstractmethod
    def article(self, article_id: str) -> Article | None:
        """One stored article with its main text (empty for articles stored before texts were
        kept), or None."""

    @abstractmethod
    def articles(self) -> list[ArticleMeta]:
        """Every article, without text, oldest first."""

    @abstractmethod
    def events(
        self,
        since: str | None = None,
        until: str | None = None,
        statuses: Sequence[str] = ("actual",),
    ) -> list[EventView]:
        """Events with ``since <= date < until`` (either bound optional), with participants and
        sources, ordered by date then id."""

    def event_summaries(
        self, since: str, until: str, statuses: Sequence[str] = ("actual",)
    ) -> list[EventView]:
        """The events of :meth:`events` (``since <= date < until``) for counting: participants
        without aliases, titles or series, one source per event holding only the latest
        publication date of its articles (no URL, sentence or place); events without
        participants are left out."""
        out = []
        for view in self.events(since=since, until=until, statuses=statuses):
            if not view.participants:
                continue
            published = [s.published for s in view.sources if s.published]
            source = SourceRef(url="", title="", outlet="", published=max(published, default=None))
            actors = [(Actor(a.id, a.name, a.type, a.country), r) for a, r in view.participants]
            view.participants[:], view.sources[:], view.geo = actors, [source], None
            out.append(view)
        return out

    # bounded reads (scale, issue 12) --------------------------------------------------------------
    @abstractmethod
    def events_with_ids(
        self, ids: Sequence[str], statuses: Sequence[str] = ("actual",)
    ) -> list[EventView]:
        """The events with these ids (and statuses), read by key, as :meth:`events` shows them."""

    @abstractmethod
    def reported_between(self, since: str, until: str, published: tuple[str, str]) -> list[str]:
        """Ids of the actual events dated in ``[since, until)`` that an article published in
        ``[published[0], published[1])`` reports (ISO strings compared as strings)."""

    @abstractmethod
    def days(self) -> list[str]:
        """Every distinct event date string ("2026-05-27", "2026-05", "2026"), sorted, from the
        date index: the keys a bounded read by date starts from."""

    @abstractmethod
    def event_keys(self, days: Sequence[str], statuses: Sequence[str]) -> list[EventKey]:
        """Identity keys (type, status, participants, date) of the events dated on ``days``."""

    @abstractmethod
    def known_article_ids(self, ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored (a primary-key lookup)."""

    @abstractmethod
    def known_content_hashes(self, hashes: Sequence[str]) -> set[str]:
        """Which of these content hashes are stored."""

    @abstractmethod
    def actor_activity(self) -> list[tuple[Actor, int]]:
        """Every actor that took part in an actual event, with the number of such events."""

    @abstractmethod
    def pair_totals(self) -> list[tuple[str, str, int]]:
        """``(a, b, events)`` for the heaviest pairs that took part in the same actual event
        (``a < b``; at most ``cypher.PAIR_TOTALS_LIMIT``, heaviest first)."""

    @abstractmethod
    def pairs_before(self, pairs: Sequence[frozenset[str]], before: str) -> set[frozenset[str]]:
        """Which of these actor pairs formed a relation (:func:`relation_pairs`) in an actual
        event dated before ``before``."""

    @abstractmethod
    def pair_contacts(
        self, pairs: Sequence[tuple[str, str]]
    ) -> dict[frozenset[str], list[tuple[str, str, bool]]]:
        """``(date, event id, forms a relation)`` of the actual dated events each of these actor
        pairs took part in together (the pair-contact summary: one key lookup per pair); pairs
        never seen together are left out."""

    @abstractmethod
    def pair_events_outside_contacts(
        self, pairs: Sequence[tuple[str, str]], statuses: Sequence[str]
    ) -> list[str]:
        """Ids of the events of ``statuses`` both actors of a pair take part in that the
        pair-contact summary leaves out (not actual, or undated), sorted."""

    @abstractmethod
    def counts(self) -> dict[str, int]:
        """Node counts per label."""

    @abstractmethod
    def run(
        self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False
    ) -> list[dict[str, Any]]:
        """Run Cypher with parameters; read-only unless ``write``. Rows as dicts keyed by column."""

    # judgements (review) -------------------------------------------------------------------------
    def add_judgement(self, judgement: Judgement) -> None:
        """Record one judgement and apply it (see :meth:`add_judgements`)."""
        self.add_judgements([judgement])

    @abstractmethod
    def add_judgements(self, judgements: Sequence[Judgement]) -> None:
        """Record judgements as one command and apply every stored judgement to the graph
        (merge ``same`` pairs, split ``not_same`` ones), in ONE transaction."""

    @abstractmethod
    def judge_merge(
        self, actor_id: str, name: str, new_id: str, verdict: str, *, who: str = "", why: str = ""
    ) -> str:
        """A person's verdict on the resolver's automatic merge of the raw name ``name`` into
        ``actor_id``. Those mentions get their own actor ``new_id`` (a suffix is added if the
        id is taken), recorded as merged by the resolver (``same``, who ``resolver``), then the
        person's verdict: ``not_same`` splits them off, ``same`` confirms, ``unsure`` keeps the
        merge. ``undo`` removes the person's verdict only. Returns the new actor's id. ONE
        transaction."""

    @abstractmethod
    def judgements(self) -> list[Judgement]:
        """Every stored judgement, in the order they were made."""

    @abstractmethod
    def remove_last_judgements(self) -> list[Judgement]:
        """Remove the judgements of the last command and reverse their effect, in ONE
        transaction; returns them (empty when there are none)."""

    @abstractmethod
    def dropped(self) -> set[str]:
        """Ids of the actors a person dropped (they are listed nowhere, their mentions stay)."""

    @abstractmethod
    def merged_into(self) -> dict[str, str]:
        """``{merged-away actor id: the actor it is merged into}``."""

    @abstractmethod
    def actor(self, actor_id: str) -> Actor | None:
        """One actor by id, merged away or not (its own aliases only)."""

    @abstractmethod
    def actor_mentions(self, actor_id: str) -> list[StoredMention]:
        """Mentions the actor holds or was originally given, oldest article first."""

    @abstractmethod
    def merge_explanations(self) -> list[StoredMention]:
        """Mentions attached by an automatic merge, lowest score first."""

    @abstractmethod
    def sentences(self, actor_ids: Sequence[str]) -> dict[str, list[str]]:
        """Sentences of events each actor (by original id) took part in."""

    # web pages (``actorgraph serve``) ------------------------------------------------------------
    @abstractmethod
    def actor_events(self, actor_ids: Sequence[str]) -> list[EventView]:
        """Every event (any status) any of ``actor_ids`` took part in, with all participants and
        sources (article ids included), ordered by date then id."""

    @abstractmethod
    def events_by_id(self, event_ids: Sequence[str]) -> list[EventView]:
        """The events with these ids (any status), as :meth:`actor_events`."""

    @abstractmethod
    def article_events(self, article_id: str) -> list[EventView]:
        """Every event the article reports, as :meth:`actor_events`."""

    @abstractmethod
    def article_ids(self, urls: Sequence[str]) -> dict[str, str]:
        """``{url: article id}`` for the stored articles among ``urls``."""

    @abstractmethod
    def event_counts(self, actor_ids: Sequence[str]) -> dict[str, int]:
        """Number of events each actor (by current id) took part in."""

    @abstractmethod
    def search_actors(
        self, text: str, *, type: str = "", country: str = "", limit: int = 50
    ) -> list[tuple[Actor, str, float]]:
        """Live actors whose name or an alias is like ``text`` (Latin or Cyrillic, folded):
        ``(actor, the name that matched, score 0-100)``, best first; ``type``/``country`` filter."""

    # bounded reads of the web pages (issue 14): a page, a total or an aggregate, never a history
    @abstractmethod
    def actor_timeline(
        self, actor_ids: Sequence[str], *, before: tuple[str, str] | None = None, limit: int = 100
    ) -> list[EventView]:
        """The newest ``limit`` events (any status) any of ``actor_ids`` took part in, as
        :meth:`actor_events` but newest first (undated last); with ``before`` (a ``(date, id)``
        cursor, date ``""`` for undated) only the events after it in that order."""

    @abstractmethod
    def actor_event_total(self, actor_ids: Sequence[str]) -> int:
        """How many events (any status) any of ``actor_ids`` took part in."""

    @abstractmethod
    def counterparts(
        self,
        actor_ids: Sequence[str],
        *,
        statuses: Sequence[str] | None = ("actual",),
        event_types: Sequence[str] = (),
        limit: int = 10000,
    ) -> list[tuple[Actor, int]]:
        """The other participants of the events of ``actor_ids`` (of ``statuses``, None for any,
        and of ``event_types`` unless empty), with the number of such events, most first, at
        most ``limit`` (counted by the engine; aliases left empty)."""

    @abstractmethod
    def shared_events(
        self, actor_ids: Sequence[str], others: Sequence[str], statuses: Sequence[str]
    ) -> list[tuple[str, str, str, EventView]]:
        """``(other, its role, the role of the actor, event)`` for the events of ``actor_ids``
        (of ``statuses``) that each of ``others`` also took part in; the events carry their
        sources (article ids included) but no participants."""

    @abstractmethod
    def mention_names(self, actor_id: str) -> list[tuple[str, str | None, str | None, int]]:
        """``(name, first published, last published, mentions)`` per name the actor's mentions
        carry."""

    @abstractmethod
    def mentions_page(self, actor_id: str, limit: int) -> tuple[list[StoredMention], int]:
        """Up to ``limit`` of the mentions the actor holds (automatic merges first, then the
        latest), and how many it holds."""

    @abstractmethod
    def merged_members(self, actor_id: str) -> list[Actor]:
        """The actors merged into ``actor_id`` (id, name and aliases)."""

    # report reads and article origins (report helper) ------------------------------------------
    # Each is bounded by its arguments (one week's pairs, countries or cited URLs).
    @abstractmethod
    def set_origins(
        self, origins: dict[str, str], bands: Mapping[str, Sequence[int]] | None = None
    ) -> None:
        """Record ``{article id: origin article id}`` for stored articles (near-duplicates), and
        ``{article id: LSH band keys}`` for those that have them (``ingest/neardup.py``)."""

    @abstractmethod
    def article_bands(self, ids: Sequence[str]) -> list[tuple[str, list[int] | None]]:
        """``(id, band keys or None)`` of the stored articles with these ids (key lookups)."""

    @abstractmethod
    def articles_on_days(self, days: Sequence[str]) -> dict[str, set[str]]:
        """``{day: article ids}``: the articles reporting events dated on these days (the date
        index), for the near-duplicate candidates of new articles."""

    @abstractmethod
    def article_texts(self, ids: Sequence[str]) -> list[tuple[str, str, str | None]]:
        """``(id, text, origin)`` of the stored articles with these ids (key lookups)."""

    @abstractmethod
    def report_articles(
        self, urls: Sequence[str], ids: Sequence[str] = ()
    ) -> dict[str, dict[str, str]]:
        """``{url: {"id", "origin", "text"}}`` for the stored articles with these URLs; the origin
        is the article's own id when it copies no other. ``ids``: the ids of (some of) these
        articles when known (``SourceRef.article``), looked up by key; URLs not covered by them
        are looked up by URL."""

    @abstractmethod
    def pair_history(
        self, pairs: Sequence[tuple[str, str]], before: str
    ) -> dict[tuple[str, str], tuple[int, str, str]]:
        """``{(a, b): (events, first date, last date)}`` of actual dated events before ``before``
        in which both actors took part, for the given pairs that have any."""

    @abstractmethod
    def pair_first_sources(
        self, firsts: dict[tuple[str, str], str]
    ) -> dict[tuple[str, str], list[EventView]]:
        """``{(a, b): events}``: the actual events on each pair's first date that both took
        part in, with their sources (participants left empty)."""

    @abstractmethod
    def country_history(self, focus: str, codes: Sequence[str], before: str) -> dict[str, str]:
        """``{ISO3: date}`` of the last actual event before ``before`` linking an actor of
        ``focus`` with an actor of each of ``codes`` (absent when there is none)."""
