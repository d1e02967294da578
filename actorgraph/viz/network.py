"""The interactive network page (pyvis / vis-network), one self-contained offline HTML file.

The node and edge lists are built here in one pass; the page is written from our own template
with the vis-network library that ships inside pyvis inlined, so nothing is fetched from the
internet (pyvis's own template always loads Bootstrap from a CDN). Every label and tooltip is
HTML-escaped here; the data is embedded as JSON with ``<``, ``>`` and ``&`` written as ``\\u``
escapes, so no text can close the ``<script>`` element. Escaped tooltips are shown through
``innerHTML`` (which decodes the entities back to text) and escaped labels are decoded to plain
text for the canvas.
"""

from __future__ import annotations

import importlib.util
import json
import math
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx

from actorgraph.core.errors import ConfigError
from actorgraph.core.kb.countries import country_name
from actorgraph.core.records import EventView
from actorgraph.viz.analytics import build_graph, top_brokers

TYPE_STYLE: dict[str, tuple[str, str]] = {
    "PERSON": ("#4e79a7", "dot"),
    "STATE": ("#e15759", "diamond"),
    "MILITARY": ("#59a14f", "triangle"),
    "EXERCISE": ("#f28e2b", "star"),
    "ORGANIZATION": ("#b07aa1", "square"),
}
OTHER_STYLE = ("#9c9c9c", "dot")
NEW_EDGE = "#d62728"
OLD_EDGE = "#9aa5b1"
VIS_VERSION = "vis-9.1.2"
OPTIONS: dict[str, Any] = {
    "interaction": {"hover": True, "tooltipDelay": 120},
    "physics": {"solver": "forceAtlas2Based", "stabilization": {"iterations": 200}},
    "edges": {"smooth": False, "scaling": {"min": 1, "max": 8}},
    "nodes": {"font": {"size": 14}},
}


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def script_json(data: object) -> str:
    """JSON that is safe inside an HTML ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False)
    for raw, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, esc)
    return text


def _vis_asset(name: str) -> str:
    """A file of the vis-network library inside pyvis, found without importing pyvis (its
    ``__init__`` imports IPython and jinja2: 0.2 s of start-up)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("pyvis is not installed: it ships the vis-network library")
    lib = Path(list(spec.submodule_search_locations)[0], "templates", "lib", VIS_VERSION, name)
    return lib.read_text(encoding="utf-8")


def _node_tooltip(data: dict[str, Any]) -> str:
    lines = [data["name"], f"{data['type']} \u00b7 {country_name(data['country']) or 'no country'}"]
    if data.get("title"):
        lines.append(data["title"])
    lines.append(f"{data['events']} event{'s' if data['events'] != 1 else ''}")
    return _e("\n".join(lines))


def _edge_tooltip(a: dict[str, Any], b: dict[str, Any], data: dict[str, Any], new: bool) -> str:
    lines = [
        f"{a['name']} \u2013 {b['name']}" + (" (NEW this week)" if new else ""),
        f"{data['weight']} event{'s' if data['weight'] != 1 else ''}: {', '.join(data['types'])}",
        f"Dates: {', '.join(data['dates']) or 'undated'}",
        f"Sources: {len(data['sources'])} article{'s' if len(data['sources']) != 1 else ''}",
    ]
    return _e("\n".join(lines))


def _brokers(graph: nx.Graph) -> str:
    names = [_e(b["name"]) for b in top_brokers(graph, 3)]
    return f'<p class="brokers">Top brokers (betweenness): {", ".join(names)}</p>' if names else ""


def _node_row(node: str, data: dict[str, Any]) -> dict[str, Any]:
    color, shape = TYPE_STYLE.get(data["type"], OTHER_STYLE)
    return {
        "id": node,
        "label": _e(data["name"]),
        "title": _node_tooltip(data),
        "color": color,
        "shape": shape,
        "size": round(10 + 8 * math.sqrt(data["events"]), 1),
        "actor_type": data["type"],
    }


def _network(
    graph: nx.Graph, new_pairs: set[frozenset[str]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The vis-network node and edge lists, each built once (pyvis's ``add_edge`` scans every
    edge on each call)."""
    nodes = [_node_row(node, data) for node, data in graph.nodes(data=True)]
    edges = []
    for a, b, data in graph.edges(data=True):
        new = frozenset((a, b)) in new_pairs
        edges.append(
            {
                "from": a,
                "to": b,
                "value": data["weight"],
                "title": _edge_tooltip(graph.nodes[a], graph.nodes[b], data, new),
                "color": NEW_EDGE if new else OLD_EDGE,
                "new": new,
                "dashes": False,
            }
        )
    return nodes, edges


def _legend() -> str:
    items = [
        f'<li><span class="sw" style="background:{c}"></span>{t.title()} ({s})</li>'
        for t, (c, s) in TYPE_STYLE.items()
    ]
    items.append(
        f'<li><span class="ln" style="background:{NEW_EDGE}"></span>new pair this week</li>'
    )
    items.append(
        f'<li><span class="ln" style="background:{OLD_EDGE}"></span>earlier or continuing pair</li>'
    )
    return (
        '<ul class="legend">'
        + "".join(items)
        + "<li>Node size: number of events. Edge width: events between the pair.</li></ul>"
    )


PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>{vis_css}</style>
<style>
body{{font:14px system-ui,sans-serif;margin:0;color:#1d2329}}
header{{padding:.6rem 1rem;border-bottom:1px solid #d7dde3}}h1{{font-size:1.2rem;margin:0}}
#network{{width:100%;height:780px}}.legend{{list-style:none;margin:.3rem 0 0;padding:0}}
.legend li{{display:inline-block;margin-right:1rem}}
.sw{{display:inline-block;width:.8rem;height:.8rem;border-radius:50%;margin-right:.3rem}}
.ln{{display:inline-block;width:1.4rem;height:.25rem;margin:0 .3rem .2rem 0}}
.tip{{white-space:pre-line;max-width:28rem}}.empty{{padding:1rem}}
.brokers{{margin:.3rem 0 0;color:#5b6670}}
</style>
<script>{vis_js}</script>
</head><body>
<header><h1>{title}</h1>{legend}{brokers}</header>
{body}
<script>
(function () {{
  var nodes = {nodes};
  var edges = {edges};
  var options = {options};
  function text(escaped) {{
    var area = document.createElement("textarea");
    area.innerHTML = escaped;
    return area.value;
  }}
  function tip(escaped) {{
    var box = document.createElement("div");
    box.className = "tip";
    box.innerHTML = escaped;
    return box;
  }}
  nodes.forEach(function (n) {{ n.label = text(n.label); n.title = tip(n.title); }});
  edges.forEach(function (e) {{ e.title = tip(e.title); if (e["new"]) {{ e.width = 4; }} }});
  var box = document.getElementById("network");
  if (box) {{
    new vis.Network(box, {{nodes: new vis.DataSet(nodes), edges: new vis.DataSet(edges)}},
                    options);
  }}
}})();
</script>
</body></html>
"""


def write_network(
    events: list[EventView],
    out: Path,
    new_pairs: set[frozenset[str]] | frozenset[frozenset[str]] = frozenset(),
    title: str = "",
) -> Path:
    """Write the network of ``events`` to ``out`` (HTML) and return its path.

    Actors are coloured and shaped by type, sized by their number of events; edges are weighted
    by event count, with types, dates and source counts in the tooltip; pairs in ``new_pairs``
    (frozensets of two actor ids) are drawn in red and thicker.
    """
    out = Path(out)
    if out.suffix.lower() not in (".html", ".htm"):
        raise ConfigError(f"network output {str(out)!r} must be an .html file")
    graph = build_graph(events)
    nodes, edges = _network(graph, set(new_pairs))
    return write_page(out, title, nodes, edges, _brokers(graph))


def write_page(
    out: Path,
    title: str,
    nodes: list[dict[str, Any]],
    edges: list[dict[str, Any]],
    header: str = "",
) -> Path:
    """Write one network page (``header``: extra HTML, already escaped, under the legend)."""
    out = Path(out)
    if out.suffix.lower() not in (".html", ".htm"):
        raise ConfigError(f"network output {str(out)!r} must be an .html file")
    body = (
        '<div id="network"></div>'
        if nodes
        else '<p class="empty">No events to show for this selection.</p>'
    )
    page = PAGE.format(
        title=_e(title or "actorgraph network"),
        vis_css=_vis_asset("vis-network.css"),
        vis_js=_vis_asset("vis-network.min.js"),
        legend=_legend(),
        brokers=header,
        body=body,
        nodes=script_json(nodes),
        edges=script_json(edges),
        options=script_json(OPTIONS),
    )
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot write network view {str(out)!r}: {exc.strerror}") from exc
    return out
