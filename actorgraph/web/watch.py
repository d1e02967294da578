"""Watchlists and alerts: after each ingest, the new events that match what a user watches
(a watched actor's events, a watched country's first contacts, new participants of a watched
exercise, a keyword in the evidence) become alerts, shown on the home page and at
``/alerts.atom``."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from actorgraph.core.records import EventView, relation_pairs
from actorgraph.report.diff import actor_country

KINDS: tuple[str, ...] = ("actors", "countries", "exercises", "keywords")
MAX_ALERTS = 500


def empty() -> dict[str, list[str]]:
    return {kind: [] for kind in KINDS}


def clean(watch: Any) -> dict[str, list[str]]:
    """A watchlist from stored JSON, keeping only the known kinds and strings."""
    out = empty()
    if isinstance(watch, dict):
        for kind in KINDS:
            items = watch.get(kind) or []
            out[kind] = [str(x) for x in items if isinstance(x, str) and x.strip()]
    return out


Met = dict[frozenset[str], bool]  # a pair of actors seen together before: formed a relation?


def pairs_in(events: Iterable[EventView]) -> list[tuple[str, str]]:
    """Every pair of actors taking part in the same one of ``events`` (ids sorted)."""
    out: set[tuple[str, str]] = set()
    for event in events:
        ids = sorted({a.id for a, _ in event.participants})
        out.update((x, y) for i, x in enumerate(ids) for y in ids[i + 1 :])
    return sorted(out)


def met_in(events: Iterable[EventView]) -> Met:
    """The :data:`Met` of some events (the pair-contact summary gives it from the store)."""
    out: Met = {}
    for event in events:
        ids = [(a.id, r) for a, r in event.participants]
        formed = {frozenset(p) for p in relation_pairs(ids)}
        for x, y in pairs_in([event]):
            key = frozenset((x, y))
            out[key] = out.get(key, False) or key in formed
    return out


def matches(
    new: Iterable[EventView], met: Met, watch: dict[str, list[str]]
) -> list[dict[str, Any]]:
    """Alerts for the ``new`` events given which of their actor pairs ``met`` before them."""
    actors, countries = set(watch["actors"]), {c.upper() for c in watch["countries"]}
    exercises = set(watch["exercises"])
    keywords = [k.lower() for k in watch["keywords"]]
    seen_pairs = {pair for pair, formed in met.items() if formed}
    took_part = {(x, y) for pair in met for x in pair & exercises for y in pair - {x}}
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    out: list[dict[str, Any]] = []
    for event in sorted(new, key=lambda e: (e.date or "", e.id)):
        names = {a.id: a.name for a, _ in event.participants}
        reasons: list[str] = []
        for a, _ in event.participants:
            if a.id in actors:
                reasons.append(f"watched actor {a.name}")
        ids = [(a.id, r) for a, r in event.participants]
        by_id = {a.id: a for a, _ in event.participants}
        for pair in relation_pairs(ids):
            key = frozenset(pair)
            if key in seen_pairs:
                continue
            seen_pairs.add(key)
            codes = {actor_country(by_id[x]) for x in pair}
            if codes & countries or set(pair) & actors:
                reasons.append(f"first contact {names[pair[0]]} - {names[pair[1]]}")
        for ex in exercises & set(names):
            for a, _ in event.participants:
                if a.id != ex and (ex, a.id) not in took_part:
                    took_part.add((ex, a.id))
                    reasons.append(f"new participant of {names[ex]}: {a.name}")
        sentence = " ".join(s.sentence for s in event.sources).lower()
        reasons += [f"keyword {k!r}" for k in keywords if k in sentence]
        if reasons:
            source = event.sources[0] if event.sources else None
            out.append(
                {
                    "id": f"{event.id}-{now}",
                    "event": event.id,
                    "date": event.date or "",
                    "type": event.type,
                    "actors": [a.name for a, _ in event.participants],
                    "reasons": list(dict.fromkeys(reasons)),
                    "sentence": source.sentence.strip() if source else "",
                    "article": source.article if source else "",
                    "found": now,
                }
            )
    return out


def add(alerts: list[dict[str, Any]], found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Newest first, at most :data:`MAX_ALERTS`."""
    return (list(reversed(found)) + list(alerts))[:MAX_ALERTS]
