"""The notebook handle: one read-only store, with the questions analysts ask of it."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from actorgraph.api.tables import frame, report_tables
from actorgraph.core.errors import ConfigError
from actorgraph.core.kb.countries import parse_country
from actorgraph.core.records import Actor, EventView
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.graph.base import GraphStore
from actorgraph.graph.lookup import find_actor
from actorgraph.queries import run_query
from actorgraph.report import build_weekly, latest_week, render
from actorgraph.viz.analytics import actor_country, build_graph

DEMO_STORE = Path("actorgraph-demo") / "actorgraph.lbug"


def default_store() -> Path:
    """``$ACTORGRAPH_STORE``, else the demo's store in this folder or the nearest parent that has
    one (so a notebook runs from any folder of the project)."""
    chosen = os.environ.get("ACTORGRAPH_STORE")
    if chosen:
        return Path(chosen)
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / DEMO_STORE).exists():
            return folder / DEMO_STORE
    raise ConfigError(
        "no store given and no actorgraph-demo/actorgraph.lbug here or above: run `actorgraph "
        "demo`, set ACTORGRAPH_STORE, or pass a path to actorgraph.open()"
    )


def open_handle(path: str | Path | None = None) -> StoreHandle:
    """A read-only handle on the store at ``path`` (default :func:`default_store`), or on Neo4j
    when ``NEO4J_URI`` is set and no path is given."""
    settings = Settings.from_env()
    if path is not None or not settings.neo4j_uri:
        store_path = Path(path) if path is not None else default_store()
        if not store_path.exists():
            raise ConfigError(f"{store_path}: no store there (run `actorgraph demo` first?)")
        settings = replace(settings, store_path=store_path, neo4j_uri=None)
    return StoreHandle(open_store(settings, read_only=True))


@dataclass
class ActorView:
    """One actor: who it is, every name it goes by, its events, counterparts and neighbours."""

    actor: Actor
    names: pd.DataFrame
    timeline: pd.DataFrame
    counterparts: pd.DataFrame
    ego: nx.Graph

    def __repr__(self) -> str:
        who = ", ".join(x for x in (self.actor.type, self.actor.country, self.actor.title) if x)
        return f"<{self.actor.name} ({who}): {len(self.timeline)} events>"


class StoreHandle:
    """Read-only questions to one store; close it (or use ``with``) when done."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store

    def __enter__(self) -> StoreHandle:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    # -- the store ---------------------------------------------------------------------------
    def counts(self) -> pd.DataFrame:
        """Nodes per label."""
        return frame([{"label": k, "count": v} for k, v in self.store.counts().items()])

    def latest_week(self, focus: str = "MNG") -> str:
        """The latest ISO week with events involving ``focus``."""
        return latest_week(self.store, parse_country(focus))

    # -- the week ----------------------------------------------------------------------------
    def weekly_report(self, week: str = "latest", focus: str = "MNG") -> dict[str, Any]:
        """The weekly report as the JSON the CLI writes (every section, with its sources)."""
        code = parse_country(focus)
        week = self.latest_week(code) if week == "latest" else week
        import json

        return dict(json.loads(render(build_weekly(self.store, week, code), "json")))

    def weekly(self, week: str = "latest", focus: str = "MNG") -> dict[str, pd.DataFrame]:
        """The weekly report's sections as tables (``{section: DataFrame}``)."""
        return report_tables(self.weekly_report(week, focus))

    # -- events ------------------------------------------------------------------------------
    def events(
        self,
        since: str | None = None,
        until: str | None = None,
        type: str | None = None,
        country: str | None = None,
        status: str = "actual",
    ) -> pd.DataFrame:
        """One row per event in ``[since, until)``: date, type, participants, countries, place,
        number of sources and the first evidence sentence."""
        code = parse_country(country) if country else None
        rows = []
        for e in self.store.events(since=since, until=until, statuses=(status,)):
            countries = sorted({c for a, _ in e.participants if (c := actor_country(a))})
            if (type and e.type != type.upper()) or (code and code not in countries):
                continue
            rows.append(_event_row(e, countries))
        return frame(rows, ["date", "type", "participants", "countries", "place", "sources"])

    def relationship(self, a: str, b: str, since: str | None = None) -> pd.DataFrame:
        """Events between two countries' actors per ISO week and type (a week x type table)."""
        ca, cb = parse_country(a), parse_country(b)
        rows = []
        for e in self.store.events(since=since):
            countries = {actor_country(x) for x, _ in e.participants}
            if ca in countries and cb in countries and e.date and len(e.date) == 10:
                year, week, _ = pd.Timestamp(e.date).isocalendar()
                rows.append({"week": f"{year}-W{week:02d}", "type": e.type})
        if not rows:
            return pd.DataFrame()
        table = pd.crosstab(pd.DataFrame(rows)["week"], pd.DataFrame(rows)["type"])
        return table.sort_index()

    # -- actors ------------------------------------------------------------------------------
    def actors(self, type: str | None = None, country: str | None = None) -> pd.DataFrame:
        """Live actors, optionally by type and country."""
        code = parse_country(country) if country else None
        rows = [
            {"id": a.id, "name": a.name, "type": a.type, "country": a.country, "title": a.title}
            for a in self.store.actors()
            if (not type or a.type == type.upper()) and (not code or a.country == code)
        ]
        return frame(rows, ["id", "name", "type", "country", "title"])

    def actor(self, name: str, depth: int = 1) -> ActorView:
        """One actor by id, name or alias, with its names, timeline, counterparts by country and
        its ego network (``depth`` co-participation steps)."""
        actor = find_actor(self.store, name).actor
        merged = self.store.merged_into()
        members = sorted(x for x, root in merged.items() if root == actor.id)
        shown = next((a for a in self.store.actors() if a.id == actor.id), actor)
        names = [{"name": actor.name, "kind": "canonical", "via": ""}]
        names += [{"name": n, "kind": "alias", "via": ""} for n in sorted(shown.aliases)]
        for m in self.store.actor_mentions(actor.id):
            if m.method:
                names.append(
                    {"name": m.name, "kind": f"merged by {m.method} ({m.score:.2f})", "via": m.url}
                )
        names += [{"name": x, "kind": "merged by a person", "via": ""} for x in members]
        events = [
            e for e in self.store.events() if any(a.id == actor.id for a, _ in e.participants)
        ]
        timeline = frame(
            [_event_row(e, [], exclude=actor.id) for e in events],
            ["date", "type", "participants", "place", "sources"],
        ).drop(columns=["countries"], errors="ignore")
        counter: Counter[tuple[str, str]] = Counter()
        for e in events:
            for other, _ in e.participants:
                if other.id != actor.id:
                    counter[(actor_country(other) or "?", e.type)] += 1
        counterparts = frame(
            [{"country": c, "type": t, "events": n} for (c, t), n in sorted(counter.items())],
            ["country", "type", "events"],
        )
        graph = build_graph(self.store.events())
        ego = nx.ego_graph(graph, actor.id, radius=depth) if actor.id in graph else nx.Graph()
        names_table = frame(names).drop_duplicates(subset=["name"], keep="first")
        return ActorView(actor, names_table.reset_index(drop=True), timeline, counterparts, ego)

    # -- saved queries and review ------------------------------------------------------------
    def query(self, name: str, **params: object) -> pd.DataFrame:
        """A saved query (or Cypher) with parameters as keyword arguments."""
        rows = run_query(self.store, name, {k: str(v) for k, v in params.items()})
        return frame(rows)

    def review(self, limit: int = 20) -> pd.DataFrame:
        """Pairs that may be one actor, most doubtful first, with the evidence for each side."""
        from actorgraph.graph.review_queue import candidates

        rows = [
            {
                "kind": c.kind,
                "a": c.a.name,
                "a_id": c.a.id,
                "b": c.b_name,
                "b_id": c.b_id,
                "score": round(c.score, 3),
                "method": c.method,
                "evidence_a": (c.sentences_a or [""])[0],
                "evidence_b": (c.sentences_b or [""])[0],
            }
            for c in candidates(self.store, limit)
        ]
        return frame(rows, ["kind", "a", "a_id", "b", "b_id", "score", "method"])


def _event_row(e: EventView, countries: list[str], exclude: str = "") -> dict[str, Any]:
    return {
        "date": e.date,
        "type": e.type,
        "participants": ", ".join(a.name for a, _ in e.participants if a.id != exclude),
        "countries": ", ".join(countries),
        "place": e.place or "",
        "sources": len(e.sources),
        "evidence": e.sources[0].sentence.strip() if e.sources else "",
        "id": e.id,
    }
