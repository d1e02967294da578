"""``actorgraph serve``: the local web app (pages, network explorer, saved queries, review,
watchlists) on one open store; ``--watch`` ingests on a schedule inside the same process."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from actorgraph.cli.output import Emit
from actorgraph.core.errors import ConfigError
from actorgraph.core.settings import Settings

DESCRIPTION = """Serve a local web app over the store: the weekly report of any week and focus,
actor, event and article pages with their evidence, search, a network explorer, saved queries
with CSV/JSON download, a read-only Cypher console, the resolution review, watchlists and an
Atom feed of alerts. Binds 127.0.0.1 by default; any other address needs --token."""

EPILOG = """example:
  actorgraph --store actorgraph-demo/actorgraph.lbug serve

more examples:
  actorgraph serve --watch feeds.opml ./clippings/ --every 30m
  actorgraph serve --host 0.0.0.0 --token "$(openssl rand -hex 16)"
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``serve`` to the CLI's sub-parsers."""
    p = sub.add_parser(
        "serve",
        help="local web app: week, actors, network, queries, review, watchlists",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8321, help="port (default 8321)")
    p.add_argument(
        "--token", metavar="SECRET", help="required on every request (needed off loopback)"
    )
    p.add_argument("--focus", default="MNG", metavar="ISO3", help="default focus country")
    p.add_argument("--watch", nargs="+", default=[], metavar="SOURCE", help="sources to ingest")
    p.add_argument("--every", default="30m", metavar="DURATION", help="ingest period (30m, 2h)")
    p.add_argument("--data", metavar="DIR", help="watchlist and alerts (default STORE.web/)")
    p.add_argument("--who", default=None, metavar="NAME", help="reviewer name (default $USER)")


def run(args: argparse.Namespace, settings: Settings, emit: Emit) -> int:
    import uvicorn

    from actorgraph.graph import open_store
    from actorgraph.web.app import create_app
    from actorgraph.web.ingest import parse_every
    from actorgraph.web.security import is_loopback, require_token_for
    from actorgraph.web.state import WebConfig

    require_token_for(args.host, args.token)
    if not 0 < args.port < 65536:
        raise ConfigError(f"--port {args.port}: expected 1-65535")
    every = parse_every(args.every)
    data = Path(args.data) if args.data else _default_data(settings)
    focus = args.focus.upper()
    config = WebConfig(
        data_dir=data,
        focus=focus,
        token=args.token,
        who=args.who or _user(),
        sources=list(args.watch),
        every_seconds=every,
    )
    with open_store(settings) as store:
        app = create_app(store, settings, config)
        where = f"http://{args.host}:{args.port}/"
        print(f"actorgraph: serving {store.engine} store on {where}", file=sys.stderr)
        if args.token:
            print(
                "actorgraph: a token is required on every request (open ?token=SECRET)",
                file=sys.stderr,
            )
        if not is_loopback(args.host):
            print(
                f"actorgraph: warning: {args.host} is reachable from other machines",
                file=sys.stderr,
            )
        if args.watch:
            print(
                f"actorgraph: ingesting {len(args.watch)} source(s) every {args.every}",
                file=sys.stderr,
            )
            app.state.ingester.schedule(every)
        try:
            uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
        finally:
            app.state.ingester.stop()
    return 0


def _default_data(settings: Settings) -> Path:
    if settings.neo4j_uri:
        return Path("actorgraph-web")
    return settings.store_path.with_name(settings.store_path.name + ".web")


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "web"
