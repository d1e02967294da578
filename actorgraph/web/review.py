"""The review queue of the web app: the store's candidates ordered by expected value, the
chance the current call is wrong times the events it touches (a likely duplicate with many
events comes before a safe one with few)."""

from __future__ import annotations

from dataclasses import dataclass

from actorgraph.graph.base import GraphStore
from actorgraph.graph.review_queue import Candidate, candidates

QUEUE_LIMIT = 200


@dataclass(slots=True)
class Item:
    """One candidate with its expected value and event counts."""

    candidate: Candidate
    value: float
    events_a: int
    events_b: int
    chance: float


def chance_wrong(c: Candidate) -> float:
    """How likely the resolver's call is wrong: kept apart, the similarity; merged, its
    complement."""
    score = max(0.0, min(1.0, c.score))
    return 1.0 - score if c.kind == "merge" else score


def queue(store: GraphStore, limit: int = QUEUE_LIMIT) -> list[Item]:
    """Candidates best first by expected value."""
    found = candidates(store, limit=limit)
    ids = sorted({c.a.id for c in found} | {c.b_id for c in found if c.b})
    counts = store.event_counts(ids)
    items = []
    for c in found:
        ea = counts.get(c.a.id, 0)
        eb = c.mentions if c.b is None else counts.get(c.b_id, 0)
        chance = chance_wrong(c)
        items.append(Item(c, round(chance * (ea + eb), 3), ea, eb, round(chance, 3)))
    items.sort(key=lambda i: (-i.value, -i.chance, i.candidate.a.id, i.candidate.b_id))
    return items
