"""Bounded reads (issue 12): each answers from the store what the full read would, on both
backends (Neo4j when NEO4J_URI is set); the seen-index and event index use them lazily."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, timedelta

import pytest
from graph_fixture_data import (
    ACTUAL_EVENTS,
    BACKENDS,
    BAT,
    DOCS,
    EVS,
    article,
    doc,
    event,
    open_backend,
)

from actorgraph.core.records import STATUSES, Event, EventKey, Participant, relation_pairs
from actorgraph.graph.base import GraphStore
from actorgraph.ingest import SeenIndex
from actorgraph.resolve.events import EventIndex


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path) -> Iterator[GraphStore]:  # noqa: ANN001
    store = open_backend(request.param, tmp_path)
    store.write(DOCS)
    yield store
    store.close()


def test_event_keys_match_the_full_read_for_those_days(store: GraphStore) -> None:
    views = store.events(statuses=STATUSES)
    days = sorted({v.date for v in views if v.date})[:3]
    keys = {k.id: k for k in store.event_keys(days, STATUSES)}
    expected = {v.id: v for v in views if v.date in days}
    assert set(keys) == set(expected) and expected
    for event_id, view in expected.items():
        assert keys[event_id].actor_ids == frozenset(a.id for a, _ in view.participants)
        assert (keys[event_id].type, keys[event_id].date) == (view.type, view.date)
    assert store.event_keys([], STATUSES) == []
    assert store.event_keys(["1999-01-01"], STATUSES) == []


def test_known_ids_and_hashes_are_lookups(store: GraphStore) -> None:
    stored = DOCS[0].article
    assert store.known_article_ids([stored.id, "nope"]) == {stored.id}
    assert store.known_content_hashes([stored.content_hash, "nope", ""]) == {stored.content_hash}
    seen = SeenIndex(stored_ids=store.known_article_ids, stored_hashes=store.known_content_hashes)
    assert seen.seen_url(stored.url + "?utm_source=x")  # canonicalised, then looked up
    assert not seen.seen_url("https://example.org/never")


def test_a_folder_or_feed_asks_the_store_about_its_addresses_once(store: GraphStore) -> None:
    """``prefetch_urls`` answers many URLs with one lookup; later checks of them ask nothing."""
    stored = DOCS[0].article
    asked: list[list[str]] = []

    def lookup(ids):  # noqa: ANN001, ANN202
        asked.append(list(ids))
        return store.known_article_ids(ids)

    seen = SeenIndex(stored_ids=lookup)
    urls = [stored.url + "?utm_source=x", *(f"https://example.org/new/{i}" for i in range(30))]
    seen.prefetch_urls(urls)
    assert len(asked) == 1 and len(asked[0]) == 31
    assert seen.seen_url(stored.url) and not any(seen.seen_url(u) for u in urls[1:])
    assert len(asked) == 1
    seen.prefetch_urls(urls)  # all known by now
    assert len(asked) == 1
    assert not seen.seen_url("https://example.org/other") and len(asked) == 2


def test_pairs_before_agrees_with_the_events(store: GraphStore) -> None:
    views = store.events()
    cut = sorted(v.date for v in views if v.date)[len(views) // 2]
    before = {
        frozenset(p)
        for v in views
        if v.date and v.date < cut
        for p in relation_pairs([(a.id, r) for a, r in v.participants])
    }
    every = {
        frozenset(p) for v in views for p in relation_pairs([(a.id, r) for a, r in v.participants])
    }
    assert before and every - before
    assert store.pairs_before(sorted(every, key=sorted), cut) == before


def test_actor_activity_and_pair_totals(store: GraphStore) -> None:
    views = store.events()
    activity = {a.id: n for a, n in store.actor_activity()}
    for actor_id, n in activity.items():
        assert n == sum(1 for v in views if actor_id in {a.id for a, _ in v.participants})
    totals = store.pair_totals()
    assert totals == sorted(totals, key=lambda t: (-t[2], t[0], t[1]))
    a, b, weight = totals[0]
    shared = [v for v in views if {a, b} <= {x.id for x, _ in v.participants}]
    assert a < b and weight == len(shared) >= 1
    assert len(ACTUAL_EVENTS) == len(views)


def _event(event_id: str, day: str, basis: str) -> Event:
    parts = [Participant("p-a", "actor"), Participant("p-b", "recipient")]
    return Event(event_id, "MEET", "actual", day, basis, None, parts, "art", "", 0, 0)


def test_event_index_asks_only_about_the_days_around_new_events() -> None:
    asked: list[list[str]] = []
    stored = EventKey("stored", "MEET", "actual", "2026-05-27", "text", frozenset({"p-a", "p-b"}))

    def lookup(days):  # noqa: ANN001, ANN202
        asked.append(list(days))
        return [stored] if stored.date in days else []

    index = EventIndex(lookup=lookup)
    joined = index.same_event(_event("new", "2026-05-28", "published"))
    assert (joined.id, joined.date, joined.date_basis) == ("stored", "2026-05-27", "text")
    assert asked == [["2026-05-27", "2026-05-28", "2026-05-29"]]
    index.same_event(_event("other", "2026-05-29", "text"))  # 28, 29 known: asks for 30 only
    assert asked[-1] == [(date(2026, 5, 29) + timedelta(days=1)).isoformat()]
    far = index.same_event(_event("far", "2026-07-01", "published"))
    assert far.id == "far" and len(asked) == 3


def _expected_history(store: GraphStore, before: str) -> dict[tuple[str, str], tuple]:
    """Pair history computed from the full event read (every co-participant pair)."""
    days: dict[tuple[str, str], list[str]] = {}
    for v in store.events():
        ids = sorted({a.id for a, _ in v.participants})
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                if v.date and v.date < before:
                    days.setdefault((a, b), []).append(v.date)
    return {p: (len(d), min(d), max(d)) for p, d in days.items()}


def test_pair_contacts_agree_with_the_events_and_follow_a_merge(store: GraphStore) -> None:
    """The pair-contact summary answers what the events say, before and after a merge that
    moves one actor's edges to another, and after its undo."""
    from graph_fixture_data import DONG, EVS

    from actorgraph.core.judgements import judge

    cut = "2099-01-01"
    every = sorted(_expected_history(store, cut))
    pairs = every + [(b, a) for a, b in every]  # asked either way round

    def check() -> dict[tuple[str, str], tuple]:
        expected = _expected_history(store, cut)
        got = store.pair_history(pairs, cut)
        assert {p: got[p] for p in expected} == expected
        firsts = {p: v[1] for p, v in expected.items()}
        sources = store.pair_first_sources(firsts)
        assert set(sources) == set(expected)
        assert all(e.date == firsts[p] and e.sources for p, es in sources.items() for e in es)
        return expected

    before = check()
    assert (min(EVS.id, DONG.id), max(EVS.id, DONG.id)) not in before
    store.add_judgements([judge(EVS.id, DONG.id, "same", "test", "one person")])
    merged = check()
    assert not any(DONG.id in p for p in merged) and merged != before
    store.remove_last_judgements()
    assert check() == before


def test_pair_totals_count_undated_events_too(store: GraphStore) -> None:
    """Dated events come from the pair contacts, undated actual ones from the events."""
    before = {(a, b): n for a, b, n in store.pair_totals()}
    art = article("undated", "montsame", "2026-05-20T08:00:00Z")
    undated = [
        event("MEET", [(BAT, "actor"), (EVS, "recipient")], "", art, "They met."),
        event("AGREE", [(BAT, "actor"), (EVS, "recipient")], "", art, "They agreed."),
    ]
    undated = [replace(e, date=None) for e in undated]
    store.write([doc(art, [BAT, EVS], undated)])
    after = {(a, b): n for a, b, n in store.pair_totals()}
    pair = tuple(sorted((BAT.id, EVS.id)))
    assert after[pair] == before.get(pair, 0) + 2
    assert {p: n for p, n in after.items() if p != pair} == {
        p: n for p, n in before.items() if p != pair
    }
