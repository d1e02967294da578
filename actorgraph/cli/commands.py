"""One function per CLI command; ``cli.py`` parses, these call the stages and format output."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from actorgraph.cli import actors as actors_cli
from actorgraph.cli import serve as serve_cli
from actorgraph.cli import store as store_cli
from actorgraph.cli.output import Emit, clean, dumps, format_rows, printable
from actorgraph.core.errors import ConfigError
from actorgraph.core.records import Article
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store


def _progress_bar(enabled: bool):
    """A tqdm bar on stderr when it is a terminal; None otherwise."""
    if not enabled:
        return None, None
    from tqdm import tqdm

    # no monitor thread: the ingest forks its extraction workers from a process without threads
    tqdm.monitor_interval = 0
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
    """Every article in the given files and folders through nlp + resolve (no store)."""
    from actorgraph.graph.export import extraction_dict
    from actorgraph.graph.pipeline import extract_one
    from actorgraph.ingest import IngestFailure, SeenIndex, collect
    from actorgraph.nlp import make_extractor

    for name in args.files:
        if not Path(name).exists():
            raise ConfigError(f"{name}: no such file or folder")
    articles, failed = [], 0
    for item in collect(list(args.files), settings, SeenIndex()):
        if isinstance(item, Article):
            articles.append(item)
        elif isinstance(item, IngestFailure):
            failed += 1
            print(printable(f"actorgraph: {item.source}: {item.reason}"), file=sys.stderr)
    if not articles:
        raise ConfigError(f"{', '.join(args.files)}: no article found")
    extractor = make_extractor(settings)
    docs = [extraction_dict(extract_one(a, settings, extractor)) | {"url": a.url} for a in articles]
    if args.format == "json":
        items = [
            {"url": d["url"], "actors": d["actors"], "relations": d["relations"]} for d in docs
        ]
        emit(dumps(items[0] if len(items) == 1 else items), None)
        return 1 if failed else 0
    parts = []
    for data in docs:
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
        heading = f"# {data['url']}\n" if len(docs) > 1 else ""
        parts.append(
            heading
            + format_rows(actor_rows, "table")
            + "\n\n"
            + format_rows(relation_rows, "table")
        )
    emit("\n\n".join(parts), None)
    return 1 if failed else 0


def cmd_export(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.graph.export import store_dict

    with open_store(settings, read_only=True) as store:
        emit(dumps(store_dict(store)), args.out)
    return 0


def cmd_report(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    from actorgraph.report import build_weekly, render
    from actorgraph.report.build import nearest_weeks, resolve_week
    from actorgraph.report.schema import schema_text

    if args.schema:
        emit(schema_text(), args.out)
        return 0
    if not args.focus:
        raise ConfigError("report: --focus ISO3 is required (for example --focus MNG)")
    counterparts = [c.upper() for c in args.counterpart] if args.counterpart else None
    with open_store(settings, read_only=True) as store:
        week = resolve_week(store, args.week, args.focus.upper())
        report = build_weekly(store, week, args.focus.upper(), counterparts)
        if not report.events:
            before, after = nearest_weeks(store, week, report.focus)
            near = [w for w in (before, after) if w]
            note = f"nearest weeks with events: {', '.join(near)}" if near else "no dated events"
            print(f"{week}: no events involving {report.focus}; {note}", file=sys.stderr)
            report.nearest = near
    if args.narrative:
        from actorgraph.report.narrative import add_narrative

        add_narrative(report, settings)
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
    from actorgraph.cli.evaluate import evaluate_all, evaluate_grid

    if args.grid == bool(args.gold_dir):
        raise ConfigError("eval needs a GOLD_DIR or --grid (one of them)")
    if args.grid:
        emit(evaluate_grid(settings, failures=args.failures), None)
    else:
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
    "serve": serve_cli.run,
    "store": store_cli.run,
}


def dispatch(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    return COMMANDS[args.command](args, settings, emit)
