"""JSON shapes of the CLI's ``extract`` and ``export`` commands."""

from __future__ import annotations

from typing import Any

from actorgraph.core.records import Actor, EventView, ResolvedArticle, relation_pairs, relations_of
from actorgraph.graph.base import GraphStore


def actor_dict(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "type": actor.type,
        "country": actor.country,
        "aliases": sorted(actor.aliases),
        "title": actor.title,
    }


def extraction_dict(
    doc: ResolvedArticle, statuses: tuple[str, ...] = ("actual",)
) -> dict[str, Any]:
    """``{"actors": [...], "relations": [...], "events": [...]}`` for one article."""
    relations = []
    events = []
    for event in doc.events:
        events.append(
            {
                "id": event.id,
                "type": event.type,
                "status": event.status,
                "date": event.date,
                "place": event.place,
                "participants": [
                    {"id": p.actor_id, "role": p.role, "mention": p.mention}
                    for p in event.participants
                ],
                "evidence": event.sentence,
                "start": event.start,
                "end": event.end,
            }
        )
        if event.status not in statuses:
            continue
        pairs = relation_pairs([(p.actor_id, p.role) for p in event.participants])
        relations += [
            {
                "source": a,
                "target": b,
                "type": event.type,
                "date": event.date,
                "evidence": event.sentence,
                "sources": [doc.article.url],
            }
            for a, b in pairs
        ]
    return {
        "article": {
            "url": doc.article.url,
            "title": doc.article.title,
            "outlet": doc.article.outlet,
            "published": doc.article.published,
        },
        "actors": [actor_dict(a) for a in sorted(doc.actors, key=lambda a: a.id)],
        "relations": relations,
        "events": events,
    }


def event_dict(event: EventView) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "status": event.status,
        "date": event.date,
        "place": event.place,
        "participants": [
            {"id": a.id, "name": a.name, "role": role} for a, role in event.participants
        ],
        "sources": [
            {
                "url": s.url,
                "title": s.title,
                "outlet": s.outlet,
                "published": s.published,
                "sentence": s.sentence,
                "start": s.start,
                "end": s.end,
            }
            for s in event.sources
        ],
    }


def store_dict(store: GraphStore) -> dict[str, Any]:
    """The whole store: actors, events (all statuses), relations (actual events), articles."""
    events = store.events(statuses=("actual", "future", "negated", "hypothetical"))
    relations = []
    for event in events:
        if event.status != "actual":
            continue
        for rel in relations_of(event):
            relations.append(
                {
                    "source": rel.source,
                    "target": rel.target,
                    "type": rel.type,
                    "date": rel.date,
                    "evidence": rel.evidence,
                    "sources": rel.sources,
                }
            )
    return {
        "actors": [actor_dict(a) for a in sorted(store.actors(), key=lambda a: a.id)],
        "events": [event_dict(e) for e in events],
        "relations": relations,
        "articles": [
            {"url": a.url, "title": a.title, "outlet": a.outlet, "published": a.published}
            for a in store.articles()
        ],
    }
