"""Network analytics on the actor graph (networkx): centrality, communities, brokers."""

from __future__ import annotations

import random
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
    between = betweenness(graph)
    return {n: {"degree": degree[n], "betweenness": between[n]} for n in graph}


def betweenness(graph: nx.Graph) -> dict[str, float]:
    """``nx.betweenness_centrality(graph)`` (normalised, unweighted); above
    :data:`EXACT_BETWEENNESS_UP_TO` actors sampled from :data:`BETWEENNESS_SAMPLE` sources
    (``k``, ``seed=0``: the sources networkx draws), with Brandes' algorithm run for all of
    them at once on arrays, level by level: networkx's sums in another order, ~10x faster."""
    if len(graph) <= EXACT_BETWEENNESS_UP_TO:
        return dict(nx.betweenness_centrality(graph))
    import numpy as np  # here: the week view's small graphs need no numpy at start-up

    nodes = list(graph)
    sources = random.Random(0).sample(nodes, BETWEENNESS_SAMPLE)
    index = {node: i for i, node in enumerate(nodes)}
    pairs = [(index[a], index[b]) for a, b in graph.edges() if a != b]
    src = np.array([a for a, b in pairs] + [b for a, b in pairs], dtype=np.int64)
    dst = np.array([b for a, b in pairs] + [a for a, b in pairs], dtype=np.int64)
    total = _brandes(len(nodes), src, dst, [index[s] for s in sources])
    scale_source, scale_other = _scale(len(nodes), len(sources))
    chosen = {index[s] for s in sources}
    return {
        node: float(total[i]) * (scale_source if i in chosen else scale_other)
        for i, node in enumerate(nodes)
    }


def _brandes(n: int, src: Any, dst: Any, sources: list[int]) -> Any:
    """Summed dependencies of every node on shortest paths from ``sources`` (one column each;
    ``src``/``dst``: both directions of every edge, as numpy arrays)."""
    import numpy as np

    order = np.argsort(dst, kind="stable")
    src, dst = src[order], dst[order]
    targets, starts = np.unique(dst, return_index=True)

    def spread(values: Any) -> Any:  # out[v] = sum of values[u] over edges u-v
        out = np.zeros_like(values)
        if len(src):
            out[targets] = np.add.reduceat(values[src], starts, axis=0)
        return out

    cols = np.arange(len(sources))
    dist = np.full((n, len(sources)), -1, dtype=np.int64)
    sigma = np.zeros((n, len(sources)))
    dist[sources, cols] = 0
    sigma[sources, cols] = 1.0
    level = 0
    while True:
        reached = spread(np.where(dist == level, sigma, 0.0))
        new = (dist < 0) & (reached > 0)
        if not new.any():
            break
        level += 1
        dist[new] = level
        sigma[new] = reached[new]
    delta = np.zeros_like(sigma)
    for depth in range(level, 0, -1):
        safe = np.where(sigma > 0, sigma, 1.0)
        coeff = np.where(dist == depth, (1.0 + delta) / safe, 0.0)
        delta += np.where(dist == depth - 1, sigma * spread(coeff), 0.0)
    delta[sources, cols] = 0.0
    return delta.sum(axis=1)


def _scale(n: int, k: int) -> tuple[float, float]:
    """networkx's normalisation of a sampled betweenness (``_rescale``, endpoints excluded):
    for the source nodes and for the others."""
    source = 1 / ((k - 1) * (n - 2)) if k > 1 else float("nan")
    return source, 1 / (k * (n - 2))


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
