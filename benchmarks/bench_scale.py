"""Cost against store size: build stores of 10k, 100k and 1M events through the write path, then
time the commands a team runs (each in its own process, with its peak memory).

    python benchmarks/bench_scale.py build [--sizes 10000,100000,1000000] [--shape rate|span]
    python benchmarks/bench_scale.py measure [--sizes ...] [--shape rate|span] [--rounds 1]

``build`` writes one growing store (synthetic but shaped like two years of a team's news: ~5,000
actors with a few very active ones, 20 countries, 100 weeks, 4 events per article, one event in
five re-reported by a second outlet) and copies it aside each time it passes a size, so 1M events
cost one build. Stores are cached under ``--cache`` (default ``~/.cache/actorgraph-bench``, outside
the repository) and reused.

Two shapes. ``span`` (the issue's) spreads every store over the same 100 weeks, so a week of the
1M store holds ten times the events of a week of the 100k one. ``rate`` (the default) keeps the
work fixed, 1,000 events a week (a desk's news on one country), and lets the store grow by time:
the stream runs backwards from the week of 23 Nov 2026, so every size holds the same latest weeks
and a bigger store only adds history (100k events: 100 weeks; 1M: about 19 years). The growth
exponent of the ``rate`` stores is the cost of the store's size alone. ``measure`` runs, at each
size, ``report``, an ingest of one new article, ``viz --week``, the whole-graph ``viz`` and three
saved queries, each in a subprocess on a
copy of the store, reading its max RSS; it prints a table with store sizes and the growth exponent
``log(t_big / t_small) / log(n_big / n_small)`` between the two largest sizes.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from actorgraph.core.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    Participant,
    ResolvedArticle,
    stable_id,
)

COUNTRIES = (
    "MNG", "RUS", "CHN", "USA", "JPN", "KOR", "IND", "DEU", "FRA", "GBR",
    "TUR", "KAZ", "KGZ", "PRK", "CAN", "AUS", "VNM", "THA", "POL", "ITA",
)  # fmt: skip
TYPES = ("MEET", "VISIT", "AGREE", "COOPERATE", "PARTICIPATE", "AID", "ACCUSE", "DEPLOY")
PLACES = ("Ulaanbaatar", "Beijing", "Moscow", "Tokyo", "Seoul", "Washington", "Astana", None)
N_ACTORS = 5000
EVENTS_PER_ARTICLE = 4
START = date(2025, 1, 6)  # a Monday; 100 weeks follow
DAYS = 700
END = date(2026, 11, 29)  # the rate shape runs back from this Sunday
RATE = 1000  # events a week in the rate shape
BATCH = 1000  # articles per write (one transaction): bigger batches, fewer commits
DEFAULT_CACHE = Path.home() / ".cache" / "actorgraph-bench"
FILLER = (
    "Officials said the talks covered trade, energy and security, and both sides agreed to "
    "continue the dialogue at working level. "
) * 6


def actor_pool(rng: random.Random) -> list[Actor]:
    kinds = ("PERSON",) * 6 + ("STATE", "ORGANIZATION", "MILITARY", "EXERCISE")
    pool = []
    for i in range(N_ACTORS):
        kind = kinds[i % len(kinds)]
        country = COUNTRIES[rng.randrange(len(COUNTRIES))] if i % 3 else COUNTRIES[0]
        title = "Minister of Defence" if kind == "person" and i % 4 == 0 else None
        name = f"{kind.title()} {i}"  # types as the resolver writes them
        pool.append(
            Actor(f"{kind.lower()}:{i}", name, kind, country, title, [name, f"{name[0]}. {i}"])
        )
    return pool


def articles(seed: int = 12, shape: str = "rate"):
    """An endless stream of synthetic resolved articles (deterministic for one seed and shape)."""
    rng = random.Random(seed)
    per_day = RATE / 7 / EVENTS_PER_ARTICLE
    pool = actor_pool(rng)
    weights = [1.0 / (1 + i) ** 0.8 for i in range(len(pool))]  # a few actors do most
    last: list[Event] = []
    k = 0
    while True:
        if shape == "span":
            day = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
        else:
            day = (END - timedelta(days=int(k / per_day))).isoformat()
        url = f"https://outlet{k % 40}.example/{day}/{k}"
        art = Article(
            stable_id(url),
            url,
            f"Story {k}",
            f"Story {k}. {FILLER}",
            f"outlet{k % 40}",
            f"{day}T08:00:00Z",
            stable_id("h", url, length=40),
            "bench",
            "page",
        )
        actors = {a.id: a for a in rng.choices(pool, weights, k=2 * EVENTS_PER_ARTICLE)}
        chosen = list(actors.values())
        events = []
        for j in range(EVENTS_PER_ARTICLE):
            if j == 0 and last and k % 5 == 4:  # a second outlet reports an earlier event
                prev = last[0]
                events.append(
                    Event(prev.id, prev.type, prev.status, prev.date, prev.date_basis,
                          prev.place, prev.participants, art.id, prev.sentence, 0, 30)
                )  # fmt: skip
                for p in prev.participants:
                    actors.setdefault(p.actor_id, next(a for a in pool if a.id == p.actor_id))
                continue
            a, b = rng.sample(chosen, 2) if len(chosen) > 1 else (chosen[0], pool[0])
            kind = rng.choice(TYPES)
            status = "actual" if rng.random() < 0.85 else "planned"
            ids = [a.id, b.id]
            events.append(
                Event(
                    Event.make_id(kind, ids, day, status),
                    kind,
                    status,
                    day,
                    "text" if rng.random() < 0.7 else "published",
                    rng.choice(PLACES),
                    [Participant(a.id, "actor", a.name), Participant(b.id, "recipient", b.name)],
                    art.id,
                    f"{a.name} met {b.name} in the capital.",
                    0,
                    40,
                )
            )
        last = events
        mentions = [
            ActorMention(a.id, a.name, 60 * i, 60 * i + len(a.name))
            for i, a in enumerate(actors.values())
        ]
        yield ResolvedArticle(art, list(actors.values()), mentions, events)
        k += 1


SHAPE = "rate"


def store_path(cache: Path, size: int) -> Path:
    prefix = "" if SHAPE == "span" else "rate-"
    return cache / f"{prefix}events-{size}.lbug"


def build(sizes: list[int], cache: Path) -> None:
    from actorgraph.graph.ladybug_store import LadybugStore
    from actorgraph.ingest.neardup import sign_text

    cache.mkdir(parents=True, exist_ok=True)
    todo = sorted(s for s in sizes if not store_path(cache, s).exists())
    if not todo:
        print("all stores cached")
        return
    work = cache / "building.lbug"
    for leftover in cache.glob("building.lbug*"):
        leftover.unlink()
    stream = articles(shape=SHAPE)
    written, started = 0, time.perf_counter()
    # resume from the largest cached smaller store: the stream is deterministic, so skipping the
    # articles it holds continues where its build stopped
    smaller = [s for s in sizes if s < todo[0] and store_path(cache, s).exists()]
    if smaller:
        source = store_path(cache, max(smaller))
        for part in cache.glob(source.name + "*"):
            shutil.copy(part, cache / part.name.replace(source.name, "building.lbug"))
        store = LadybugStore(work)
        written = store.counts()["Article"]
        for _ in range(written):
            next(stream)
        print(f"resuming from {source.name} ({written} articles)", flush=True)
    else:
        store = LadybugStore(work)
    try:
        for size in todo:
            while (have := store.counts()["Event"]) < size:
                n = max(1, min(BATCH, (size - have) // EVENTS_PER_ARTICLE + 1))
                batch = [next(stream) for _ in range(n)]
                store.write(batch)
                # the band keys the ingest stores with its articles (ingest/neardup.py)
                keys = {r.article.id: sign_text(r.article.text) for r in batch}
                store.set_origins({}, {k: v for k, v in keys.items() if v})
                written += n
            events = store.counts()["Event"]
            store.close()
            for part in cache.glob("building.lbug*"):
                shutil.copy(
                    part, cache / part.name.replace("building.lbug", store_path(cache, size).name)
                )
            took = time.perf_counter() - started
            print(f"built {events} events ({written} articles) in {took:.0f} s", flush=True)
            store = LadybugStore(work)
    finally:
        store.close()
    for part in cache.glob("building.lbug*"):
        part.unlink()


ONE_ARTICLE = """<html><head><title>Mongolian and Korean defence ministers meet</title>
<meta property="article:published_time" content="2026-11-20T08:00:00Z"></head><body><article>
<h1>Mongolian and Korean defence ministers meet</h1>
<p>ULAANBAATAR, 20 November 2026. Mongolian Minister of Defence Gursediin Saikhanbayar met South
Korean Minister of National Defense Ahn Gyu-back in Ulaanbaatar on Thursday. The two ministers
agreed to expand cooperation in peacekeeping training.</p></article></body></html>"""


def run_measured(argv: list[str], env: dict[str, str]) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS (MB), exit code and CPU seconds (user + system, which leaves out
    the time a shared machine gives to others) of one command in its own process."""
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    took = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode and proc.stderr is not None:
        print(f"  ! {' '.join(argv[3:])}: {proc.stderr.read().decode()[-300:]}", file=sys.stderr)
    cpu = usage.ru_utime + usage.ru_stime
    return took, usage.ru_maxrss / 1024, proc.returncode, cpu


def commands(store: Path, tmp: Path) -> dict[str, list[str]]:
    cli = [sys.executable, "-m", "actorgraph", "--store", str(store)]
    page = tmp / "article.html"
    page.write_text(ONE_ARTICLE, encoding="utf-8")
    return {
        "report": [*cli, "report", "--week", "2026-W47", "--focus", "MNG", "--out",
                   str(tmp / "r.md")],
        "ingest 1 article": [*cli, "ingest", str(page)],
        "viz --week": [*cli, "viz", "--week", "2026-W47", "--focus", "MNG", "--out",
                       str(tmp / "w.html")],
        "viz (whole)": [*cli, "viz", "--out", str(tmp / "g.html")],
        "query most_active_officials": [*cli, "query", "most_active_officials"],
        "query actor_timeline": [*cli, "query", "actor_timeline", "--param", "actor=person:0"],
        "query first_contacts": [*cli, "query", "first_contacts", "--param", "focus=MNG",
                                 "--param", "since=2026-11-16", "--param", "until=2026-11-23"],
    }  # fmt: skip


def size_of(path: Path) -> float:
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    extra = list(path.parent.glob(path.name + ".*"))
    return sum(p.stat().st_size for p in files + extra) / 1e6


def measure(sizes: list[int], cache: Path, rounds: int, only: list[str]) -> None:
    env = {**os.environ, "ACTORGRAPH_NO_BROWSER": "1"}
    table: dict[str, dict[int, tuple[float, float, int, float]]] = {}
    stores: dict[int, float] = {}
    pages: dict[int, float] = {}
    for size in sizes:
        source = store_path(cache, size)
        if not source.exists():
            print(f"no store for {size} events: run build first", file=sys.stderr)
            continue
        stores[size] = size_of(source)
        for name in commands(source, Path(tempfile.gettempdir())):
            if only and name not in only:
                continue
            best: tuple[float, float, int, float] | None = None
            for _ in range(rounds):
                with tempfile.TemporaryDirectory() as tmp_name:
                    tmp = Path(tmp_name)
                    copy = tmp / "store.lbug"
                    for part in cache.glob(source.name + "*"):
                        shutil.copy(part, tmp / part.name.replace(source.name, "store.lbug"))
                    result = run_measured(commands(copy, tmp)[name], env)
                    if name == "viz (whole)" and (tmp / "g.html").exists():
                        pages[size] = (tmp / "g.html").stat().st_size / 1e6
                if best is None or result[0] < best[0]:
                    best = result
            assert best is not None
            table.setdefault(name, {})[size] = best
            print(f"{size:>9} {name:<28} {best[0]:7.2f} s {best[3]:7.2f} s CPU "
                  f"{best[1]:7.0f} MB rc={best[2]}", flush=True)  # fmt: skip
    print_table(table, stores, pages)


def print_table(table, stores, pages) -> None:
    sizes = sorted(stores)
    head = "| command | " + " | ".join(f"{s:,} events" for s in sizes)
    print("\n" + head + " | exponent |")
    print("|---" * (len(sizes) + 2) + "|")
    for name, by_size in table.items():
        cells = [
            f"{by_size[s][0]:.2f} s ({by_size[s][3]:.2f} s CPU), {by_size[s][1]:.0f} MB"
            if s in by_size
            else "-"
            for s in sizes
        ]
        got = [s for s in sizes if s in by_size]
        exp = "-"
        if len(got) >= 2:
            small, big = got[-2], got[-1]
            span = math.log(big / small)
            wall = math.log(by_size[big][0] / by_size[small][0]) / span
            cpu = math.log(by_size[big][3] / by_size[small][3]) / span
            exp = f"{wall:.2f} wall, {cpu:.2f} CPU"
        print(f"| {name} | " + " | ".join(cells) + f" | {exp} |")
    print("| store size | " + " | ".join(f"{stores[s]:.0f} MB" for s in sizes) + " | |")
    if pages:
        print(
            "| whole-graph page | "
            + " | ".join(f"{pages[s]:.1f} MB" if s in pages else "-" for s in sizes)
            + " | |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("build", "measure"))
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--shape", choices=("rate", "span"), default="rate")
    parser.add_argument("--only", action="append", default=[], help="measure only this command")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    global SHAPE
    SHAPE = args.shape
    if args.action == "build":
        build(sizes, args.cache)
    else:
        measure(sizes, args.cache, args.rounds, args.only)


if __name__ == "__main__":
    main()
