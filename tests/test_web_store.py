"""The graph reads the web app adds, on every backend (Neo4j when NEO4J_URI is set), on the
hand-built fixture graph whose answers can be read off ``graph_fixture_data.py``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from graph_fixture_data import (
    A1,
    BACKENDS,
    BAT,
    CLARK,
    DOCS,
    E1,
    EVS,
    RUS,
    USARPAC,
    open_backend,
)

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


# bounded reads (issue 14): each must agree with the full read it replaces -----------------------
def _view(e):  # noqa: ANN001, ANN202 - an EventView, as comparable data
    return (
        e.id,
        e.date,
        [(a.id, r) for a, r in e.participants],
        [(s.url, s.article) for s in e.sources],
    )


@pytest.mark.parametrize("actor_id", [BAT.id, CLARK.id, USARPAC.id])
def test_timeline_pages_are_the_full_read_newest_first(store: GraphStore, actor_id: str) -> None:
    everything = [_view(e) for e in reversed(store.actor_events([actor_id]))]
    assert len(everything) >= 2
    assert [_view(e) for e in store.actor_timeline([actor_id], limit=100)] == everything
    paged, cursor = [], None
    while True:  # pages of two, each after the last event of the one before
        page = store.actor_timeline([actor_id], before=cursor, limit=2)
        if not page:
            break
        assert len(page) <= 2
        paged += [_view(e) for e in page]
        cursor = (page[-1].date or "", page[-1].id)
    assert paged == everything  # ties on a date (E1 and its negation) neither lost nor repeated
    assert store.actor_event_total([actor_id]) == len(everything)
    assert store.actor_timeline([], limit=5) == [] and store.actor_event_total([]) == 0


def test_counterparts_are_counted_like_the_events(store: GraphStore) -> None:
    events = store.actor_events([BAT.id])
    every = Counter(a.id for e in events for a, _ in e.participants if a.id != BAT.id)
    got = store.counterparts([BAT.id], statuses=None)
    assert {a.id: n for a, n in got} == dict(every)
    assert [n for _, n in got] == sorted((n for _, n in got), reverse=True)
    actual = Counter(
        a.id
        for e in events
        if e.status == "actual" and e.type == "MEET"
        for a, _ in e.participants
        if a.id != BAT.id
    )
    got = store.counterparts([BAT.id], event_types=["MEET"])
    assert {a.id: n for a, n in got} == dict(actual)
    assert len(store.counterparts([BAT.id], statuses=None, limit=1)) == 1
    assert next(a for a, _ in got if a.id == EVS.id).country == "RUS"


def test_shared_events_and_mentions(store: GraphStore) -> None:
    shared = store.shared_events([BAT.id], [EVS.id, CLARK.id], ["actual"])
    expected = {
        (a.id, e.id)
        for e in store.actor_events([BAT.id])
        if e.status == "actual"
        for a, _ in e.participants
        if a.id in (EVS.id, CLARK.id)
    }
    assert {(o, e.id) for o, _, _, e in shared} == expected
    full = {e.id: e for e in store.actor_events([BAT.id])}
    for other, other_role, role, event in shared:  # roles and sources as the full read has them
        roles = dict((a.id, r) for a, r in full[event.id].participants)
        assert (roles[other], roles[BAT.id]) == (other_role, role)
        assert [s.url for s in event.sources] == [s.url for s in full[event.id].sources]
        assert all(s.article for s in event.sources) and not event.participants
    held = [m for m in store.actor_mentions(BAT.id) if m.actor == BAT.id]
    names = store.mention_names(BAT.id)
    assert {(n, c) for n, _, _, c in names} == set(Counter(m.name for m in held).items())
    first = min(m.published or "" for m in held)
    assert names[0][1] == first
    page, total = store.mentions_page(BAT.id, 2)
    assert total == len(held) and len(page) == 2
    assert [m.published for m in page] == sorted((m.published for m in page), reverse=True)
    assert store.mentions_page("nobody", 5) == ([], 0)


def test_merged_members(store: GraphStore) -> None:
    from actorgraph.core.judgements import judge

    assert store.merged_members(BAT.id) == []
    store.add_judgement(judge(BAT.id, EVS.id, "same", "tester", "test"))
    merged = store.merged_into()
    root = merged[EVS.id] if EVS.id in merged else merged[BAT.id]
    member = EVS.id if root == BAT.id else BAT.id
    found = store.merged_members(root)
    assert [m.id for m in found] == [member] and found[0].name in (BAT.name, EVS.name)
    assert store.merged_members(member) == []
