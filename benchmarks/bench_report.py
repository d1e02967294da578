"""Wall time of one weekly report over a large store (issue 13: under 2 s at 100,000 events).

Builds (once, kept under ``--dir``) a Ladybug store of ``--events`` synthetic events spread over
two years between actors of 20 countries (Mongolia in every other event), then times
``build_weekly`` for one week in the middle, best of ``--rounds``.

Run: ``python benchmarks/bench_report.py [--events 100000] [--dir /tmp/bench-report]``.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from actorgraph.core.records import Actor, Article, Event, Participant, ResolvedArticle, stable_id
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.report import build_weekly, render

COUNTRIES = "MNG CHN RUS USA JPN KOR DEU FRA GBR IND TUR KAZ PRK VNM AUS CAN ITA POL UKR BRA"
TYPES = ("MEET", "VISIT", "AGREE", "COOPERATE", "PARTICIPATE", "AID", "ACCUSE")
START = date(2025, 1, 6)
DAYS = 730


def actors() -> dict[str, list[Actor]]:
    return {
        c: [Actor(f"a-{c}-{i}", f"Person {i} of {c}", "PERSON", c) for i in range(40)]
        for c in COUNTRIES.split()
    }


def batches(n_events: int, per_article: int = 4, per_batch: int = 250):
    rng = random.Random(13)
    people = actors()
    codes = list(people)
    batch: list[ResolvedArticle] = []
    for k in range(0, n_events, per_article):
        day = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
        url = f"https://news{k % 37}.example/{k}"
        art = Article(
            stable_id(url),
            url,
            f"Story {k}",
            f"text {k}",
            f"news{k % 37}",
            f"{day}T08:00:00Z",
            stable_id("h", url, length=64),
            url,
        )
        events, used = [], {}
        for j in range(min(per_article, n_events - k)):
            a_code = "MNG" if (k + j) % 2 == 0 else rng.choice(codes)
            b_code = rng.choice([c for c in codes if c != a_code])
            a, b = rng.choice(people[a_code]), rng.choice(people[b_code])
            etype = rng.choice(TYPES)
            used.update({a.id: a, b.id: b})
            eid = stable_id(str(k), str(j), etype)
            events.append(
                Event(
                    eid,
                    etype,
                    "actual",
                    day,
                    "text",
                    None,
                    [Participant(a.id, "actor"), Participant(b.id, "recipient")],
                    art.id,
                    f"Sentence {k}.{j}.",
                    0,
                    10,
                )
            )
        batch.append(ResolvedArticle(art, list(used.values()), [], events))
        if len(batch) >= per_batch:
            yield batch
            batch = []
    if batch:
        yield batch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/bench-report"))
    parser.add_argument("--week", default="2026-W01")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    path = args.dir / f"store-{args.events}.lbug"
    settings = replace(Settings(), store_path=path, neo4j_uri=None)
    if not path.exists():
        args.dir.mkdir(parents=True, exist_ok=True)
        t0 = time.perf_counter()
        with open_store(settings) as store:
            for batch in batches(args.events):
                store.write(batch)
        print(f"built {args.events} events in {time.perf_counter() - t0:.0f} s")
    with open_store(settings, read_only=True) as store:
        print("store:", store.counts())
        times = []
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            report = build_weekly(store, args.week, "MNG")
            render(report, "json")
            times.append(time.perf_counter() - t0)
    print(
        f"report {args.week} over {args.events} events: best {min(times):.2f} s, "
        f"median {statistics.median(times):.2f} s ({report.summary['events']} events this week, "
        f"{len(report.counterparts)} counterparts)"
    )


if __name__ == "__main__":
    main()
