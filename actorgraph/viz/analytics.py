"""Network analytics on the actor graph (networkx): centrality, communities, brokers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx
from networkx.algorithms.community import greedy_modularity_communities

from actorgraph.core.records import EventView, relation_pairs
from actorgraph.report.diff import actor_country


def build_graph(events: Iterable[EventView]) -> nx.Graph:
    """Actors as nodes (``name``, ``type``, ``country`` (a STATE's own code when unset),
    ``title``, ``events``: activity count); one edge per interacting pair (``weight``: event
    count, ``types``, ``dates``, ``events``, ``sources``: article URLs). Pairs follow
    :func:`relation_pairs`."""
    graph = nx.Graph()
    for event in events:
        for actor, _ in event.participants:
            if actor.id not in graph:
                graph.add_node(
                    actor.id,
                    name=actor.name,
                    type=actor.type,
                    country=actor_country(actor),
                    title=actor.title,
                    events=0,
                )
        for actor_id in {a.id for a, _ in event.participants}:
            graph.nodes[actor_id]["events"] += 1
        urls = [s.url for s in event.sources]
        for a, b in relation_pairs([(a.id, role) for a, role in event.participants]):
            if not graph.has_edge(a, b):
                graph.add_edge(a, b, weight=0, types=[], dates=[], events=[], sources=[])
            data = graph.edges[a, b]
            if event.id in data["events"]:
                continue
            data["weight"] += 1
            data["events"].append(event.id)
            if event.type not in data["types"]:
                data["types"].append(event.type)
            if event.date and event.date not in data["dates"]:
                data["dates"].append(event.date)
            data["sources"].extend(u for u in urls if u not in data["sources"])
    for _, _, data in graph.edges(data=True):
        data["types"].sort()
        data["dates"].sort()
    return graph


# Exact betweenness is O(V*E): above this many actors it is estimated from a sample of
# BETWEENNESS_SAMPLE source nodes (networkx's ``k``, fixed seed so a page is reproducible).
EXACT_BETWEENNESS_UP_TO = 500
BETWEENNESS_SAMPLE = 100


def centrality(graph: nx.Graph) -> dict[str, dict[str, float]]:
    """Per actor id: ``degree`` and ``betweenness`` centrality (normalised, unweighted;
    betweenness sampled on graphs above :data:`EXACT_BETWEENNESS_UP_TO` actors)."""
    degree = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    if len(graph) > EXACT_BETWEENNESS_UP_TO:
        between = nx.betweenness_centrality(graph, k=BETWEENNESS_SAMPLE, seed=0)
    else:
        between = nx.betweenness_centrality(graph)
    return {n: {"degree": degree[n], "betweenness": between[n]} for n in graph}


def communities(graph: nx.Graph) -> list[set[str]]:
    """Communities by greedy modularity (weighted), largest first; isolated actors alone."""
    if graph.number_of_edges() == 0:
        return [{n} for n in sorted(graph)]
    found = greedy_modularity_communities(graph, weight="weight")
    return sorted((set(c) for c in found), key=lambda c: (-len(c), sorted(c)))


def top_brokers(graph: nx.Graph, n: int = 5) -> list[dict[str, Any]]:
    """The actors with the highest betweenness (those linking otherwise separate groups)."""
    scores = centrality(graph)
    ranked = sorted(
        (node for node in graph if scores[node]["betweenness"] > 0),
        key=lambda node: (-scores[node]["betweenness"], graph.nodes[node]["name"]),
    )
    return [
        {
            "id": node,
            "name": graph.nodes[node]["name"],
            "type": graph.nodes[node]["type"],
            "country": graph.nodes[node]["country"],
            **scores[node],
        }
        for node in ranked[:n]
    ]
