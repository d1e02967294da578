"""The network view (pyvis/vis-network page) and the networkx analytics, on hand-built records."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import networkx as nx
import pytest
import report_fixture as fx

from actorgraph.core.errors import ConfigError
from actorgraph.core.records import Actor, EventView, SourceRef
from actorgraph.viz import build_graph, centrality, communities, top_brokers, write_network
from actorgraph.viz.analytics import BETWEENNESS_SAMPLE, EXACT_BETWEENNESS_UP_TO, betweenness
from actorgraph.viz.overview import analysis_graph

XSS = "</script><script>alert(1)</script>"


def page_data(page: str, name: str) -> list[dict]:
    """The JSON array assigned to ``var name`` in the page's script."""
    match = re.search(rf"var {name} = (\[.*?\]);\n", page)
    assert match, name
    return json.loads(match.group(1))


def test_network_page_is_self_contained_with_styles_and_new_pairs(tmp_path: Path):
    events = fx.actual_until("2026-06-01")
    out = write_network(
        events,
        tmp_path / "sub" / "net.html",
        new_pairs={frozenset(("p-bat", "p-lav"))},
        title="W22 <MNG>",
    )
    page = out.read_text(encoding="utf-8")
    assert out == tmp_path / "sub" / "net.html"
    assert "<title>W22 &lt;MNG&gt;</title>" in page
    # offline: the vis-network library is inline, nothing is loaded from the network
    assert "vis.Network" in page and "new vis.DataSet" in page
    assert not re.search(r"<(?:script|link|img)[^>]*(?:src|href)=", page)
    nodes = {n["id"]: n for n in page_data(page, "nodes")}
    edges = {frozenset((e["from"], e["to"])): e for e in page_data(page, "edges")}
    assert nodes["p-bat"]["color"] != nodes["m-maf"]["color"]  # coloured by type
    assert nodes["p-bat"]["size"] > nodes["p-lav"]["size"]  # sized by activity
    evs = edges[frozenset(("p-bat", "p-evs"))]
    assert evs["value"] == 2 and not evs["new"]
    assert "2026-05-20, 2026-05-27" in evs["title"] and "MEET" in evs["title"]
    lav = edges[frozenset(("p-bat", "p-lav"))]
    assert lav["new"] and lav["color"] != evs["color"] and "NEW this week" in lav["title"]
    assert "new pair this week" in page  # legend


def test_hostile_names_cannot_break_out_of_the_script(tmp_path: Path):
    evil = Actor("evil", XSS + '"onmouseover=alert(2)', "PERSON", "RUS", "<img src=x onerror=1>")
    view = EventView(
        "e1",
        "MEET",
        "actual",
        "2026-05-27",
        None,
        [(fx.BAT, "actor"), (evil, "recipient")],
        [SourceRef("https://x.example/a", "t", "o", None)],
    )
    page = write_network([view], tmp_path / "n.html", title=XSS).read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "</script><script>" not in page
    assert "<img src=x" not in page
    node = next(n for n in page_data(page, "nodes") if n["id"] == "evil")
    # labels and tooltips are HTML-escaped; the page decodes them to text for display
    assert node["label"] == (
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&quot;onmouseover=alert(2)"
    )
    assert "&lt;img src=x onerror=1&gt;" in node["title"]
    # and in the file the JSON has no raw < > & at all
    raw = re.search(r"var nodes = (\[.*?\]);\n", page).group(1)
    assert not set("<>&") & set(raw)
    assert page.lower().count("</script") == 2  # only our two script elements ever close


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_page_script_is_valid_javascript(tmp_path: Path):
    page = write_network(fx.actual_until("2026-06-01"), tmp_path / "n.html").read_text("utf-8")
    script = page.rsplit("<script>", 1)[1].split("</script>", 1)[0]
    js = tmp_path / "page.js"
    js.write_text(script, encoding="utf-8")
    done = subprocess.run(["node", "--check", str(js)], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr


def test_empty_selection_and_bad_output(tmp_path: Path):
    page = write_network([], tmp_path / "empty.html").read_text(encoding="utf-8")
    assert "No events to show" in page and page_data(page, "nodes") == []
    with pytest.raises(ConfigError, match="net.png"):
        write_network([], tmp_path / "net.png")


def test_build_graph_weights_and_activity():
    g = build_graph(fx.actual_until("2026-06-01"))
    assert g.nodes["p-bat"]["events"] == 5
    assert g.nodes["s-rus"]["country"] == "RUS"  # a STATE is its own country
    assert g.edges["p-bat", "p-evs"]["weight"] == 2
    assert len(g.edges["p-bat", "p-evs"]["sources"]) == 3
    # an exercise links every pair of co-participants
    assert g.has_edge("m-maf", "m-pla") and g.has_edge("m-maf", "x-sp26")


def test_analytics_on_a_small_graph():
    # two triangles joined through a single broker: a1-a2-a3, b1-b2-b3, a3-x-b1
    def actor(i: str) -> Actor:
        return Actor(i, i.upper(), "PERSON", "MNG")

    links = [
        ("a1", "a2"),
        ("a2", "a3"),
        ("a1", "a3"),
        ("b1", "b2"),
        ("b2", "b3"),
        ("b1", "b3"),
        ("a3", "x"),
        ("x", "b1"),
    ]
    events = [
        EventView(
            f"e{n}",
            "MEET",
            "actual",
            "2026-05-27",
            None,
            [(actor(a), "actor"), (actor(b), "recipient")],
            [],
        )
        for n, (a, b) in enumerate(links)
    ]
    events.append(replace(events[0], id="again"))  # a second a1-a2 meeting
    g = build_graph(events)
    assert isinstance(g, nx.Graph) and g.edges["a1", "a2"]["weight"] == 2
    scores = centrality(g)
    assert max(scores, key=lambda n: scores[n]["betweenness"]) == "x"
    assert scores["a3"]["degree"] == pytest.approx(3 / 6)
    groups = communities(g)
    assert {"a1", "a2"} <= groups[0] | groups[1] and not {"a1", "b2"} <= groups[0]
    assert any({"a1", "a2", "a3"} <= c for c in groups)
    assert any({"b1", "b2", "b3"} <= c for c in groups)
    brokers = top_brokers(g, 3)
    assert [b["id"] for b in brokers] == ["x", "a3", "b1"]  # a3/b1 tie, ordered by name
    assert brokers[0]["name"] == "X" and brokers[0]["betweenness"] > brokers[-1]["betweenness"]


def test_sampled_betweenness_is_networkx_s() -> None:
    """Above EXACT_BETWEENNESS_UP_TO actors the array Brandes gives networkx's sampled values
    (same sources, same normalisation), isolated actors and separate parts included."""
    g = nx.relabel_nodes(nx.barabasi_albert_graph(900, 2, seed=4), lambda n: f"a{n}")
    g.add_edges_from([("p1", "p2"), ("p2", "p3")])
    g.add_node("alone")
    assert len(g) > EXACT_BETWEENNESS_UP_TO
    ours = betweenness(g)
    theirs = nx.betweenness_centrality(g, k=BETWEENNESS_SAMPLE, seed=0)
    assert set(ours) == set(theirs)
    assert max(abs(ours[n] - theirs[n]) for n in g) < 1e-12
    assert max(theirs.values()) > 0.01 and ours["alone"] == 0.0


def test_whole_graph_analysis_does_not_depend_on_the_engine_s_row_order() -> None:
    actors = [Actor(f"p{i}", f"P {i}", "PERSON", "MNG", None, []) for i in range(6)]
    activity = [(a, i + 1) for i, a in enumerate(actors)]
    pairs = [("p0", "p1", 3), ("p1", "p2", 1), ("p3", "p4", 2), ("p4", "p5", 5)]
    one = analysis_graph(activity, pairs)
    two = analysis_graph(list(reversed(activity)), list(reversed(pairs)))
    assert list(one) == list(two) == sorted(one)
    assert one.edges["p4", "p5"]["weight"] == 5
