"""The Starlette application of ``actorgraph serve``: routes (stable URLs), static assets from
the package (vis-network from the pyvis package; nothing from a CDN), security middleware."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from actorgraph.core.settings import Settings
from actorgraph.graph.base import GraphStore
from actorgraph.web import actions, pages
from actorgraph.web.ingest import Ingester
from actorgraph.web.security import SecurityMiddleware
from actorgraph.web.state import AppState, WebConfig

STATIC = Path(__file__).parent / "static"
VIS_VERSION = "vis-9.1.2"


def vis_dir() -> Path:
    """vis-network as shipped inside the pyvis package."""
    return Path(str(resources.files("pyvis").joinpath("templates", "lib", VIS_VERSION)))


@asynccontextmanager
async def lifespan(app: Starlette) -> AsyncIterator[None]:
    """At start: the latest week's report is made in the background (the home page)."""
    app.state.web.warm()
    yield


async def not_found(request: Request, exc: Exception) -> Response:
    return pages.error(request, 404, f"no page at {request.url.path}")


def create_app(store: GraphStore, settings: Settings, config: WebConfig) -> Starlette:
    """The app on an open store (the server owns it; close it after the app stops)."""
    routes = [
        Route("/", pages.home, name="home"),
        Route("/week/{week}", pages.week_page, name="week"),
        Route("/actor/{id:path}", pages.actor_page, name="actor"),
        Route("/event/{id}", pages.event_page, name="event"),
        Route("/article/{id}", pages.article_page, name="article"),
        Route("/search", pages.search_page, name="search"),
        Route("/network", pages.network_page, name="network"),
        Route("/network.json", pages.network_json, name="network_json"),
        Route("/queries", actions.queries_page, name="queries"),
        Route("/query/{name}", actions.query_page, name="query"),
        Route("/cypher", actions.cypher_page, name="cypher"),
        Route("/review", actions.review_page, name="review", methods=["GET"]),
        Route("/review", actions.review_post, name="review_post", methods=["POST"]),
        Route("/watchlist", actions.watchlist_page, name="watchlist", methods=["GET"]),
        Route("/watchlist", actions.watchlist_post, name="watchlist_post", methods=["POST"]),
        Route("/alerts.atom", actions.alerts_atom, name="alerts"),
        Route("/ingest", actions.ingest_post, name="ingest", methods=["POST"]),
        Route("/ingest.json", actions.ingest_status, name="ingest_status"),
        Route("/healthz", pages.healthz, name="healthz"),
        Mount("/static/vis", StaticFiles(directory=vis_dir()), name="vis"),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(SecurityMiddleware, token=config.token)],
        exception_handlers={404: not_found},
        lifespan=lifespan,
    )
    state = AppState(store, settings, config)
    state.warm = lambda: pages.warm(state)
    app.state.web = state
    app.state.ingester = Ingester(state)
    return app
