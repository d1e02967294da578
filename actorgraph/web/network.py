"""The network explorer's data: actors and interacting pairs of a period, with a seeded layout
(the same graph always gets the same positions) and labels pushed apart so none overlap."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import networkx as nx

from actorgraph.core.records import EventView, relation_pairs
from actorgraph.report.diff import actor_country

TYPE_COLORS: dict[str, str] = {
    "PERSON": "#4e79a7",
    "STATE": "#e15759",
    "MILITARY": "#59a14f",
    "EXERCISE": "#f28e2b",
    "ORGANIZATION": "#b07aa1",
}
OTHER_COLOR = "#9c9c9c"
NEW_COLOR = "#d62728"
OLD_EDGE = "#9aa5b1"
SEED = 7
MAX_NODES = 150  # actors of a period's graph (the most active; more is unreadable and slow)
CHAR_WIDTH = 8.0  # px per label character at 13 px, with a margin
LABEL_HEIGHT = 26.0
MAX_EVIDENCE = 5
MAX_NEIGHBOURS = 60  # neighbours an expansion adds (the strongest)


def label_box(node: dict[str, Any]) -> tuple[float, float, float, float]:
    """``(left, top, right, bottom)`` of a node's dot and the label vis-network draws under it."""
    size = float(node.get("size", 10))
    width = max(CHAR_WIDTH * len(node["label"]), 2 * size)
    x, y = node["x"], node["y"]
    return (x - width / 2, y - size, x + width / 2, y + size + 4 + LABEL_HEIGHT)


def overlaps(a: tuple[float, ...], b: tuple[float, ...], pad: float = 2.0) -> bool:
    return a[0] < b[2] + pad and b[0] < a[2] + pad and a[1] < b[3] + pad and b[1] < a[3] + pad


def spread_labels(nodes: list[dict[str, Any]], rounds: int = 300) -> None:
    """Move nodes apart until no two label boxes overlap (deterministic)."""
    for _ in range(rounds):
        moved = False
        boxes = [label_box(n) for n in nodes]
        order = sorted(range(len(nodes)), key=lambda i: boxes[i][0])
        for pos, i in enumerate(order):
            for j in order[pos + 1 :]:
                if boxes[j][0] > boxes[i][2] + 2:
                    break
                if not overlaps(boxes[i], boxes[j]):
                    continue
                a, b = nodes[i], nodes[j]
                dy = (
                    (boxes[i][3] - boxes[j][1]) if a["y"] <= b["y"] else (boxes[j][3] - boxes[i][1])
                )
                dx = (
                    (boxes[i][2] - boxes[j][0]) if a["x"] <= b["x"] else (boxes[j][2] - boxes[i][0])
                )
                if dy <= dx:  # the shorter way apart, half each
                    step = dy / 2 + 2
                    sign = -1 if a["y"] <= b["y"] else 1
                    a["y"] += sign * step
                    b["y"] -= sign * step
                else:
                    step = dx / 2 + 2
                    sign = -1 if a["x"] <= b["x"] else 1
                    a["x"] += sign * step
                    b["x"] -= sign * step
                boxes[i], boxes[j] = label_box(a), label_box(b)
                moved = True
        if not moved:
            return


def build(
    events: Iterable[EventView],
    *,
    old_pairs: set[frozenset[str]] | None = None,
    types: Sequence[str] = (),
    countries: Sequence[str] = (),
    event_types: Sequence[str] = (),
    around: str | None = None,
    max_neighbours: int = MAX_NEIGHBOURS,
    weights: dict[frozenset[str], int] | None = None,
) -> dict[str, Any]:
    """``{"nodes", "edges", "truncated"}`` for the explorer. An edge is ``new`` when its pair is
    not in ``old_pairs`` (pairs that interacted before the period); filters keep events of
    ``event_types`` and actors of ``types`` / ``countries`` (empty: all). With ``around`` (an
    expansion), only that actor and its ``max_neighbours`` strongest neighbours, unplaced: the
    explorer puts them around the node that was expanded. ``weights`` (per pair) replace the
    number of events given, when the events are a sample of the pair's (the latest few)."""
    graph = nx.Graph()
    for event in events:
        if event_types and event.type not in event_types:
            continue
        kept = [
            (a, role)
            for a, role in event.participants
            if (not types or a.type in types) and (not countries or actor_country(a) in countries)
        ]
        for actor, _ in kept:
            if actor.id not in graph:
                graph.add_node(actor.id, actor=actor, events=set())
            graph.nodes[actor.id]["events"].add(event.id)
        for a, b in relation_pairs([(a.id, role) for a, role in kept]):
            if not graph.has_edge(a, b):
                graph.add_edge(a, b, events={})
            graph.edges[a, b]["events"][event.id] = event

    def weight(a: str, b: str) -> int:
        held = (weights or {}).get(frozenset((a, b)))
        return held if held is not None else len(graph.edges[a, b]["events"])

    for a, b in graph.edges():
        graph.edges[a, b]["weight"] = weight(a, b)
    if around is not None and around in graph:
        near = sorted(graph[around], key=lambda n: (-graph.edges[around, n]["weight"], n))
        keep = [around, *near[:max_neighbours]]
        truncated = len(near) > max_neighbours
        graph = graph.subgraph(keep).copy()
        zero = {n: (0.0, 0.0) for n in graph}
        nodes = [_node(n, graph.nodes[n], zero[n]) for n in sorted(graph)]
        edges = [_edge(a, b, d, None) for a, b, d in sorted(graph.edges(data=True), key=_pair)]
        return {"nodes": nodes, "edges": edges, "truncated": truncated}
    total = graph.number_of_nodes()
    truncated = total > MAX_NODES
    if truncated:
        keep = sorted(graph, key=lambda n: (-len(graph.nodes[n]["events"]), n))[:MAX_NODES]
        graph = graph.subgraph(keep).copy()
    positions = layout(graph)
    nodes = [_node(n, graph.nodes[n], positions[n]) for n in sorted(graph)]
    spread_labels(nodes)
    edges = [
        _edge(a, b, data, old_pairs) for a, b, data in sorted(graph.edges(data=True), key=_pair)
    ]
    return {"nodes": nodes, "edges": edges, "truncated": truncated, "actors": total}


def mark_new(data: dict[str, Any], old_pairs: set[frozenset[str]]) -> None:
    """Mark the edges of ``data`` whose pair is not in ``old_pairs`` as new (and colour them)."""
    for edge in data["edges"]:
        edge["new"] = frozenset((edge["from"], edge["to"])) not in old_pairs
        edge["color"] = NEW_COLOR if edge["new"] else OLD_EDGE


def _pair(edge: tuple[str, str, Any]) -> tuple[str, str]:
    return tuple(sorted(edge[:2]))  # type: ignore[return-value]


def layout(graph: nx.Graph) -> dict[str, tuple[float, float]]:
    """Seeded spring layout scaled to the number of nodes (same graph, same picture)."""
    if not graph:
        return {}
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph))
    ordered.add_edges_from(sorted(_pair((a, b, None)) for a, b in graph.edges()))
    # at least as large as the labels' area, so few need pushing apart
    area = sum(
        (max(CHAR_WIDTH * len(graph.nodes[n]["actor"].name), 20.0) + 8.0) * (LABEL_HEIGHT + 30.0)
        for n in graph
    )
    scale = max(55.0 * math.sqrt(len(ordered)) + 40.0, math.sqrt(area))
    raw = nx.spring_layout(ordered, seed=SEED, k=1.6 / math.sqrt(len(ordered)), iterations=60)
    return {
        n: (round(float(x) * scale, 1), round(float(y) * scale, 1)) for n, (x, y) in raw.items()
    }


def _node(node_id: str, data: dict[str, Any], pos: tuple[float, float]) -> dict[str, Any]:
    actor = data["actor"]
    count = len(data["events"])
    return {
        "id": node_id,
        "label": actor.name,
        "type": actor.type,
        "country": actor_country(actor) or "",
        "title": actor.title or "",
        "events": count,
        "color": TYPE_COLORS.get(actor.type, OTHER_COLOR),
        "size": round(8 + 4 * math.sqrt(count), 1),
        "x": pos[0],
        "y": pos[1],
    }


def _edge(
    a: str, b: str, data: dict[str, Any], old_pairs: set[frozenset[str]] | None
) -> dict[str, Any]:
    events = sorted(data["events"].values(), key=lambda e: (e.date or "", e.id))
    new = old_pairs is not None and frozenset((a, b)) not in old_pairs
    evidence = []
    for event in events[:MAX_EVIDENCE]:
        source = event.sources[0] if event.sources else None
        evidence.append(
            {
                "event": event.id,
                "type": event.type,
                "date": event.date or "",
                "sentence": (source.sentence.strip() if source else ""),
                "article": source.article if source else "",
                "url": source.url if source else "",
                "title": source.title if source else "",
            }
        )
    a, b = sorted((a, b))
    return {
        "id": f"{a}|{b}",
        "from": a,
        "to": b,
        "weight": data.get("weight", len(events)),
        "types": sorted({e.type for e in events}),
        "dates": sorted({e.date for e in events if e.date}),
        "new": new,
        "color": NEW_COLOR if new else OLD_EDGE,
        "evidence": evidence,
    }


def pairs_of(events: Iterable[EventView]) -> set[frozenset[str]]:
    """Every interacting pair of ``events``."""
    out: set[frozenset[str]] = set()
    for event in events:
        out.update(frozenset(p) for p in relation_pairs([(a.id, r) for a, r in event.participants]))
    return out
