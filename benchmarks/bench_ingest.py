"""Throughput of the whole ``ingest`` (read files -> spaCy -> resolve -> Ladybug writes) on a few
hundred local articles, against bare ``nlp.pipe`` with the same model on the same texts, in one run;
and the demo's HTTP ingest of the bundled sample corpus.

Run: ``python benchmarks/bench_ingest.py [--articles 300] [--rounds 5] [--only-parallel]``.
Prints articles/s, words/s and the ratio ingest / nlp.pipe (the target in issue 3 is at least
0.8; in issue 12, against ``nlp.pipe(n_process=2)``). Bare ``nlp.pipe`` gets the same batch size
as the ingest (``ACTORGRAPH_BATCH_SIZE``, 50 by default).
"""

from __future__ import annotations

import argparse
import multiprocessing.forkserver
import resource
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import spacy

from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.graph.pipeline import ingest
from actorgraph.nlp import Extractor
from actorgraph.sample.corpus import load_articles
from actorgraph.sample.site import serve_site


def write_corpus(folder: Path, count: int) -> list[str]:
    """``count`` distinct local articles (sample bodies, each with a unique closing line)."""
    base = load_articles()
    texts = []
    for i in range(count):
        article = base[i % len(base)]
        body = "\n\n".join(article.paragraphs) + f"\n\nThis is copy {i} of the item."
        day = 1 + i % 28
        (folder / f"a{i:04d}.md").write_text(
            f"---\ntitle: {article.title} ({i})\ndate: 2026-05-{day:02d}\noutlet: bench\n---\n"
            f"{body}\n",
            encoding="utf-8",
        )
        texts.append(body)
    return texts


def _tree_cpu() -> float:
    """CPU time of this process and of every child it (or a child of it) has reaped."""
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Clock:
    """Wall time, this process's CPU time and the CPU time of the process tree (with worker
    processes, once reaped) of one block. CPU time leaves out the time a shared machine gives to
    other guests; threads of the store would count in it."""

    def __enter__(self) -> Clock:
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        self.tree = _tree_cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = time.process_time() - self.cpu
        self.tree = _tree_cpu() - self.tree


def _ratio_line(label: str, bare: list[float], full: list[float]) -> str:
    ratios = [b / f for b, f in zip(bare, full, strict=True)]
    per_round = ", ".join(f"{r:.2f}" for r in ratios)
    return (
        f"  ratio ingest / nlp.pipe, {label}: {min(bare) / min(full):.2f} (best of each; median "
        f"of rounds {statistics.median(ratios):.2f}; per round: {per_round})"
    )


def bench_local(count: int, settings: Settings, extractor: Extractor, rounds: int = 5) -> None:
    """Bare ``nlp.pipe`` and the full ingest, interleaved ``rounds`` times; best of each (the
    machine is shared, so single timings are noisy)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        texts = write_corpus(folder, count)
        words = sum(len(t.split()) for t in texts)
        nlp = spacy.load(settings.model)
        bare_runs: list[Clock] = []
        full_runs: list[Clock] = []
        for n in range(rounds):
            with Clock() as clock:
                for _ in nlp.pipe(texts, batch_size=settings.batch_size):
                    pass
            bare_runs.append(clock)
            store_settings = replace(settings, store_path=Path(tmp) / f"bench{n}.lbug")
            with Clock() as clock, open_store(store_settings) as store:
                summary = ingest([str(folder)], store, store_settings, extractor)
            full_runs.append(clock)
            assert summary.new == count, summary.line()
    bare = min(c.wall for c in bare_runs)
    full = min(c.wall for c in full_runs)
    print(
        f"local corpus: {count} articles, {words} words, best of {rounds} interleaved rounds, "
        f"batches of {settings.batch_size}"
    )
    print(f"  bare nlp.pipe : {count / bare:7.1f} articles/s {words / bare:9.0f} words/s")
    print(f"  full ingest   : {count / full:7.1f} articles/s {words / full:9.0f} words/s")
    print(_ratio_line("wall", [c.wall for c in bare_runs], [c.wall for c in full_runs]))
    print(_ratio_line("CPU", [c.cpu for c in bare_runs], [c.cpu for c in full_runs]))


def bench_parallel(count: int, settings: Settings, rounds: int = 3, workers: int = 2) -> None:
    """Bare ``nlp.pipe(n_process=workers)`` against the whole ingest with ``workers`` extraction
    processes (``ACTORGRAPH_WORKERS``), on the same texts, interleaved; both pay what a user
    waits for after the imports: the model load (``spacy.load`` on the bare side), process
    start-up and the parse (the ingest also its store, resolution and writes)."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        texts = write_corpus(folder, count)
        spacy.load(settings.model)  # warm the file cache for both sides
        bare: list[Clock] = []
        full: list[Clock] = []
        for n in range(rounds):
            with Clock() as clock:
                nlp = spacy.load(settings.model)
                for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=workers):
                    pass
            bare.append(clock)
            run_settings = replace(settings, store_path=Path(tmp) / f"par{n}.lbug", workers=workers)
            with Clock() as clock, open_store(run_settings) as store:
                summary = ingest([str(folder)], store, run_settings)
                _stop_fork_server()  # every round starts its workers from scratch, as a run does
            full.append(clock)
            assert summary.new == count, summary.line()
    bare_wall, full_wall = min(c.wall for c in bare), min(c.wall for c in full)
    print(f"local corpus, {workers} processes: {count} articles, best of {rounds} rounds")
    print(f"  bare nlp.pipe(n_process={workers}) : {count / bare_wall:7.1f} articles/s")
    print(f"  full ingest (workers={workers})    : {count / full_wall:7.1f} articles/s")
    for name, runs in (("bare", bare), ("ingest", full)):
        each = ", ".join(f"{c.wall:.1f} s ({c.tree:.1f} s CPU)" for c in runs)
        print(f"  {name} per round: {each}")
    print(_ratio_line(f"wall, {workers} processes", [c.wall for c in bare], [c.wall for c in full]))
    print(_ratio_line("CPU of all processes", [c.tree for c in bare], [c.tree for c in full]))


def _stop_fork_server() -> None:
    """Stop the extraction workers' fork server (it outlives a run in its process, and would
    make later rounds skip the package import and model load)."""
    stop = getattr(multiprocessing.forkserver._forkserver, "_stop", None)  # noqa: SLF001
    if stop is not None:
        stop()


def bench_sample_http(settings: Settings, extractor: Extractor) -> None:
    with tempfile.TemporaryDirectory() as tmp, serve_site() as base:
        store_settings = replace(settings, store_path=Path(tmp) / "sample.lbug")
        started = time.perf_counter()
        with open_store(store_settings) as store:
            summary = ingest([f"{base}/feeds.opml"], store, store_settings, extractor)
        took = time.perf_counter() - started
    print(f"sample corpus over HTTP on 127.0.0.1: {summary.line()}")
    print(
        f"  {summary.new / took:.1f} articles/s, {summary.words / took:.0f} words/s ({took:.2f} s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workers", type=int, default=2, help="for the parallel comparison")
    parser.add_argument("--only-parallel", action="store_true")
    args = parser.parse_args()
    if args.only_parallel:
        bench_parallel(args.articles, Settings.from_env(), args.rounds, args.workers)
        return
    settings = Settings.from_env()
    extractor = Extractor(settings)  # model loaded once, outside the timings
    bench_sample_http(settings, extractor)
    bench_local(args.articles, settings, extractor, args.rounds)
    bench_parallel(args.articles, settings, args.rounds, args.workers)


if __name__ == "__main__":
    main()
