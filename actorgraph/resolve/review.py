"""Pairs of separate actors that look alike, most doubtful first, for a person to judge
(``actorgraph actors review``). Uses the same blocking and comparison as the resolver."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from actorgraph.core.judgements import Judgement, JudgementBook
from actorgraph.core.records import Actor
from actorgraph.resolve.matcher import MatchIndex, form_of, threshold

SOFT_BLOCKS = {"", "country", "initial", "low_information"}


@dataclass(slots=True)
class ReviewPair:
    """Two actors the resolver kept apart although their names are close."""

    a: str
    b: str
    score: float
    method: str
    blocked: str
    features: dict[str, Any] = field(default_factory=dict)

    @property
    def doubt(self) -> float:
        """0 is most doubtful: a passing score kept apart, or a soft blocker on a close name."""
        return abs(self.score - threshold_for(self.features.get("type", "")))


def threshold_for(actor_type: str) -> float:
    return threshold(actor_type) if actor_type else 0.9


def review_pairs(
    actors: Iterable[Actor],
    judgements: Iterable[Judgement] = (),
    limit: int = 50,
    floor: float = 0.75,
) -> list[ReviewPair]:
    """Look-alike pairs of distinct actors not judged yet, most doubtful first."""
    book = JudgementBook(judgements)
    index = MatchIndex()
    by_id = {a.id: a for a in actors}
    for actor in by_id.values():
        for name in dict.fromkeys([actor.name, *actor.aliases]):
            form = form_of(name[:200], actor.type, actor.country, actor.title) if name else None
            if form is not None:
                index.add(actor.id, form)
    pairs: dict[tuple[str, str], ReviewPair] = {}
    for actor_id, forms in index.forms.items():
        for form in forms:
            for other in index.candidates(form):
                key = (actor_id, other) if actor_id < other else (other, actor_id)
                if other == actor_id or key in pairs or book.verdict(*key):
                    continue
                result = index.best(form, other)
                if result.blocked == "country":
                    result = index.best(replace(form, country=None), other)
                    result.features["country_conflict"] = [
                        by_id[actor_id].country,
                        by_id[other].country,
                    ]
                if result.blocked not in SOFT_BLOCKS or (result.ok and result.score < floor):
                    continue
                features = dict(result.features, type=form.type)
                pairs[key] = ReviewPair(
                    key[0], key[1], result.score, result.method, result.blocked, features
                )
    return sorted(pairs.values(), key=lambda p: (p.doubt, p.a, p.b))[:limit]
