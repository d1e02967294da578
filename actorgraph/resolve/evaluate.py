"""Pairwise precision and recall of resolution against a gold file.

Gold layout (JSON): ``{"clusters": [{"type": "PERSON", "country": "MNG", "names": [...]}],
"distinct": [{"type": "STATE", "names": ["South Korea", "North Korea"]}]}``. Clusters are names
of one actor; ``distinct`` lists look-alikes that are different actors. Every name is resolved in
an article of its own (the hard, cross-document case) by one fresh resolver.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from actorgraph.core.errors import ResolutionError
from actorgraph.core.judgements import Judgement
from actorgraph.core.records import ACTOR_TYPES, Article, Extraction, Mention
from actorgraph.resolve.resolver import Resolver

Item = tuple[str, str, str]  # type, name, country ("" if none); one item per (type, name)


@dataclass(slots=True)
class ResolutionScores:
    """Pairwise scores; ``false_merges`` and ``missed`` name the pairs behind them."""

    precision: float
    recall: float
    gold_pairs: int
    predicted_pairs: int
    correct_pairs: int
    false_merges: list[tuple[str, str]] = field(default_factory=list)
    missed: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        return (
            f"resolution: precision {self.precision:.3f} ({self.correct_pairs}/"
            f"{self.predicted_pairs} merged pairs correct), recall {self.recall:.3f} "
            f"({self.correct_pairs}/{self.gold_pairs} gold pairs found)"
        )


def _items(rows: object, key: str, origin: str) -> list[tuple[list[Item], int]]:
    if not isinstance(rows, list):
        raise ResolutionError(f"{origin}: '{key}' must be a list")
    out = []
    for n, row in enumerate(rows):
        try:
            actor_type = row["type"]
            names = row["names"]
            if actor_type not in ACTOR_TYPES or not isinstance(names, list):
                raise ValueError(f"bad type {actor_type!r} or names")
            countries = row.get("countries") or [row.get("country") or ""] * len(names)
            out.append(
                (
                    [
                        (actor_type, str(nm), str(c or ""))
                        for nm, c in zip(names, countries, strict=True)
                    ],
                    n,
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ResolutionError(f"{origin}: {key}[{n}] is not valid ({exc})") from exc
    return out


def load_gold(path: str | Path) -> tuple[list[list[Item]], list[list[Item]]]:
    """Clusters and distinct groups from a gold file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResolutionError(f"{path}: cannot read gold resolution file: {exc}") from exc
    if not isinstance(data, dict):
        raise ResolutionError(f"{path}: gold file must be a JSON object")
    clusters = [items for items, _ in _items(data.get("clusters", []), "clusters", str(path))]
    distinct = [items for items, _ in _items(data.get("distinct", []), "distinct", str(path))]
    return clusters, distinct


def predict(items: Iterable[Item], resolver: Resolver) -> dict[Item, str]:
    """The actor id each name resolves to, one article per name (unresolvable names: their own)."""
    out: dict[Item, str] = {}
    for n, item in enumerate(items):
        actor_type, name, country = item
        article = Article(f"gold-{n}", f"gold://{n}", name, name, "gold", None, f"gold-{n}", "gold")
        mention = Mention(name, name, actor_type, 0, len(name), country or None)
        resolved = resolver.resolve(Extraction(article, [mention]))
        out[item] = resolved.mentions[0].actor_id if resolved.mentions else f"unresolved:{n}"
    return out


def score(
    clusters: list[list[Item]], distinct: list[list[Item]], predicted: dict[Item, str]
) -> ResolutionScores:
    """Pairwise precision/recall of ``predicted`` against the gold clusters."""
    gold: set[frozenset[Item]] = set()
    for cluster in clusters:
        gold.update(frozenset(p) for p in combinations(dict.fromkeys(cluster), 2))
    by_actor: dict[str, list[Item]] = {}
    for item, actor_id in predicted.items():
        by_actor.setdefault(actor_id, []).append(item)
    merged = {frozenset(p) for group in by_actor.values() for p in combinations(group, 2)}
    correct = merged & gold

    def names(pairs: set[frozenset[Item]]) -> list[tuple[str, str]]:
        return sorted(tuple(sorted(f"{t}:{n}" for t, n, _ in p)) for p in pairs)  # type: ignore

    return ResolutionScores(
        precision=len(correct) / len(merged) if merged else 1.0,
        recall=len(correct) / len(gold) if gold else 1.0,
        gold_pairs=len(gold),
        predicted_pairs=len(merged),
        correct_pairs=len(correct),
        false_merges=names(merged - gold),
        missed=names(gold - merged),
    )


def evaluate_resolution(
    gold_path: str | Path, judgements: Iterable[Judgement] = ()
) -> ResolutionScores:
    """Resolve every gold name with a fresh resolver and score the pairs."""
    clusters, distinct = load_gold(gold_path)
    first: dict[tuple[str, str], Item] = {}
    for item in [i for c in clusters for i in c] + [i for d in distinct for i in d]:
        first.setdefault(item[:2], item)
    same = {item: first[item[:2]] for c in clusters + distinct for item in c}
    clusters = [[same[i] for i in c] for c in clusters]
    distinct = [[same[i] for i in d] for d in distinct]
    return score(clusters, distinct, predict(first.values(), Resolver(judgements=judgements)))
