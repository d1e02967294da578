"""One function per CLI command; ``cli.py`` parses, these call the stages and format output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from actorgraph.cli import actors as actors_cli
from actorgraph.cli import store as store_cli
from actorgraph.cli.output import Emit, clean, dumps, format_rows
from actorgraph.core.errors import ConfigError
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store


def _progress_bar(enabled: bool):
    """A tqdm bar on stderr when it is a terminal; None otherwise."""
    if not enabled:
        return None, None
    from tqdm import tqdm

    bar = tqdm(desc="ingest", unit="article", file=sys.stderr, leave=False)

    def advance(label: str, n: int) -> None:
        bar.set_postfix_str(label[:40], refresh=False)
        bar.update(n)

    return bar, advance


def cmd_ingest(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.graph.pipeline import ingest

    bar, advance = _progress_bar(sys.stderr.isatty())
    with open_store(settings) as store:
        try:
            summary = ingest(args.sources, store, settings, progress=advance)
        finally:
            if bar is not None:
                bar.close()
        from actorgraph.cli.actors import warn_stale

        warn_stale(store)
    for warning in summary.warnings:
        print(clean(f"warning: {warning.source}: {warning.reason}"), file=sys.stderr)
    for failure in summary.failures:
        print(clean(f"failed: {failure.source}: {failure.reason}"), file=sys.stderr)
    emit(summary.line(), None)
    return 1 if summary.failures else 0


def cmd_extract(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.graph.export import extraction_dict
    from actorgraph.graph.pipeline import extract_one, first_article
    from actorgraph.ingest import SeenIndex, collect

    if not Path(args.file).exists():
        raise ConfigError(f"{args.file}: no such file")
    article = first_article(collect([args.file], settings, SeenIndex()), args.file)
    data = extraction_dict(extract_one(article, settings))
    if args.format == "json":
        emit(dumps({"actors": data["actors"], "relations": data["relations"]}), None)
        return 0
    names = {a["id"]: a["name"] for a in data["actors"]}
    actor_rows = [
        {k: a[k] for k in ("id", "name", "type", "country", "title")} for a in data["actors"]
    ]
    relation_rows = [
        {
            "source": names.get(r["source"], r["source"]),
            "type": r["type"],
            "target": names.get(r["target"], r["target"]),
            "date": r["date"],
        }
        for r in data["relations"]
    ]
    emit(format_rows(actor_rows, "table") + "\n\n" + format_rows(relation_rows, "table"), None)
    return 0


def cmd_export(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.graph.export import store_dict

    with open_store(settings, read_only=True) as store:
        emit(dumps(store_dict(store)), args.out)
    return 0


def cmd_report(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.report import build_weekly, render

    counterparts = [c.upper() for c in args.counterpart] if args.counterpart else None
    with open_store(settings, read_only=True) as store:
        report = build_weekly(store, args.week, args.focus.upper(), counterparts)
    emit(render(report, args.format), args.out)
    return 0


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ConfigError(f"--param {pair!r}: expected K=V")
        params[key.strip()] = value
    return params


def cmd_query(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.queries import run_query

    params = parse_params(args.param)
    with open_store(settings, read_only=not args.write) as store:
        rows = run_query(store, args.query, params, write=args.write)
    emit(format_rows(rows, args.format), None)
    return 0


def cmd_queries(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.queries import load_queries

    lines = []
    for q in load_queries():
        params = ", ".join(str(p) for p in q.params) or "-"
        lines.append(f"{q.name}\n    {q.description}\n    params: {params}")
    emit("\n".join(lines), None)
    return 0


def cmd_viz(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.viz import network_for_week

    with open_store(settings, read_only=True) as store:
        path = network_for_week(
            store, week=args.week, focus=args.focus and args.focus.upper(), out=Path(args.out)
        )
    emit(str(path), None)
    return 0


def cmd_demo(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.cli.demo import run_demo

    result = run_demo(Path(args.dir), settings, progress=sys.stderr.isatty())
    emit(result.describe(), None)
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.cli.evaluate import evaluate_all

    emit(evaluate_all(Path(args.gold_dir), settings), None)
    return 0


def cmd_sync(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.graph.sync import copy_store

    embedded = replace(settings, neo4j_uri=None)
    with (
        open_store(embedded, read_only=True) as src,
        open_store(replace(settings, neo4j_uri=args.to_neo4j)) as dst,
    ):
        counts = copy_store(src, dst)
    emit(f"copied to {args.to_neo4j}: {counts}", None)
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace, Settings, Emit], int]] = {
    "ingest": cmd_ingest,
    "extract": cmd_extract,
    "export": cmd_export,
    "report": cmd_report,
    "query": cmd_query,
    "queries": cmd_queries,
    "viz": cmd_viz,
    "demo": cmd_demo,
    "eval": cmd_eval,
    "sync": cmd_sync,
    "actors": actors_cli.run,
    "store": store_cli.run,
}


def dispatch(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    return COMMANDS[args.command](args, settings, emit)
