"""Search over actor names and aliases: folded (Cyrillic transliterated), a prefix or substring
match ranks first, then rapidfuzz similarity."""

from __future__ import annotations

from collections.abc import Iterable

from rapidfuzz import fuzz

from actorgraph.core.records import Actor
from actorgraph.resolve.normalize import fold

MIN_SCORE = 60.0


def _score(query: str, name: str) -> float:
    folded = fold(name).lower()
    if folded == query:
        return 100.0
    if folded.startswith(query) or f" {query}" in folded:
        return 95.0
    if query in folded:
        return 90.0
    return float(fuzz.WRatio(query, folded)) * 0.89


def search(
    actors: Iterable[Actor], text: str, *, type: str = "", country: str = "", limit: int = 50
) -> list[tuple[Actor, str, float]]:
    """``(actor, matched name, score)`` best first; see ``GraphStore.search_actors``."""
    query = fold(text).strip().lower()
    if not query:
        return []
    found = []
    for actor in actors:
        if (type and actor.type != type) or (country and actor.country != country):
            continue
        names = [n for n in dict.fromkeys([actor.name, *actor.aliases]) if n]
        best = max(((_score(query, n), n) for n in names), default=(0.0, ""))
        if best[0] >= MIN_SCORE:
            found.append((actor, best[1], round(best[0], 1)))
    found.sort(key=lambda t: (-t[2], t[0].name, t[0].id))
    return found[:limit]
