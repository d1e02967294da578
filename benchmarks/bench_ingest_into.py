"""Ingest of a few local articles into an empty store against the same into a copy of a big
benchmark store (``bench_scale.py build``), interleaved, each with its own workers: the writer's
start-up costs that only a big store has (issue 12: within 1.2x of the empty store).

Run: ``python benchmarks/bench_ingest_into.py --store STORE.lbug
[--articles 100] [--rounds 2] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from bench_ingest import Clock, _stop_fork_server, write_corpus

from actorgraph.core.runtime import collect_less_often
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.graph.pipeline import ingest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    collect_less_often()  # as the CLI does (core/runtime.py)
    settings = replace(Settings.from_env(), workers=args.workers)
    runs: dict[str, list[Clock]] = {"empty": [], "stored": []}
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
                run_settings = replace(settings, store_path=target)
                with Clock() as clock, open_store(run_settings) as store:
                    summary = ingest([str(folder)], store, run_settings)
                    _stop_fork_server()
                assert summary.new == args.articles, summary.line()
                runs[kind].append(clock)
                print(f"  round {n} {kind:6}: {clock.wall:6.2f} s wall {clock.tree:6.2f} s CPU")
    empty, stored = (min(c.wall for c in runs[k]) for k in ("empty", "stored"))
    cpu_e, cpu_s = (min(c.tree for c in runs[k]) for k in ("empty", "stored"))
    print(
        f"{args.articles} articles, {args.workers} workers, best of {args.rounds}: empty "
        f"{empty:.2f} s ({cpu_e:.2f} s CPU), into {args.store.name} {stored:.2f} s "
        f"({cpu_s:.2f} s CPU): {stored / empty:.2f}x wall, {cpu_s / cpu_e:.2f}x CPU"
    )


if __name__ == "__main__":
    main()
