"""Peak memory of an ingest against its size (issue 12: 3,000 articles within 1.2x of 300).

Each size is ingested by ``actorgraph ingest FOLDER`` into a fresh store in its own process,
with its workers. Every 50 ms the benchmark sums the proportional set size (PSS: shared pages
split between the processes sharing them, so the model the forked workers share with the writer
counts once) of the process and its children, and reports the peak of that sum and the peak RSS
of the writer alone.

Run: ``python benchmarks/bench_memory.py [--sizes 300,3000] [--rounds 1] [--workers 2]``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from bench_ingest import write_corpus


def _pss(process: psutil.Process) -> int:
    try:
        return int(process.memory_full_info().pss)
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return 0


def measure(folder: Path, store: Path, workers: int) -> tuple[float, float, float]:
    """Wall seconds, peak PSS of the process tree (MB) and peak RSS of the writer (MB)."""
    env = {**os.environ, "ACTORGRAPH_WORKERS": str(workers)}
    argv = [sys.executable, "-m", "actorgraph", "--store", str(store), "ingest", str(folder)]
    started = time.perf_counter()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    tree_peak = writer_peak = 0
    while proc.poll() is None:
        try:
            children = root.children(recursive=True)
            writer_peak = max(writer_peak, int(root.memory_info().rss))
        except psutil.NoSuchProcess:
            break
        tree_peak = max(tree_peak, _pss(root) + sum(_pss(c) for c in children))
        time.sleep(0.05)
    took = time.perf_counter() - started
    if proc.returncode:
        err = proc.stderr.read().decode()[-300:] if proc.stderr else ""
        raise SystemExit(f"ingest of {folder} failed: {err}")
    return took, tree_peak / 1e6, writer_peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,3000")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    best: dict[int, tuple[float, float, float]] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        folders = {}
        for size in sizes:
            folders[size] = tmp / f"articles-{size}"
            folders[size].mkdir()
            write_corpus(folders[size], size)
        for n in range(args.rounds):
            for size in sizes:  # interleaved: a noisy machine hits both
                store = tmp / f"store-{size}-{n}.lbug"
                took, tree, writer = measure(folders[size], store, args.workers)
                print(
                    f"  round {n} {size:5} articles: {took:6.1f} s, peak PSS of the tree "
                    f"{tree:6.0f} MB, peak RSS of the writer {writer:6.0f} MB",
                    flush=True,
                )
                old = best.get(size)
                best[size] = (
                    (took, tree, writer)
                    if old is None
                    else (min(old[0], took), min(old[1], tree), min(old[2], writer))
                )
                for part in tmp.glob(store.name + "*"):
                    part.unlink()
    small, large = best[min(sizes)], best[max(sizes)]
    print(
        f"{max(sizes)} against {min(sizes)} articles (lowest of {args.rounds}): tree "
        f"{large[1]:.0f} MB against {small[1]:.0f} MB ({large[1] / small[1]:.2f}x), writer "
        f"{large[2]:.0f} MB against {small[2]:.0f} MB ({large[2] / small[2]:.2f}x)"
    )


if __name__ == "__main__":
    main()
