"""Records for the review/merge/split tests: resolved articles built by hand (every id below is
known in advance) and extractions for the real resolver."""

from __future__ import annotations

from pathlib import Path

from actorgraph.core.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    EventMention,
    Extraction,
    Mention,
    MergeExplanation,
    Participant,
    ResolvedArticle,
    stable_id,
)
from actorgraph.graph.ladybug_store import LadybugStore
from actorgraph.resolve import Resolver

GAN = Actor(
    "person:ganbold-dorj",
    "Ganbold Dorj",
    "PERSON",
    "MNG",
    "Minister of Defence",
    ["Ganbold Dorj", "Minister Ganbold Dorj", "Ms. Dorj"],
)
GD = Actor("person:g-dorj", "G. Dorj", "PERSON", "MNG", None, ["G. Dorj"])
EVS = Actor(
    "person:alexei-evsikov",
    "Alexei Evsikov",
    "PERSON",
    "RUS",
    "Ambassador",
    ["Alexei Evsikov", "Alexey Evsikov"],
)
CLARK = Actor("person:ronald-clark", "Ronald Clark", "PERSON", "USA", "General", ["Ronald Clark"])
DONG = Actor("person:dong-jun", "Dong Jun", "PERSON", "CHN", None, ["Dong Jun"])


def article(key: str, day: str, text: str = "") -> Article:
    url = f"https://news.example/{key}"
    return Article(
        id=stable_id(url),
        url=url,
        title=f"Story {key}",
        text=text or f"text {key}",
        outlet="news",
        published=f"{day}T08:00:00Z",
        content_hash=stable_id("hash", key, length=64),
        source="https://news.example/rss",
        via="page",
    )


def resolved(
    key: str,
    day: str,
    named: list[tuple[Actor, str]],
    kind: str = "MEET",
    merges: list[MergeExplanation] | None = None,
) -> ResolvedArticle:
    """An article naming ``(actor, raw name)`` pairs, all taking part in one event."""
    sentence = " and ".join(text for _, text in named) + " met."
    art = article(key, day, sentence)
    mentions, pos = [], 0
    for actor, text in named:
        start = sentence.index(text, pos)
        mentions.append(ActorMention(actor.id, text, start, start + len(text)))
        pos = start + len(text)
    parts, seen = [], set()
    for i, (actor, text) in enumerate(named):
        if actor.id not in seen:
            seen.add(actor.id)
            parts.append(Participant(actor.id, "actor" if i == 0 else "recipient", text))
    ids = [p.actor_id for p in parts]
    event = Event(
        Event.make_id(kind, ids, day, "actual"),
        kind,
        "actual",
        day,
        "text",
        None,
        parts,
        art.id,
        sentence,
        0,
        len(sentence),
    )
    actors = list({a.id: a for a, _ in named}.values())
    return ResolvedArticle(art, actors, mentions, [event], list(merges or []))


def hand_built() -> list[ResolvedArticle]:
    """Ganbold Dorj and "G. Dorj" kept apart (a missed merge), one article naming both, and two
    automatic merges with different scores (for the review order)."""
    return [
        resolved("a1", "2026-05-05", [(GAN, "Ganbold Dorj"), (EVS, "Alexei Evsikov")]),
        resolved("a2", "2026-05-12", [(GD, "G. Dorj"), (CLARK, "Ronald Clark")]),
        resolved(
            "a3",
            "2026-05-13",
            [(GAN, "Minister Ganbold Dorj"), (GD, "G. Dorj"), (DONG, "Dong Jun")],
        ),
        resolved(
            "a4",
            "2026-05-14",
            [(GAN, "Ms. Dorj"), (EVS, "Alexey Evsikov")],
            merges=[
                MergeExplanation(
                    "Ms. Dorj",
                    GAN.id,
                    "partial_name",
                    0.88,
                    {"shared_words": ["dorj"], "country": "agree"},
                ),
                MergeExplanation(
                    "Alexey Evsikov",
                    EVS.id,
                    "fuzzy_name",
                    0.97,
                    {"fuzzy_words": [["aleksei", "aleksei", 100.0]]},
                ),
            ],
        ),
    ]


def open_test_store(path: Path) -> LadybugStore:
    return LadybugStore(path)


def extraction(key: str, day: str, names: list[tuple[str, str | None, str | None]]) -> Extraction:
    """People ``(name, country, title)`` meeting in one sentence, for the real resolver."""
    text = " and ".join(n for n, _, _ in names) + " met."
    mentions, pos = [], 0
    for name, country, title in names:
        start = text.index(name, pos)
        mentions.append(Mention(name, name, "PERSON", start, start + len(name), country, title))
        pos = start + len(name)
    events = []
    if len(mentions) > 1:
        parts = [(0, "actor")] + [(i, "recipient") for i in range(1, len(mentions))]
        events.append(EventMention("MEET", "actual", parts, day, "text", None, text, 0, len(text)))
    return Extraction(article(key, day, text), mentions, events)


def ingest_extractions(store: LadybugStore, extractions: list[Extraction]) -> list[ResolvedArticle]:
    """What the pipeline does per batch: resolve against the store's actors and judgements."""
    resolver = Resolver(store.actors(), judgements=store.judgements())
    docs = [resolver.resolve(e) for e in extractions]
    store.write(docs)
    return docs


def holder(store: LadybugStore, article_key: str, name: str) -> tuple[str, str]:
    """``(current actor id, orig)`` of the mention ``name`` in article ``article_key``."""
    url = f"https://news.example/{article_key}"
    rows = store.run(
        "MATCH (a:Actor)-[m:MENTIONED_IN]->(s:Article) WHERE s.url = $url AND m.name = $name "
        "RETURN a.id AS actor, m.orig AS orig",
        {"url": url, "name": name},
    )
    assert len(rows) == 1, rows
    return rows[0]["actor"], rows[0]["orig"]
