"""Write throughput of the embedded store: synthetic resolved articles, written in batches.

    python benchmarks/bench_graph.py [--articles 3000] [--batch 25] [--store PATH]

Each article carries 4 actors (drawn from a pool of 400, so most writes merge into existing
actors), 4 mentions and 2 events (every fifth article re-reports the previous article's first event,
as when two outlets report one meeting). Prints articles/s and the final node counts.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from actorgraph.core.records import (
    ACTOR_TYPES,
    Actor,
    ActorMention,
    Article,
    Event,
    Participant,
    ResolvedArticle,
    stable_id,
)
from actorgraph.graph.ladybug_store import LadybugStore

COUNTRIES = ("MNG", "RUS", "CHN", "USA", "JPN", "KOR", "IND", "DEU")
TYPES = ("MEET", "VISIT", "AGREE", "COOPERATE", "PARTICIPATE")


def synthetic(n: int, seed: int = 7) -> list[ResolvedArticle]:
    rng = random.Random(seed)
    pool = [
        Actor(
            f"a{i}",
            f"Actor {i}",
            ACTOR_TYPES[i % len(ACTOR_TYPES)],
            COUNTRIES[i % 8],
            None,
            [f"A. {i}"],
        )
        for i in range(400)
    ]
    docs = []
    for k in range(n):
        day = f"2026-{1 + k % 12:02d}-{1 + k % 28:02d}"
        url = f"https://outlet{k % 5}.example/{k}"
        art = Article(
            stable_id(url),
            url,
            f"Story {k}",
            "",
            f"outlet{k % 5}",
            f"{day}T08:00:00Z",
            stable_id("h", url, length=40),
            "bench",
            "page",
        )
        actors = rng.sample(pool, 4)
        events = []
        for j in range(2):
            pair = actors[2 * j : 2 * j + 2]
            kind = rng.choice(TYPES)
            ids = [a.id for a in pair]
            events.append(
                Event(
                    Event.make_id(kind, ids, day, "actual"),
                    kind,
                    "actual",
                    day,
                    "text",
                    None,
                    [Participant(pair[0].id, "actor"), Participant(pair[1].id, "recipient")],
                    art.id,
                    f"{pair[0].name} met {pair[1].name}.",
                    0,
                    30,
                )
            )
        if k % 5 == 4:  # a second outlet reports the previous article's first event
            prev = docs[-1].events[0]
            events[0] = Event(
                prev.id,
                prev.type,
                prev.status,
                prev.date,
                prev.date_basis,
                None,
                prev.participants,
                art.id,
                prev.sentence,
                0,
                30,
            )
            actors[:2] = [a for a in pool if a.id in {p.actor_id for p in prev.participants}]
        mentions = [
            ActorMention(a.id, a.name, 40 * i, 40 * i + len(a.name)) for i, a in enumerate(actors)
        ]
        docs.append(ResolvedArticle(art, actors, mentions, events))
    return docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=25)
    parser.add_argument("--store", type=Path, default=None)
    args = parser.parse_args()
    docs = synthetic(args.articles)
    with tempfile.TemporaryDirectory() as tmp:
        path = args.store or Path(tmp) / "bench.lbug"
        with LadybugStore(path) as store:
            started = time.perf_counter()
            for i in range(0, len(docs), args.batch):
                store.write(docs[i : i + args.batch])
            elapsed = time.perf_counter() - started
            counts = store.counts()
    print(
        f"ladybug write: {len(docs)} articles in {elapsed:.2f} s = "
        f"{len(docs) / elapsed:.0f} articles/s (batch {args.batch}); counts {counts}"
    )


if __name__ == "__main__":
    main()
