"""The whole-graph view, from aggregates the store computes: the most active actors as nodes,
every other actor collapsed into its community, pair weights counted by the engine.

Caps (stated on the page when reached): at most :data:`MAX_ACTORS` actors drawn one by one and
:data:`MAX_EDGES` edges; the analysis graph is the engine's heaviest pairs
(``cypher.PAIR_TOTALS_LIMIT``). Communities come from Louvain (networkx, fixed seed), brokers
from betweenness, sampled on large graphs.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
from networkx.algorithms.community import louvain_communities

from actorgraph.core.kb.countries import country_name
from actorgraph.core.records import Actor
from actorgraph.graph.base import GraphStore
from actorgraph.report.diff import actor_country, involves
from actorgraph.viz.analytics import top_brokers
from actorgraph.viz.network import OLD_EDGE, _e, _node_row, write_network, write_page

MAX_ACTORS = 300
MAX_EDGES = 3000
# Up to this many events the whole graph is drawn event by event (dates, types and sources in
# every tooltip); above it, from the aggregates.
DETAILED_UP_TO = 5000
COMMUNITY = "COMMUNITY"


def analysis_graph(
    activity: list[tuple[Actor, int]], pairs: list[tuple[str, str, int]]
) -> nx.Graph:
    """Actors (``name``, ``type``, ``country``, ``title``, ``events``), added in id order (the
    sampled betweenness and Louvain depend on node order, which must not be the engine's), and
    weighted pairs."""
    graph = nx.Graph()
    for actor, events in sorted(activity, key=lambda item: item[0].id):
        graph.add_node(
            actor.id,
            name=actor.name,
            type=actor.type,
            country=actor_country(actor),
            title=actor.title,
            events=events,
        )
    graph.add_weighted_edges_from((a, b, w) for a, b, w in pairs if a in graph and b in graph)
    return graph


def _focus(graph: nx.Graph, code: str) -> nx.Graph:
    """The actors of ``code`` and those they interacted with."""
    own = {n for n, d in graph.nodes(data=True) if d["country"] == code}
    keep = own | {m for n in own for m in graph.neighbors(n)}
    return graph.subgraph(keep).copy()


def collapse(graph: nx.Graph) -> tuple[nx.Graph, int]:
    """The drawn graph: the :data:`MAX_ACTORS` most active actors, one node per community for
    the rest (``members``), edges summed; returns it with the number of actors collapsed."""
    ranked = sorted(graph, key=lambda n: (-graph.nodes[n]["events"], graph.nodes[n]["name"]))
    shown = set(ranked[:MAX_ACTORS])
    if len(graph) <= MAX_ACTORS:
        return graph, 0
    if graph.number_of_edges():
        groups = louvain_communities(graph, weight="weight", seed=1)
    else:
        groups = [{n} for n in graph]
    where: dict[str, str] = {n: n for n in shown}
    drawn = nx.Graph()
    drawn.add_nodes_from((n, graph.nodes[n]) for n in ranked[:MAX_ACTORS])
    collapsed = 0
    for i, group in enumerate(sorted(groups, key=lambda g: (-len(g), sorted(g)[0]))):
        rest = sorted(
            (n for n in group if n not in shown),
            key=lambda n: (-graph.nodes[n]["events"], graph.nodes[n]["name"]),
        )
        if not rest:
            continue
        collapsed += len(rest)
        node = f"community:{i + 1}"
        lead = graph.nodes[rest[0]]["name"]
        countries = Counter(graph.nodes[n]["country"] for n in rest if graph.nodes[n]["country"])
        drawn.add_node(
            node,
            name=f"{len(rest)} more actors around {lead}",
            type=COMMUNITY,
            country=countries.most_common(1)[0][0] if countries else None,
            title=None,
            events=sum(graph.nodes[n]["events"] for n in rest),
            members=len(rest),
        )
        where.update(dict.fromkeys(rest, node))
    weights: Counter[tuple[str, str]] = Counter()
    for a, b, w in graph.edges(data="weight"):
        u, v = where[a], where[b]
        if u != v:
            weights[(min(u, v), max(u, v))] += w
    drawn.add_weighted_edges_from((u, v, w) for (u, v), w in weights.items())
    return drawn, collapsed


def _tooltip(data: dict[str, Any]) -> str:
    if data["type"] == COMMUNITY:
        where = country_name(data["country"]) or "mixed countries"
        return _e(f"{data['name']}\n{where}\n{data['events']} events between them")
    return ""


def write_overview(store: GraphStore, out: Path, focus: str | None = None) -> Path:
    """Write the whole-graph view of ``store`` to ``out``."""
    if store.counts()["Event"] <= DETAILED_UP_TO:
        events = store.events()
        if focus:
            events = [e for e in events if involves(e, focus)]
        title = "Actor network \u2014 all weeks" + (f" \u2014 focus {focus}" if focus else "")
        return write_network(events, out, title=title)
    graph = analysis_graph(store.actor_activity(), store.pair_totals())
    if focus:
        graph = _focus(graph, focus)
    drawn, collapsed = collapse(graph)
    nodes = []
    for node, data in drawn.nodes(data=True):
        row = _node_row(node, data)
        if data["type"] == COMMUNITY:
            row.update(title=_tooltip(data), shape="hexagon", color="#c9ced4")
            row["size"] = min(row["size"], 60)
        nodes.append(row)
    heaviest = sorted(drawn.edges(data="weight"), key=lambda e: (-e[2], e[0], e[1]))
    edges = [
        {
            "from": a,
            "to": b,
            "value": w,
            "title": _e(f"{drawn.nodes[a]['name']} \u2013 {drawn.nodes[b]['name']}\n{w} events"),
            "color": OLD_EDGE,
            "new": False,
            "dashes": False,
        }
        for a, b, w in heaviest[:MAX_EDGES]
    ]
    notes = []
    if collapsed:
        notes.append(
            f"Showing the {MAX_ACTORS} most active of {len(graph):,} actors; the other "
            f"{collapsed:,} are collapsed into their communities (hexagons)."
        )
    if len(heaviest) > MAX_EDGES:
        notes.append(f"Showing the {MAX_EDGES:,} heaviest of {len(heaviest):,} links.")
    header = "".join(f'<p class="brokers cap">{_e(n)}</p>' for n in notes)
    names = [_e(b["name"]) for b in top_brokers(graph, 3)]
    if names:
        header += f'<p class="brokers">Top brokers (betweenness): {", ".join(names)}</p>'
    title = "Actor network \u2014 all weeks" + (f" \u2014 focus {focus}" if focus else "")
    return write_page(out, title, nodes, edges, header)
