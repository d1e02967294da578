"""The review queue of a store: pairs for a person to review, most doubtful first, with
evidence.

Two sources of doubt:

- automatic merges: a mention the resolver attached to an existing actor (its method, score and
  features are stored on the mention); the lower the score above the threshold, the more
  doubtful. The pair is (the actor, the id the mention's name would have had on its own).
- near misses: two actors of one type that share a blocking key (so the cost grows with the
  number of actors, not its square) and whose names are alike but were kept apart, by a score
  under the threshold or by a soft rule (an initial, a country); see ``resolve/review.py``.

Pairs someone already judged are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from actorgraph.core.judgements import Judgement, JudgementBook
from actorgraph.core.records import Actor, StoredMention
from actorgraph.graph.base import GraphStore
from actorgraph.resolve.facts import own_id
from actorgraph.resolve.matcher import threshold
from actorgraph.resolve.review import review_pairs

NEAR_MISS_LIMIT = 500


@dataclass(slots=True)
class Candidate:
    """Two things that may be one actor, and why a person should look."""

    kind: str  # "merge" (automatic merge to confirm), "near_miss", "blocked"
    a: Actor
    b_id: str
    b: Actor | None  # None for a merge: b_id is the id the mention would have had alone
    score: float
    margin: float  # distance from the decision threshold: smaller is more doubtful
    method: str
    features: dict[str, Any] = field(default_factory=dict)
    mention: str = ""
    mentions: int = 0
    sentences_a: list[str] = field(default_factory=list)
    sentences_b: list[str] = field(default_factory=list)

    @property
    def b_name(self) -> str:
        return self.b.name if self.b else self.mention


def candidates(store: GraphStore, limit: int | None = None) -> list[Candidate]:
    """Review candidates of the store, most doubtful first (at most ``limit``)."""
    actors = {a.id: a for a in store.actors()}
    judgements = store.judgements()
    book = JudgementBook(judgements)
    found = merge_candidates(store.merge_explanations(), actors, book)
    found += near_misses(list(actors.values()), judgements, limit or NEAR_MISS_LIMIT)
    found.sort(key=lambda c: (c.margin, c.score, c.a.id, c.b_id))
    found = found[:limit] if limit else found
    ids = sorted({c.a.id for c in found} | {c.b_id for c in found if c.b})
    sentences = store.sentences(ids) if ids else {}
    for c in found:
        c.sentences_a = _pick(sentences.get(c.a.id, []), c.mention)
        c.sentences_b = _pick(sentences.get(c.b_id, []), "") if c.b else []
    return found


def merge_candidates(
    explained: Sequence[StoredMention], actors: dict[str, Actor], book: JudgementBook
) -> list[Candidate]:
    """One candidate per (actor, merged name), with its lowest score."""
    groups: dict[tuple[str, str], list[StoredMention]] = defaultdict(list)
    for m in explained:
        automatic = m.method and m.method != "judgement" and m.orig == m.actor
        if automatic and m.actor in actors and m.name:
            groups[(m.actor, m.name)].append(m)
    out = []
    for (actor_id, name), mentions in groups.items():
        actor = actors[actor_id]
        other = own_id(name, actor.type)
        if other == actor_id or book.verdict(actor_id, other):
            continue
        worst = min(mentions, key=lambda m: m.score if m.score is not None else 1.0)
        score = worst.score if worst.score is not None else 1.0
        out.append(
            Candidate(
                "merge",
                actor,
                other,
                None,
                score,
                abs(score - threshold(actor.type)),
                worst.method or "",
                dict(worst.features),
                name,
                len(mentions),
            )
        )
    return out


def near_misses(
    actors: Sequence[Actor], judgements: Sequence[Judgement], limit: int
) -> list[Candidate]:
    """Alike actors kept apart (:func:`actorgraph.resolve.review.review_pairs`: the resolver's
    own blocking and comparison), as candidates."""
    by_id = {a.id: a for a in actors}
    out = []
    for pair in review_pairs(actors, judgements, limit=limit):
        a, b = by_id[pair.a], by_id[pair.b]
        if _richer(b, a):  # "same" keeps the fuller name as the canonical actor
            a, b = b, a
        kind = "blocked" if pair.blocked else "near_miss"
        features = dict(pair.features)
        if pair.blocked:
            features["blocked_by"] = pair.blocked
        out.append(Candidate(kind, a, b.id, b, pair.score, pair.doubt, pair.method, features))
    return out


def _richer(x: Actor, y: Actor) -> bool:
    return (len(x.name.split()), len(x.name), len(x.aliases)) > (
        len(y.name.split()),
        len(y.name),
        len(y.aliases),
    )


def _pick(sentences: list[str], name: str) -> list[str]:
    """One sample sentence, preferring one that contains ``name``."""
    if name:
        hits = [s for s in sentences if name in s]
        if hits:
            return hits[:1]
    return sentences[:1]
