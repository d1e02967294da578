"""Copy one store into another (``actorgraph sync --to-neo4j URI``), idempotently.

The copy goes through the public interface: the source's events, actors and articles are turned
back into :class:`ResolvedArticle` records and written in batches, so the destination's own
idempotent writer does the merging. Mentions and judgements are copied too; feed states are not
needed. Actors merged away in the source arrive already merged (their mentions on the canonical
actor), so a split in the destination cannot give them back.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from actorgraph.core.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    Participant,
    ResolvedArticle,
)
from actorgraph.graph.base import GraphStore

MENTIONS = """MATCH (a:Actor)-[m:MENTIONED_IN]->(s:Article)
RETURN s.id AS article, a.id AS actor, m.name AS name, m.start AS start, m.`end` AS stop"""

ARTICLE_ROWS = """MATCH (s:Article)
RETURN s.id AS id, s.url AS url, s.title AS title, s.outlet AS outlet, s.published AS published,
       s.content_hash AS content_hash, s.source AS source, s.via AS via"""

EVENT_LINKS = """MATCH (e:Event)-[r:REPORTED_IN]->(s:Article)
RETURN e.id AS event, s.id AS article, r.sentence AS sentence, r.start AS start,
       r.`end` AS stop, e.date_basis AS date_basis"""


def _read(store: GraphStore, statement: str) -> list[dict[str, Any]]:
    return store.run(statement)  # read-only statements, through the public interface


def resolved_articles(src: GraphStore) -> list[ResolvedArticle]:
    """Every article of ``src`` with the actors, mentions and events it carries."""
    actors = {a.id: a for a in src.actors()}
    events = {e.id: e for e in src.events(statuses=("actual", "future", "negated", "hypothetical"))}
    docs: dict[str, ResolvedArticle] = {}
    for r in _read(src, ARTICLE_ROWS):
        article = Article(
            id=r["id"],
            url=r["url"],
            title=r["title"] or "",
            text="",
            outlet=r["outlet"] or "",
            published=r["published"],
            content_hash=r["content_hash"] or "",
            source=r["source"] or "",
            via=r["via"] or "page",
        )
        docs[article.id] = ResolvedArticle(article=article, actors=[], mentions=[], events=[])
    needed: dict[str, set[str]] = defaultdict(set)
    for r in _read(src, MENTIONS):
        docs[r["article"]].mentions.append(
            ActorMention(
                actor_id=r["actor"], text=r["name"] or "", start=r["start"] or 0, end=r["stop"] or 0
            )
        )
        needed[r["article"]].add(r["actor"])
    for r in _read(src, EVENT_LINKS):
        view = events.get(r["event"])
        if view is None:
            continue
        participants = [Participant(actor_id=a.id, role=role) for a, role in view.participants]
        docs[r["article"]].events.append(
            Event(
                id=view.id,
                type=view.type,
                status=view.status,
                date=view.date,
                date_basis=r["date_basis"] or "published",
                place=view.place,
                participants=participants,
                article_id=r["article"],
                sentence=r["sentence"] or "",
                start=r["start"] or 0,
                end=r["stop"] or 0,
                geo=view.geo,
            )
        )
        needed[r["article"]].update(p.actor_id for p in participants)
    for article_id, doc in docs.items():
        doc.actors = [_copy(actors[i]) for i in sorted(needed[article_id]) if i in actors]
    carried = {i for ids in needed.values() for i in ids}
    if docs:  # actors no mention or event carries ride along with the first article
        first = min(docs.values(), key=lambda d: (d.article.published or "", d.article.id))
        first.actors += [_copy(a) for i, a in sorted(actors.items()) if i not in carried]
    return sorted(docs.values(), key=lambda d: (d.article.published or "", d.article.id))


def _copy(actor: Actor) -> Actor:
    return Actor(
        actor.id,
        actor.name,
        actor.type,
        actor.country,
        actor.title,
        list(actor.aliases),
        actor.series,
    )


def copy_store(src: GraphStore, dst: GraphStore, batch_size: int = 200) -> dict[str, int]:
    """Write everything in ``src`` into ``dst`` (merging on ids), then the judgements ``dst``
    does not have yet, in their order; returns ``dst``'s node counts."""
    docs = resolved_articles(src)
    for i in range(0, len(docs), batch_size):
        dst.write(docs[i : i + batch_size])
    have = set(dst.judgements())
    missing = [j for j in src.judgements() if j not in have]
    if missing:
        dst.add_judgements(missing)
    return dst.counts()
