"""Ingest of a few local articles into an empty store against the same into a copy of a big
benchmark store (``bench_scale.py build``), interleaved, each with its own workers: the writer's
start-up costs that only a big store has (issue 12: within 1.2x of the empty store).

A writer's close leaves a log under ``ACTORGRAPH_WAL_MB`` for the next open to replay, so a run
pays the engine's checkpoint only when the log outgrows that budget. Each round therefore also
times the checkpoint its log would need, and the last line charges every run its share of it
(checkpoint time x its log / the budget): the cost of a stream of such runs.

Each copy of the big store is written to disk (``sync``) before it is timed, so the kernel's
writeback of the copy does not run inside the ingest; and it is opened and closed once first, as
a team's store was by its previous run, so the open finds it in the store-check memo
(``graph/checked.py``) as routine runs do (``--cold``: time the first open of a store that
actorgraph has not closed, with its read-only check, instead).

Run: ``python benchmarks/bench_ingest_into.py --store STORE.lbug
[--articles 100] [--rounds 2] [--workers 2] [--cold]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import ladybug
from bench_ingest import Clock, _stop_fork_server, write_corpus

from actorgraph.core.runtime import collect_less_often
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.graph.ladybug_store import LadybugStore, wal_path
from actorgraph.graph.pipeline import ingest


def checkpoint_seconds(store: Path) -> tuple[float, int]:
    """Time of folding a store's log into its file, and the log's size."""
    log = wal_path(store)
    size = log.stat().st_size if log.exists() else 0
    db = ladybug.Database(str(store))
    conn = ladybug.Connection(db)
    started = time.perf_counter()
    conn.execute("CHECKPOINT")
    took = time.perf_counter() - started
    conn.close()
    db.close()
    return took, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cold", action="store_true", help="skip the untimed open and close")
    args = parser.parse_args()
    collect_less_often()  # as the CLI does (core/runtime.py)
    settings = replace(Settings.from_env(), workers=args.workers)
    runs: dict[str, list[Clock]] = {"empty": [], "stored": []}
    shares: dict[str, list[float]] = {"empty": [], "stored": []}
    budget = settings.wal_mb * 1_000_000
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folder = tmp / "articles"
        folder.mkdir()
        write_corpus(folder, args.articles)
        for n in range(args.rounds):
            for kind in runs:
                target = tmp / f"{kind}{n}.lbug"
                if kind == "stored":
                    for part in args.store.parent.glob(args.store.name + "*"):
                        shutil.copy(part, tmp / part.name.replace(args.store.name, target.name))
                    if not args.cold:
                        LadybugStore(target).close()  # the previous run's close: the memo
                    os.sync()
                run_settings = replace(settings, store_path=target)
                with Clock() as clock, open_store(run_settings) as store:
                    summary = ingest([str(folder)], store, run_settings)
                    _stop_fork_server()
                assert summary.new == args.articles, summary.line()
                runs[kind].append(clock)
                took, size = checkpoint_seconds(target)
                share = took if budget <= 0 else took * min(size / budget, 1.0)
                shares[kind].append(share)
                print(
                    f"  round {n} {kind:6}: {clock.wall:6.2f} s wall {clock.tree:6.2f} s CPU "
                    f"({clock.cpu:5.2f} s the writer's); "
                    f"log {size / 1e6:.2f} MB, its checkpoint {took:.2f} s (share {share:.2f} s)"
                )
                for part in tmp.glob(target.name + "*"):
                    part.unlink()
    empty, stored = (min(c.wall for c in runs[k]) for k in ("empty", "stored"))
    cpu_e, cpu_s = (min(c.tree for c in runs[k]) for k in ("empty", "stored"))
    own_e, own_s = (min(c.cpu for c in runs[k]) for k in ("empty", "stored"))
    print(
        f"{args.articles} articles, {args.workers} workers, best of {args.rounds}: empty "
        f"{empty:.2f} s ({cpu_e:.2f} s CPU, the writer {own_e:.2f} s), into {args.store.name} "
        f"{stored:.2f} s ({cpu_s:.2f} s CPU, the writer {own_s:.2f} s): {stored / empty:.2f}x "
        f"wall, {cpu_s / cpu_e:.2f}x CPU, the writer +{own_s - own_e:.2f} s"
    )
    if budget > 0:
        share_e, share_s = (min(shares[k]) for k in ("empty", "stored"))
        print(
            f"with each run's share of the deferred checkpoint (log budget {settings.wal_mb:g} "
            f"MB): empty {empty + share_e:.2f} s, into the store {stored + share_s:.2f} s: "
            f"{(stored + share_s) / (empty + share_e):.2f}x wall"
        )


if __name__ == "__main__":
    main()
