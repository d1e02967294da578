"""``actorgraph store check|backup|fold|migrate``: look after the embedded store file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from actorgraph.cli.output import Emit
from actorgraph.core.errors import ConfigError
from actorgraph.core.settings import Settings

EPILOG = """example:
  actorgraph --store news.lbug store check

examples:
  actorgraph --store news.lbug store check
  actorgraph --store news.lbug store backup backups/news-2026-06-01.lbug
  actorgraph --store news.lbug store fold
  actorgraph --store news.lbug store migrate --backup backups/news-before-migrate.lbug"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "store",
        help="check, back up, fold the log of, or migrate the embedded store",
        description="Check the store (opens, schema version, counts), copy a consistent "
        "snapshot of it, fold its log into the file, or migrate it to this version's schema "
        "(only after a backup).",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(dest="store_command", metavar="ACTION", required=True)
    raw = argparse.RawDescriptionHelpFormatter
    actions.add_parser(
        "check",
        help="open read-only; print schema version and counts",
        description="Open the store read-only (recovering committed batches) and print its "
        "schema version and counts; a refused store exits 1 with the reason.",
        epilog="example:\n  actorgraph --store news.lbug store check",
        formatter_class=raw,
    )
    b = actions.add_parser(
        "backup",
        help="copy a consistent snapshot to PATH",
        description="Copy a consistent snapshot (holding the writer lock) and check the copy.",
        epilog="example:\n  actorgraph --store news.lbug store backup backups/news.lbug",
        formatter_class=raw,
    )
    b.add_argument("path", metavar="PATH")
    actions.add_parser(
        "fold",
        help="fold the log into the file now",
        description="Fold the log beside the store (STORE.wal) into the file now, holding the "
        "writer lock: the checkpoint a writer's close otherwise pays once the log outgrows "
        "ACTORGRAPH_WAL_MB (seconds on a big store). Run it at a quiet hour, e.g. from cron.",
        epilog="example:\n  actorgraph --store news.lbug store fold",
        formatter_class=raw,
    )
    m = actions.add_parser(
        "migrate",
        help="back up, then migrate to the current schema",
        description="Back up to --backup PATH, then bring the store to this version's schema.",
        epilog="example:\n  actorgraph --store news.lbug store migrate --backup before.lbug",
        formatter_class=raw,
    )
    m.add_argument("--backup", required=True, metavar="PATH", help="where the backup goes first")


def run(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    if settings.neo4j_uri:
        raise ConfigError("`store` works on the embedded store; Neo4j has its own tools")
    from actorgraph.graph import admin

    if args.store_command == "check":
        emit("\n".join(admin.check(settings).lines()), None)
    elif args.store_command == "backup":
        nodes, rels = admin.backup(settings, Path(args.path))
        emit(f"backed up to {args.path} ({nodes} nodes, {rels} relationships, checked)", None)
    elif args.store_command == "fold":
        emit(admin.fold(settings), None)
    else:
        emit(admin.migrate(settings, Path(args.backup), say=_progress), None)
    return 0


def _progress(line: str) -> None:
    """A migration step, on stderr (stdout keeps the result line)."""
    print(f"migrate: {line}", file=sys.stderr, flush=True)
