"""Resolution benchmark: 50,000 synthetic mentions of about 10,000 actors, then twice as many.

Names are built from Mongolian-like syllables and appear in their variants (full name, swapped
order, patronymic initial, title, misspelling; organisations with "the", exercises with and without
a hyphen before the edition). Prints both times and their ratio (target: < 20 s, ratio <= 2.2).

    python benchmarks/bench_resolve.py [--mentions 50000]
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

from actorgraph.core.records import Article, EventMention, Extraction, Mention
from actorgraph.resolve import Resolver

SYLLABLES = (
    "bat",
    "bold",
    "dorj",
    "gan",
    "erdene",
    "munkh",
    "oyun",
    "tsetseg",
    "sukh",
    "baatar",
    "enkh",
    "tuya",
    "nar",
    "saikhan",
    "jargal",
    "orgil",
    "delger",
    "khuyag",
    "tumur",
    "altan",
    "ochir",
    "zaya",
    "nomin",
    "uchral",
    "byamba",
    "ganzo",
    "tsog",
    "amar",
    "sar",
    "dash",
    "bayar",
    "khulan",
    "naran",
    "selenge",
    "khishig",
    "otgon",
    "davaa",
    "mend",
)
KINDS = (
    "Institute",
    "Agency",
    "Council",
    "Brigade",
    "Battalion",
    "Foundation",
    "Centre",
    "Command",
)
COUNTRIES = ("MNG", "RUS", "CHN", "USA", "JPN", "KOR")
TITLES = ("Ms.", "Mr.", "Minister", "Ambassador", "Maj. Gen.", "Dr.")


def _word(rng: random.Random, parts: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(parts)).capitalize()


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i] + word[i:]


def actors(n: int, rng: random.Random) -> list[tuple[str, list[str], str]]:
    """``(type, variants, country)`` for ``n`` synthetic actors."""
    out: list[tuple[str, list[str], str]] = []
    seen: set[str] = set()
    while len(out) < n:
        country = rng.choice(COUNTRIES)
        roll = rng.random()
        if roll < 0.6:
            family, given = _word(rng, 2), _word(rng, rng.choice((2, 3)))
            if given in seen:
                continue
            seen.add(given)
            variants = [
                f"{family} {given}",
                f"{given} {family}",
                f"{family[0]}. {given}",
                f"{rng.choice(TITLES)} {family} {given}",
                f"{family} {_typo(rng, given)}",
            ]
            out.append(("PERSON", variants, country))
        elif roll < 0.85:
            name = f"{_word(rng, 2)} {_word(rng, 2)} {rng.choice(KINDS)}"
            if name in seen:
                continue
            seen.add(name)
            out.append(("ORGANIZATION", [name, f"the {name}", name.upper()[:0] + name], country))
        else:
            name, year = f"{_word(rng, 2)} {_word(rng, 1)}", rng.choice(("2024", "2025", "2026"))
            if name + year in seen:
                continue
            seen.add(name + year)
            out.append(("EXERCISE", [f"{name} {year}", f"{name}-{year}"], country))
    return out


def extractions(n_mentions: int, seed: int = 7) -> list[Extraction]:
    """Articles of five mentions each, every one with one event between its first two actors."""
    rng = random.Random(seed)
    pool = actors(n_mentions // 5, rng)
    mentions: list[Mention] = []
    for actor_type, variants, country in pool:
        for k in range(5):
            name = variants[k % len(variants)]
            mentions.append(Mention(name, name, actor_type, 0, len(name), country))
    rng.shuffle(mentions)
    out = []
    for i in range(0, len(mentions), 5):
        article = Article(
            f"b{i}", f"bench://{i}", "t", "t", "bench", "2026-05-28T00:00:00Z", f"h{i}", "bench"
        )
        group = mentions[i : i + 5]
        events = (
            [
                EventMention(
                    "MEET",
                    "actual",
                    [(0, "actor"), (1, "recipient")],
                    "2026-05-27",
                    "text",
                    None,
                    "s",
                    0,
                    1,
                )
            ]
            if len(group) > 1
            else []
        )
        out.append(Extraction(article, group, events))
    return out


def run(n_mentions: int) -> tuple[float, float, int, int]:
    """Wall and CPU seconds to resolve ``n_mentions``, actors made, comparisons done."""
    docs = extractions(n_mentions)
    resolver = Resolver()
    wall, cpu = time.perf_counter(), time.process_time()
    for doc in docs:
        resolver.resolve(doc)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return wall, cpu, len(resolver.actors()), resolver.comparisons


def _fresh_run(n_mentions: int) -> tuple[float, float, int, int]:
    """``run`` in a new interpreter, so name caches start cold for each size."""
    code = f"import bench_resolve as b; print(*b.run({n_mentions}))"
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).parent,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), float(out[1]), int(out[2]), int(out[3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=50_000)
    args = parser.parse_args()
    walls, cpus = [], []
    for n in (args.mentions, 2 * args.mentions):
        wall, cpu, made, comparisons = _fresh_run(n)
        walls.append(wall)
        cpus.append(cpu)
        print(
            f"{n:>7} mentions -> {made:>6} actors: {wall:6.2f} s wall, {cpu:6.2f} s CPU "
            f"({comparisons} comparisons)"
        )
    print(
        f"ratio: {walls[1] / walls[0]:.2f} wall, {cpus[1] / cpus[0]:.2f} CPU (target <= 2.2); "
        f"first under 20 s: {walls[0] < 20}"
    )


if __name__ == "__main__":
    main()
