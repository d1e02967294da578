"""Each saved query on the fixture graph, on every backend (Neo4j when NEO4J_URI is set).
Expected answers are worked out by hand from tests/graph_fixture_data.py."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from graph_fixture_data import A3, A4, BACKENDS, DOCS, E3, E5, open_backend

from actorgraph.core.errors import QueryError, ResolutionError
from actorgraph.graph.base import GraphStore
from actorgraph.queries import load_queries, run_query


@pytest.fixture(scope="module", params=BACKENDS)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    s = open_backend(request.param, tmp_path_factory.mktemp("saved"))
    s.write(DOCS)
    yield s
    s.close()


def pick(rows: list[dict], *keys: str) -> list[tuple]:
    return [tuple(r[k] for k in keys) for r in rows]


def test_every_saved_query_is_tested() -> None:
    tested = {name[len("test_") :] for name in globals() if name.startswith("test_")}
    assert {q.name for q in load_queries()} <= tested


def test_new_interactions(store: GraphStore) -> None:
    rows = run_query(
        store,
        "new_interactions",
        {"a": "MNG", "b": "rus", "since": "2026-05-11", "until": "2026-05-25"},
    )
    assert pick(rows, "date", "type", "actor", "counterpart", "first_contact") == [
        ("2026-05-13", "AGREE", "Mongolia", "Russia", True),
        ("2026-05-19", "MEET", "Batmunkh Battsetseg", "Alexei Evsikov", False),
    ]
    assert rows[1]["event"] == E5.id


def test_first_contacts(store: GraphStore) -> None:
    rows = run_query(
        store, "first_contacts", {"focus": "MNG", "since": "2026-05-11", "until": "2026-05-18"}
    )
    assert pick(rows, "actor", "counterpart", "country", "first_date", "events") == [
        ("Batmunkh Battsetseg", "Ronald Clark", "USA", "2026-05-12", 1),
        ("Mongolia", "Russia", "RUS", "2026-05-13", 1),
    ]


def test_lapsed_contacts(store: GraphStore) -> None:
    rows = run_query(store, "lapsed_contacts", {"focus": "MNG", "now": "2026-05-18"})
    assert pick(rows, "counterpart", "last_date") == [
        ("Dong Jun", "2026-05-06"),
        ("Ronald Clark", "2026-05-12"),
        ("Russia", "2026-05-13"),
    ]
    # One week back only: the 6 May meeting is outside the window.
    rows = run_query(store, "lapsed_contacts", {"focus": "MNG", "now": "2026-05-18", "weeks": "1"})
    assert pick(rows, "counterpart") == [("Ronald Clark",), ("Russia",)]


def test_actor_timeline(store: GraphStore) -> None:
    rows = run_query(store, "actor_timeline", {"actor": "B. Battsetseg"})  # by alias
    assert [(r["date"], r["type"], r["role"], sorted(r["others"]), r["sources"]) for r in rows] == [
        ("2026-05-05", "MEET", "actor", ["Alexei Evsikov"], 1),
        ("2026-05-06", "MEET", "actor", ["Dong Jun"], 1),
        ("2026-05-12", "MEET", "actor", ["Ronald Clark"], 2),
        ("2026-05-19", "MEET", "actor", ["Alexei Evsikov"], 1),
    ]
    negated = run_query(store, "actor_timeline", {"actor": "p-bat", "status": "negated"})
    assert pick(negated, "date", "others") == [("2026-05-05", ["Dong Jun"])]
    window = {"actor": "p-bat", "since": "2026-05-06", "until": "2026-05-19"}
    assert pick(run_query(store, "actor_timeline", window), "date") == [
        ("2026-05-06",),
        ("2026-05-12",),
    ]  # [since, until): the 5 May and 19 May meetings are outside


def test_ego_network(store: GraphStore) -> None:
    one = run_query(store, "ego_network", {"actor": "Batmunkh Battsetseg", "depth": "1"})
    assert pick(one, "actor", "distance") == [
        ("Alexei Evsikov", 1),
        ("Dong Jun", 1),
        ("Ronald Clark", 1),
    ]
    three = run_query(store, "ego_network", {"actor": "p-bat", "depth": "3"})
    assert pick(three, "actor", "distance")[3:] == [
        ("US Army Pacific", 2),
        ("Japan Ground Self-Defense Force", 3),
        ("Khaan Quest 2024", 3),
        ("Khaan Quest 2026", 3),
        ("Mongolian Armed Forces", 3),
    ]


def test_who_met_whom(store: GraphStore) -> None:
    rows = run_query(store, "who_met_whom", {"a": "MNG", "b": "RUS"})
    assert pick(rows, "date", "actor", "counterpart", "place") == [
        ("2026-05-05", "Batmunkh Battsetseg", "Alexei Evsikov", "Ulaanbaatar"),
        ("2026-05-19", "Batmunkh Battsetseg", "Alexei Evsikov", None),
    ]
    china = run_query(store, "who_met_whom", {"a": "MNG", "b": "CHN"})
    assert pick(china, "date", "place") == [("2026-05-06", "Beijing")]  # not the negated one


def test_exercise_participants(store: GraphStore) -> None:
    rows = run_query(store, "exercise_participants", {"year": "2026"})
    assert pick(rows, "exercise", "participant", "country") == [
        ("Khaan Quest 2026", "Japan Ground Self-Defense Force", "JPN"),
        ("Khaan Quest 2026", "Mongolian Armed Forces", "MNG"),
        ("Khaan Quest 2026", "US Army Pacific", "USA"),
    ]
    older = run_query(store, "exercise_participants", {"year": "2024"})
    assert pick(older, "participant") == [("Mongolian Armed Forces",), ("US Army Pacific",)]


def test_exercise_series(store: GraphStore) -> None:
    rows = run_query(store, "exercise_series", {})
    assert pick(rows, "series", "edition") == [
        ("Khaan Quest", "Khaan Quest 2024"),
        ("Khaan Quest", "Khaan Quest 2026"),
    ]
    assert sorted(rows[0]["participants"]) == ["Mongolian Armed Forces", "US Army Pacific"]
    assert len(rows[1]["participants"]) == 3
    assert run_query(store, "exercise_series", {"series": "khaan quest"}) == rows
    assert run_query(store, "exercise_series", {"series": "Steppe Partner"}) == []


def test_exercise_coparticipation(store: GraphStore) -> None:
    rows = run_query(store, "exercise_coparticipation", {})
    got = [
        (frozenset((r["actor"], r["partner"])), r["exercises"], sorted(r["names"])) for r in rows
    ]
    assert got[0] == (
        frozenset({"Mongolian Armed Forces", "US Army Pacific"}),
        2,
        ["Khaan Quest 2024", "Khaan Quest 2026"],
    )
    assert sorted(tuple(sorted(pair)) for pair, n, _ in got[1:] if n == 1) == [
        ("Japan Ground Self-Defense Force", "Mongolian Armed Forces"),
        ("Japan Ground Self-Defense Force", "US Army Pacific"),
    ]
    since_2025 = run_query(store, "exercise_coparticipation", {"since": "2025-01-01"})
    assert {r["exercises"] for r in since_2025} == {1} and len(since_2025) == 3


def test_most_active_officials(store: GraphStore) -> None:
    rows = run_query(store, "most_active_officials", {"limit": "2"})
    assert pick(rows, "official", "events") == [("Batmunkh Battsetseg", 4), ("Alexei Evsikov", 2)]
    usa = run_query(store, "most_active_officials", {"country": "USA"})
    assert pick(usa, "official", "events") == [("Ronald Clark", 2)]


def test_events_per_week(store: GraphStore) -> None:
    rows = run_query(store, "events_per_week", {"since": "2026-01-01"})
    assert pick(rows, "week", "type", "events") == [
        ("2026-05-04", "MEET", 2),
        ("2026-05-11", "AGREE", 1),
        ("2026-05-11", "MEET", 1),
        ("2026-05-18", "MEET", 1),
        ("2026-06-15", "PARTICIPATE", 1),
        ("2026-06-15", "VISIT", 1),
    ]


def test_interaction_sources(store: GraphStore) -> None:
    rows = run_query(store, "interaction_sources", {"a": "Ronald Clark", "b": "B. Battsetseg"})
    assert pick(rows, "date", "url", "outlet") == [
        ("2026-05-12", A3.url, "montsame"),
        ("2026-05-12", A4.url, "ubpost"),
    ]
    assert rows[0]["sentence"] == E3.sentence and rows[0]["end"] == len(E3.sentence)
    assert (
        run_query(
            store, "interaction_sources", {"a": "Ronald Clark", "b": "p-bat", "type": "AGREE"}
        )
        == []
    )


def test_shortest_path(store: GraphStore) -> None:
    rows = run_query(store, "shortest_path", {"a": "Batmunkh Battsetseg", "b": "m-maf"})
    assert rows == [
        {
            "steps": 3,
            "actors": [
                "Batmunkh Battsetseg",
                "Ronald Clark",
                "US Army Pacific",
                "Mongolian Armed Forces",
            ],
        }
    ]
    # an unknown actor is an error naming it, not "(no rows)"
    with pytest.raises(ResolutionError, match="no actor 'nobody'"):
        run_query(store, "shortest_path", {"a": "p-bat", "b": "nobody"})
    with pytest.raises(ResolutionError, match="did you mean p-bat"):
        run_query(store, "actor_timeline", {"actor": "Batmunkh Battsetsg"})


def test_saved_query_parameter_errors(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="needs --param for: since, until"):
        run_query(store, "first_contacts", {"focus": "MNG"})
    with pytest.raises(QueryError, match="since='last week' is not a valid date"):
        run_query(store, "first_contacts", {"focus": "MNG", "since": "last week", "until": "x"})
    with pytest.raises(QueryError, match="no saved query named 'no_such'.*first_contacts"):
        run_query(store, "no_such", {})
