"""``actorgraph store check|backup|migrate``: look after the embedded store file."""

from __future__ import annotations

import argparse
from pathlib import Path

from actorgraph.cli.output import Emit
from actorgraph.core.errors import ConfigError
from actorgraph.core.settings import Settings

EPILOG = """example:
  actorgraph --store news.lbug store check

examples:
  actorgraph --store news.lbug store check
  actorgraph --store news.lbug store backup backups/news-2026-06-01.lbug
  actorgraph --store news.lbug store migrate --backup backups/news-before-migrate.lbug"""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "store",
        help="check, back up or migrate the embedded store",
        description="Check the store (opens, schema version, counts), copy a consistent "
        "snapshot of it, or migrate it to this version's schema (only after a backup).",
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
    else:
        emit(admin.migrate(settings, Path(args.backup)), None)
    return 0
