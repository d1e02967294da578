"""The graph reads the web app adds, on every backend (Neo4j when NEO4J_URI is set), on the
hand-built fixture graph whose answers can be read off ``graph_fixture_data.py``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from graph_fixture_data import A1, BACKENDS, BAT, DOCS, E1, EVS, RUS, open_backend

from actorgraph.graph.base import GraphStore


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[GraphStore]:  # noqa: ANN001
    backend = open_backend(request.param, tmp_path)
    backend.write(DOCS)
    yield backend
    backend.close()


def _expected_events(actor_id: str) -> set[str]:
    return {
        e.id for d in DOCS for e in d.events if actor_id in {p.actor_id for p in e.participants}
    }


def test_actor_events_have_everyone_and_article_ids(store: GraphStore) -> None:
    events = store.actor_events([BAT.id])
    assert {e.id for e in events} == _expected_events(BAT.id)
    assert [(e.date or "", e.id) for e in events] == sorted((e.date or "", e.id) for e in events)
    met = next(e for e in events if e.id == E1.id)
    assert {a.id for a, _ in met.participants} == {BAT.id, EVS.id}
    assert met.sources and all(s.article for s in met.sources)
    assert A1.id in {s.article for s in met.sources}
    assert store.actor_events([]) == []


def test_events_by_id_and_article_events(store: GraphStore) -> None:
    assert [e.id for e in store.events_by_id([E1.id, "nope"])] == [E1.id]
    assert store.events_by_id(["nope"]) == []
    in_a1 = {e.id for d in DOCS if d.article.id == A1.id for e in d.events}
    assert {e.id for e in store.article_events(A1.id)} == in_a1
    assert store.article_events("nope") == []


def test_article_ids_and_event_counts(store: GraphStore) -> None:
    assert store.article_ids([A1.url, "https://nowhere.example/x"]) == {A1.url: A1.id}
    counts = store.event_counts([BAT.id, RUS.id, "nobody"])
    assert counts[BAT.id] == len(_expected_events(BAT.id))
    assert "nobody" not in counts


def test_search(store: GraphStore) -> None:
    hits = store.search_actors("battsetseg")
    assert hits[0][0].id == BAT.id
    assert store.search_actors("Moscow")[0][0].id == RUS.id  # an alias
    assert store.search_actors("Баттсэцэг")[0][0].id == BAT.id  # Cyrillic, folded
    assert store.search_actors("battsetseg", type="STATE") == []
    assert store.search_actors("   ") == []
