"""Response times of every page of ``actorgraph serve`` on a large store.

    python benchmarks/bench_web.py [--store PATH] [--articles 52000] [--rounds 7] [--only TEXT]
    python benchmarks/bench_web.py --store ~/.cache/actorgraph-bench/rate-events-100000.lbug

With ``--store`` naming an existing Ladybug store (such as the ones ``bench_scale.py build``
caches), that store is copied to a temporary directory and measured; otherwise the synthetic
store of ``bench_graph.py`` (400 actors, 2 events per article, every fifth article re-reporting
an event) is built once at ``--store`` (kept for later runs). The pages are chosen from the
data: the latest week of the focus country, the most active actor, an event and an article of
that week, and a week two weeks older. Each page is requested in-process through Starlette's
TestClient on a new app (its start-up run: the server makes the latest week's report in the
background at start and after each in-server ingest or review decision). "first" is the first
visit: for the home page and the latest week at once, while that warm-up runs (the answer is a
"being prepared" page that reloads itself, status ``prep``); for every other page once the
warm-up is done (a week other than the latest is prepared in the background on its first visit,
then cached per store generation). Then, once any view made in the background is ready,
``--rounds`` more for the median and p95. Wall and CPU milliseconds (CPU of the whole process,
background threads included). Finally one write (a judgement) and the home page after it (the
previous report, marked as being updated, while it is made again in the background).
"""

from __future__ import annotations

import argparse
import math
import shutil
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).parent))

from bench_graph import synthetic  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from actorgraph.core.judgements import judge  # noqa: E402
from actorgraph.core.settings import Settings  # noqa: E402
from actorgraph.graph.ladybug_store import LadybugStore  # noqa: E402
from actorgraph.web.app import create_app  # noqa: E402
from actorgraph.web.state import WebConfig  # noqa: E402

LIMIT_MS = 300.0
FOCUS = "MNG"


def build(path: Path, articles: int) -> None:
    docs = synthetic(articles)
    started = time.perf_counter()
    with LadybugStore(path) as store:
        for i in range(0, len(docs), 500):
            store.write(docs[i : i + 500])
        counts = store.counts()
    print(f"built {path} in {time.perf_counter() - started:.0f} s: {counts}", flush=True)


def copy_store(source: Path, directory: Path) -> Path:
    """A private copy of a store and its side files (the cache stays untouched)."""
    for part in source.parent.glob(source.name + "*"):
        if part.is_file():
            shutil.copy(part, directory / part.name.replace(source.name, "store.lbug"))
    return directory / "store.lbug"


def pick(store: LadybugStore) -> dict[str, str]:
    """The pages to measure, from the data: the latest week with an event of the focus country,
    the most active actor, an event and an article of that week."""
    top = store.run(
        "MATCH (a:Actor)-[:PARTICIPANT]->(e:Event) RETURN a.id AS id, count(*) AS n "
        "ORDER BY n DESC LIMIT 1"
    )[0]
    rows = store.run(
        "MATCH (a:Actor)-[:PARTICIPANT]->(e:Event) WHERE a.country = $focus "
        "AND e.status = 'actual' AND e.date <> '' RETURN max(e.date) AS d",
        {"focus": FOCUS},
    )
    from actorgraph.report import iso_week_bounds, week_of
    from actorgraph.report.weeks import parse_day

    day = parse_day(rows[0]["d"])
    assert day is not None, "the store has no dated event of the focus country"
    week = week_of(day)
    monday, next_monday = iso_week_bounds(week)
    event = store.events(since=monday.isoformat(), until=next_monday.isoformat())[0]
    article = store.article_ids([event.sources[0].url])[event.sources[0].url]
    name = store.actor(top["id"])
    assert name is not None
    return {
        "week": week,
        "since": monday.isoformat(),
        "until": next_monday.isoformat(),
        "actor": top["id"],
        "actor_events": str(top["n"]),
        "name": name.name,
        "event": event.id,
        "article": article,
        "older": week_of(monday - timedelta(days=14)),
    }


def urls_for(p: dict[str, str]) -> list[str]:
    actor, week = quote(p["actor"], safe=""), p["week"]
    name = quote(p["name"])
    return [
        "/",
        f"/week/{week}?focus={FOCUS}",
        f"/week/{p['older']}?focus={FOCUS}",
        f"/actor/{actor}",
        f"/actor/{actor}?before=2026-01-01",
        f"/event/{p['event']}",
        f"/article/{p['article']}",
        f"/search?q={name}",
        f"/search?q={name}&type=PERSON",
        f"/network?week={week}",
        f"/network.json?week={week}",
        f"/network.json?week={week}&type=PERSON&country={FOCUS}",
        f"/network.json?expand={actor}",
        "/queries",
        f"/query/actor_timeline?actor={actor}",
        f"/query/first_contacts?focus={FOCUS}&since={p['since']}&until={p['until']}",
        "/cypher?q=MATCH+(a:Actor)+RETURN+a.name+LIMIT+20",
        "/review",
        "/watchlist",
        "/alerts.atom",
        "/healthz",
    ]


def timed(client: TestClient, url: str) -> tuple[float, float, str]:
    """Wall and CPU milliseconds (the process: background threads count) and the status, with
    ``prep`` when the page said its view is being prepared."""
    t, c = time.perf_counter(), time.process_time()
    response = client.get(url)
    wall, cpu = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000
    prep = 'id="preparing"' in response.text or 'id="updating"' in response.text
    return wall, cpu, f"{response.status_code}{' prep' if prep else ''}"


def settle(app: Any) -> float:
    """Wait for the views made in the background; seconds waited."""
    started = time.monotonic()
    while not app.state.web.fresh() and time.monotonic() < started + 300:
        time.sleep(0.02)
    return time.monotonic() - started


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def measure(path: Path, rounds: int, only: str, reuse: bool = False) -> None:
    with LadybugStore(path) as store:
        counts = store.counts()
        chosen = pick(store)
        print(
            f"store: {counts['Event']} events, {counts['Actor']} actors, "
            f"{counts['Article']} articles; week {chosen['week']}, actor {chosen['actor']} "
            f"({chosen['actor_events']} events)",
            flush=True,
        )
        data = Path(tempfile.mkdtemp(prefix="bench-web-data-"))

        def new_app() -> Any:
            app = create_app(store, Settings(), WebConfig(data_dir=data, focus=FOCUS))
            client = TestClient(app, base_url="http://127.0.0.1")
            client.__enter__()  # start-up: the latest week's report is made in the background
            return app, client

        cpu = time.process_time()
        app, client = new_app()
        waited = settle(app)
        print(
            f"start-up warm-up (latest week's report, in the background): {waited:.2f} s wall, "
            f"{time.process_time() - cpu:.2f} s CPU",
            flush=True,
        )
        head = f"{'page':58} {'first':>7} {'cpu':>5} {'median':>7} {'cpu':>5} {'p95':>7}  status"
        print(head + "\n" + "-" * len(head))
        worst = 0.0
        for url in [u for u in urls_for(chosen) if only in u]:
            if not reuse:  # a new server: nothing cached but what start-up makes
                client.__exit__(None, None, None)
                app, client = new_app()
            if url in ("/", f"/week/{chosen['week']}?focus={FOCUS}"):
                first, first_cpu, status = timed(client, url)  # at once: during the warm-up
                settle(app)
            else:
                settle(app)  # the warm-up done, then the first visit of this page
                first, first_cpu, status = timed(client, url)
                settle(app)  # a view made in the background (the review queue)
            warm = [timed(client, url)[:2] for _ in range(rounds)]
            median = statistics.median(w for w, _ in warm)
            median_cpu = statistics.median(c for _, c in warm)
            high = p95([w for w, _ in warm])
            worst = max(worst, median)
            flag = "" if max(first, high) < LIMIT_MS else "  SLOW"
            print(
                f"{url[:58]:58} {first:7.0f} {first_cpu:5.0f} {median:7.0f} {median_cpu:5.0f} "
                f"{high:7.0f}  {status}{flag}",
                flush=True,
            )
        if not only:
            if not reuse:
                client.__exit__(None, None, None)
                app, client = new_app()
                settle(app)
            app.state.web.store.add_judgement(
                judge(chosen["actor"], "", "edit", "bench", "bench", '{"title": [null, "Bench"]}')
            )
            after, after_cpu, status = timed(client, "/")
            print(f"{'/ after a write (judgement)':58} {after:7.0f} {after_cpu:5.0f}  {status}")
            started = time.monotonic()
            while not app.state.web.holds(("home", FOCUS)) and time.monotonic() < started + 300:
                time.sleep(0.02)
            print(f"  made again in the background in {time.monotonic() - started:.2f} s")
        print(f"slowest warm median: {worst:.0f} ms (limit {LIMIT_MS:.0f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=52000)
    parser.add_argument("--store", type=Path, default=Path("/tmp/actorgraph-bench-web.lbug"))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--only", default="", help="only the pages whose URL contains this")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="one server for every page (its start-up warm-up once: for large stores); the "
        "home page and the latest week are then measured after the warm-up",
    )
    args = parser.parse_args()
    if not args.store.exists():
        build(args.store, args.articles)
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        measure(copy_store(args.store, Path(tmp)), args.rounds, args.only, args.reuse)


if __name__ == "__main__":
    main()
