"""Loading, typing and choosing the engine form of saved queries."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.core.errors import QueryError
from actorgraph.queries import Param, get_query, load_queries
from actorgraph.queries.library import parse_file, raw_param

REQUIRED = {
    "new_interactions",
    "first_contacts",
    "lapsed_contacts",
    "actor_timeline",
    "ego_network",
    "who_met_whom",
    "exercise_participants",
    "exercise_coparticipation",
    "most_active_officials",
    "events_per_week",
    "interaction_sources",
    "shortest_path",
}


def test_library_has_every_required_query_for_both_engines() -> None:
    queries = {q.name: q for q in load_queries()}
    assert REQUIRED <= set(queries)
    for query in queries.values():
        assert query.description and query.engines == ("ladybug", "neo4j")
        assert query.text_for("ladybug") and query.text_for("neo4j")


def test_variants_only_where_dialects_differ() -> None:
    differ = {q.name for q in load_queries() if q.text_for("ladybug") != q.text_for("neo4j")}
    assert differ == {
        "ego_network",
        "events_per_week",
        "first_contacts",
        "lapsed_contacts",
        "new_interactions",
        "shortest_path",
    }
    assert "SHORTEST" in get_query("shortest_path").text_for("ladybug")
    assert "shortestPath(" in get_query("shortest_path").text_for("neo4j")


def test_header_and_params_parsed(tmp_path: Path) -> None:
    (tmp_path / "demo.cypher").write_text(
        "// name: demo\n// description: A demo.\n"
        "// params: who (str), n (int, 5), empty (str, '')\n// engines: neo4j\n"
        "MATCH (a:Actor) RETURN a LIMIT $n\n",
        encoding="utf-8",
    )
    header, text = parse_file(tmp_path / "demo.cypher")
    assert header["name"] == "demo" and text == "MATCH (a:Actor) RETURN a LIMIT $n"
    (query,) = load_queries(tmp_path)
    assert query.params == (Param("who", "str"), Param("n", "int", "5"), Param("empty", "str", ""))
    assert query.engines == ("neo4j",)
    assert query.bind({"who": "x"}) == {"who": "x", "n": 5, "empty": ""}
    with pytest.raises(QueryError, match="has no form for the ladybug store"):
        query.text_for("ladybug")
    assert str(query.params[1]) == "n (int, default 5)"


def test_binding_coerces_and_names_bad_input() -> None:
    query = get_query("lapsed_contacts")
    assert query.bind({"focus": "mng", "now": "2026-05-18", "weeks": "2"}) == {
        "focus": "MNG",
        "now": "2026-05-18",
        "weeks": 2,
    }
    with pytest.raises(QueryError, match="weeks='two' is not a valid int"):
        query.bind({"focus": "MNG", "now": "2026-05-18", "weeks": "two"})
    assert query.bind({"focus": "Mongolia", "now": "2026-05-18"})["focus"] == "MNG"
    with pytest.raises(QueryError, match="focus='XYZ' is not a valid country"):
        query.bind({"focus": "XYZ", "now": "2026-05-18"})
    with pytest.raises(QueryError, match="needs --param for: focus, now"):
        query.bind({})
    with pytest.raises(QueryError, match="has no parameter colour; it takes: focus"):
        query.bind({"focus": "MNG", "now": "2026-05-18", "colour": "red"})
    with pytest.raises(QueryError, match="not a valid year"):
        get_query("exercise_participants").bind({"year": "26"})


def test_unknown_query_lists_names() -> None:
    with pytest.raises(QueryError) as info:
        get_query("first_contact")
    assert "no saved query named 'first_contact'" in str(info.value)
    assert "first_contacts" in str(info.value) and "shortest_path" in str(info.value)


def test_raw_params() -> None:
    assert raw_param("12") == 12 and raw_param("-3") == -3
    assert raw_param("2026-05-18") == "2026-05-18" and raw_param("MNG") == "MNG"


def test_bounds_come_from_the_header() -> None:
    query = get_query("ego_network")
    assert str(query.params[1]) == "depth (int, default 2, 1..3)"
    assert query.bind({"actor": "x", "depth": "3"})["depth"] == 3
    with pytest.raises(QueryError, match=r"depth=9 is out of range: 1\.\.3"):
        query.bind({"actor": "x", "depth": "9"})
    with pytest.raises(QueryError, match=r"depth=0 is out of range"):
        query.bind({"actor": "x", "depth": "0"})


def test_raw_cypher_names_missing_parameters_as_written() -> None:
    from actorgraph.queries.library import missing_raw_params

    text = "MATCH (a:Actor) WHERE a.name <> '$not' RETURN a.name LIMIT $k"
    assert missing_raw_params(text, {}) == ["k"]
    assert missing_raw_params(text, {"k": "5"}) == []
