"""Response times of every page of ``actorgraph serve`` on a store of about 100,000 events.

    python benchmarks/bench_web.py [--articles 52000] [--store PATH] [--rounds 5]

The store is the synthetic one of ``bench_graph.py`` (400 actors, 2 events per article, every
fifth article re-reporting an event), built once at ``--store`` (kept for later runs). Each page
is requested in-process through Starlette's TestClient: "cold" with the server's cache empty
(the first visit after start; `serve` computes the home page's views at start), "warm" the
median of ``--rounds`` (after a write the cached views are served while they are recomputed).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_graph import synthetic  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from actorgraph.core.settings import Settings  # noqa: E402
from actorgraph.graph.ladybug_store import LadybugStore  # noqa: E402
from actorgraph.web.app import create_app  # noqa: E402
from actorgraph.web.state import WebConfig  # noqa: E402

LIMIT_MS = 300.0


def build(path: Path, articles: int) -> None:
    docs = synthetic(articles)
    started = time.perf_counter()
    with LadybugStore(path) as store:
        for i in range(0, len(docs), 500):
            store.write(docs[i : i + 500])
        counts = store.counts()
    print(f"built {path} in {time.perf_counter() - started:.0f} s: {counts}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=52000)
    parser.add_argument("--store", type=Path, default=Path("/tmp/actorgraph-bench-web.lbug"))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--only", default="", help="only the pages whose URL contains this")
    args = parser.parse_args()
    if not args.store.exists():
        build(args.store, args.articles)
    with LadybugStore(args.store) as store:
        counts = store.counts()
        event = store.events(since="2026-06-01", until="2026-06-08")[0]
        article = store.article_ids([event.sources[0].url])[event.sources[0].url]
        config = WebConfig(data_dir=args.store.with_name(args.store.name + ".web"), focus="MNG")
        app = create_app(store, Settings(), config)
        client = TestClient(app, base_url="http://127.0.0.1")
        week = "2026-W23"
        urls = [
            "/",
            f"/week/{week}?focus=MNG",
            "/actor/a17",
            f"/event/{event.id}",
            f"/article/{article}",
            "/search?q=Actor+17",
            "/search?q=A.+17&type=PERSON",
            f"/network?week={week}",
            f"/network.json?week={week}",
            f"/network.json?week={week}&type=PERSON&country=MNG",
            "/network.json?expand=a17",
            "/queries",
            "/query/actor_timeline?actor=a17",
            "/query/first_contacts?focus=MNG&since=2026-06-01&until=2026-06-08",
            "/cypher?q=MATCH+(a:Actor)+RETURN+a.name+LIMIT+20",
            "/review",
            "/watchlist",
            "/alerts.atom",
            "/healthz",
        ]
        events, actors, articles = counts["Event"], counts["Actor"], counts["Article"]
        print(f"store: {events} events, {actors} actors, {articles} articles")
        print(f"{'page':62} {'cold ms':>8} {'warm ms':>8}  status")
        worst = 0.0
        for url in [u for u in urls if args.only in u]:
            app.state.web.drop_cache()
            t = time.perf_counter()
            response = client.get(url)
            cold = (time.perf_counter() - t) * 1000
            warm_runs = []
            for _ in range(args.rounds):
                t = time.perf_counter()
                client.get(url)
                warm_runs.append((time.perf_counter() - t) * 1000)
            warm = statistics.median(warm_runs)
            worst = max(worst, warm)
            flag = "" if warm < LIMIT_MS else "  SLOW"
            status = f"{response.status_code}{flag}"
            print(f"{url[:62]:62} {cold:8.0f} {warm:8.0f}  {status}", flush=True)
        print(f"slowest warm page: {worst:.0f} ms (limit {LIMIT_MS:.0f} ms)")


if __name__ == "__main__":
    main()
