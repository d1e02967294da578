"""The one merge rule: which actors a person's judgements join, shared by the store and the
resolver so both always agree.

The latest ``same`` or ``not_same`` verdict per pair counts; ``unsure`` decides nothing (an earlier
verdict on the pair stands). ``same`` pairs are joined in the order they were judged, unless the
join would put two actors judged ``not_same`` in one group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from actorgraph.core.enums import Verdict

if TYPE_CHECKING:
    from actorgraph.core.judgements import Judgement


def merge_groups(judgements: Sequence[Judgement], existing: Iterable[str]) -> dict[str, str]:
    """``{merged-away id: root id}`` from the judgements, among ``existing`` actor ids.

    The latest ``same`` or ``not_same`` verdict per pair counts (``unsure`` decides nothing).
    ``same`` pairs are joined in the order they were judged (B's group into A's root), unless
    the join would put two actors judged ``not_same`` together. Judgements naming an actor not
    in ``existing`` are ignored here (reported elsewhere, see
    :func:`actorgraph.core.judgements.stale_judgements`).
    """
    known = set(existing)
    latest: dict[tuple[str, str], tuple[int, Judgement]] = {}
    for i, j in enumerate(judgements):
        if j.a in known and j.b in known and j.verdict in (Verdict.SAME, Verdict.NOT_SAME):
            latest[j.pair] = (i, j)
    apart = {pair for pair, (_, j) in latest.items() if j.verdict == Verdict.NOT_SAME}
    parent: dict[str, str] = {}
    members: dict[str, set[str]] = {}

    def root(x: str) -> str:
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for _, j in sorted(latest.values(), key=lambda item: item[0]):
        if j.verdict != Verdict.SAME:
            continue
        ra, rb = root(j.a), root(j.b)
        if ra == rb:
            continue
        group_a, group_b = members.get(ra, {ra}), members.get(rb, {rb})
        if any((min(x, y), max(x, y)) in apart for x in group_a for y in group_b):
            continue
        parent[rb] = ra
        members[ra] = group_a | group_b
        members.pop(rb, None)
    return {x: root(x) for x in parent}
