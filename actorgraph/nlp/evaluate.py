"""Evaluation against the gold set (``tests/data/gold/*.json``, format in its README).

Typed actors: a predicted actor (the mentions of one article grouped by :func:`group_mentions`,
short forms merged into full names) matches a gold actor when one of its normalised names equals
the gold name or an alias and the type agrees; counted per article over distinct actors.
Countries of people: accuracy over matched PERSON actors. Event pairs: unordered pairs of actors
of events with status "actual" (actor x recipient, or every pair of co-participants), untyped and
typed. Dates: exact match over matched pairs whose gold date is a day.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from actorgraph.core.errors import ActorgraphError
from actorgraph.core.records import Article, Extraction, relation_pairs
from actorgraph.nlp.grouping import group_mentions, norm


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EvalResult:
    """Scores over a gold directory, with the misses and inventions behind them."""

    articles: int = 0
    actors: Score = field(default_factory=Score)
    pairs: Score = field(default_factory=Score)
    typed_pairs: Score = field(default_factory=Score)
    countries_correct: int = 0
    countries_total: int = 0
    dates_correct: int = 0
    dates_total: int = 0
    misses: list[str] = field(default_factory=list)
    inventions: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)

    @property
    def country_accuracy(self) -> float:
        return self.countries_correct / self.countries_total if self.countries_total else 1.0

    @property
    def date_accuracy(self) -> float:
        return self.dates_correct / self.dates_total if self.dates_total else 1.0


@dataclass
class _Pred:
    names: set[str]
    name: str
    type: str
    country: str | None


def load_gold(gold_dir: Path) -> list[dict]:
    """Every gold article in the directory, sorted by id; clear errors for bad files."""
    if not gold_dir.is_dir():
        raise ActorgraphError(f"{gold_dir}: not a directory of gold JSON files")
    items = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text("utf-8"))
            if isinstance(data, dict) and "text" not in data and "actors" not in data:
                continue  # another data set in the same folder (e.g. resolution.json)
            _ = data["id"], data["text"], data["actors"], data["events"]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ActorgraphError(f"{path}: not a valid gold file ({exc})") from exc
        items.append(data)
    if not items:
        raise ActorgraphError(f"{gold_dir}: no gold *.json files")
    return items


def gold_article(item: dict) -> Article:
    return Article(
        id=item["id"],
        url=f"gold:{item['id']}",
        title=item.get("title", ""),
        text=item["text"],
        outlet="gold",
        published=item.get("published"),
        content_hash="",
        source="gold",
        via="file",
    )


def predicted_actors(extraction: Extraction) -> tuple[list[_Pred], list[int]]:
    """Distinct predicted actors of one article and the actor number of each mention."""
    groups = group_mentions(extraction.mentions, extraction.article.text)
    preds: dict[int, _Pred] = {}
    for m, g in zip(extraction.mentions, groups, strict=True):
        p = preds.setdefault(g, _Pred(set(), m.name, m.type, m.country))
        p.names.add(norm(m.name))
        p.names.add(norm(m.text))
        if len(m.name) > len(p.name):
            p.name = m.name
        p.country = p.country or m.country
    order = sorted(preds)
    renumber = {g: i for i, g in enumerate(order)}
    return [preds[g] for g in order], [renumber[g] for g in groups]


def match_actors(gold: list[dict], preds: list[_Pred]) -> dict[int, int]:
    """Predicted actor index -> gold actor index: same type and a shared normalised name, first
    on the gold name itself, then on its aliases."""
    gold_names = [{norm(g["name"]), *(norm(a) for a in g.get("aliases") or [])} for g in gold]
    match: dict[int, int] = {}
    used: set[int] = set()
    for exact in (True, False):
        for pi, p in enumerate(preds):
            if pi in match:
                continue
            for gi, g in enumerate(gold):
                names = {norm(g["name"])} if exact else gold_names[gi]
                if gi not in used and g["type"] == p.type and p.names & names:
                    match[pi] = gi
                    used.add(gi)
                    break
    return match


def _gold_pairs(item: dict) -> dict[tuple[str, frozenset[str]], set[str]]:
    out: dict[tuple[str, frozenset[str]], set[str]] = {}
    for ev in item["events"]:
        if ev.get("status", "actual") != "actual":
            continue
        parts = [(p["name"], p["role"]) for p in ev["participants"]]
        for a, b in relation_pairs(parts):
            out.setdefault((ev["type"], frozenset((a, b))), set()).add(ev.get("date") or "")
    return out


def evaluate_one(item: dict, extraction: Extraction, result: EvalResult) -> None:
    """Add one article's counts to ``result``."""
    aid = item["id"]
    preds, actor_of = predicted_actors(extraction)
    gold = item["actors"]
    match = match_actors(gold, preds)
    used = set(match.values())
    result.actors.tp += len(match)
    result.actors.fp += len(preds) - len(match)
    result.actors.fn += len(gold) - len(used)
    for pi, p in enumerate(preds):
        if pi not in match:
            result.inventions.append(f"{aid}: actor {p.type} {p.name!r}")
    for gi, g in enumerate(gold):
        if gi not in used:
            result.misses.append(f"{aid}: actor {g['type']} {g['name']!r}")
    for pi, gi in match.items():
        if gold[gi]["type"] == "PERSON":
            result.countries_total += 1
            if preds[pi].country == gold[gi].get("country"):
                result.countries_correct += 1
            else:
                result.wrong.append(
                    f"{aid}: country of {gold[gi]['name']!r}: "
                    f"{preds[pi].country} (gold {gold[gi].get('country')})"
                )

    def actor_name(mention_index: int) -> str:
        pi = actor_of[mention_index]
        return gold[match[pi]]["name"] if pi in match else f"~{preds[pi].name}"

    predicted: dict[tuple[str, frozenset[str]], set[str]] = {}
    for ev in extraction.events:
        if ev.status != "actual":
            continue
        parts = [(actor_name(i), role) for i, role in ev.participants]
        for a, b in relation_pairs(parts):
            predicted.setdefault((ev.type, frozenset((a, b))), set()).add(ev.date or "")
    gold_pairs = _gold_pairs(item)
    _score_pairs(aid, gold_pairs, predicted, result)


def _score_pairs(aid: str, gold: dict, predicted: dict, result: EvalResult) -> None:
    untyped_gold: dict[frozenset[str], set[str]] = {}
    untyped_pred: dict[frozenset[str], set[str]] = {}
    for (_, pair), dates in gold.items():
        untyped_gold.setdefault(pair, set()).update(dates)
    for (_, pair), dates in predicted.items():
        untyped_pred.setdefault(pair, set()).update(dates)
    for pair in untyped_pred:
        if pair in untyped_gold:
            result.pairs.tp += 1
            days = {d for d in untyped_gold[pair] if len(d) == 10}
            if days:
                result.dates_total += 1
                if days & untyped_pred[pair]:
                    result.dates_correct += 1
                else:
                    result.wrong.append(
                        f"{aid}: date of {' / '.join(sorted(pair))}: "
                        f"{sorted(untyped_pred[pair])} (gold {sorted(days)})"
                    )
        else:
            result.pairs.fp += 1
            result.inventions.append(f"{aid}: pair {' / '.join(sorted(pair))}")
    for pair in untyped_gold:
        if pair not in untyped_pred:
            result.pairs.fn += 1
            result.misses.append(f"{aid}: pair {' / '.join(sorted(pair))}")
    typed_gold, typed_pred = set(gold), set(predicted)
    result.typed_pairs.tp += len(typed_gold & typed_pred)
    result.typed_pairs.fp += len(typed_pred - typed_gold)
    result.typed_pairs.fn += len(typed_gold - typed_pred)
    for kind, pair in sorted(typed_pred - typed_gold, key=str):
        if pair in untyped_gold:
            result.wrong.append(
                f"{aid}: type {kind} for {' / '.join(sorted(pair))} "
                f"(gold {sorted(k for k, p in gold if p == pair)})"
            )


def evaluate(gold_dir: Path, extractor) -> EvalResult:
    """Run ``extractor`` over every gold article and score it."""
    items = load_gold(Path(gold_dir))
    result = EvalResult(articles=len(items))
    extractions = extractor.extract_many([gold_article(i) for i in items])
    for item, extraction in zip(items, extractions, strict=True):
        evaluate_one(item, extraction, result)
    return result


def format_report(result: EvalResult) -> str:
    """A plain-text report: the figures, then the misses, inventions and wrong attributes."""

    def row(name: str, s: Score) -> str:
        return (
            f"{name:<22} P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} "
            f"(tp={s.tp} fp={s.fp} fn={s.fn})"
        )

    lines = [
        f"gold articles: {result.articles}",
        row("typed actors", result.actors),
        row("event pairs", result.pairs),
        row("typed event pairs", result.typed_pairs),
        f"{'country of people':<22} accuracy={result.country_accuracy:.3f} "
        f"({result.countries_correct}/{result.countries_total})",
        f"{'event dates (day)':<22} accuracy={result.date_accuracy:.3f} "
        f"({result.dates_correct}/{result.dates_total})",
    ]
    for title, items in (
        ("misses", result.misses),
        ("inventions", result.inventions),
        ("wrong attributes", result.wrong),
    ):
        lines.append(f"\n{title} ({len(items)}):")
        lines.extend(f"  {i}" for i in items)
    return "\n".join(lines)
