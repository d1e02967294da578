"""Pair contacts of a write batch whose new events cross a Ladybug node group (131,072 nodes).

The benchmark stores lost the contacts of every event such a batch created in one of the two
groups: inside the write transaction the contacts' read of the events' participants missed them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from actorgraph.core.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    Participant,
    ResolvedArticle,
    stable_id,
)
from actorgraph.graph import contacts
from actorgraph.graph.ladybug_store import LadybugStore

NODE_GROUP = 131_072  # Ladybug's nodes per node group
BEFORE = 40  # events the batch puts into the group the store already uses
FILLERS = NODE_GROUP - BEFORE

FILL_EVENTS = """UNWIND range(0, $n - 1) AS i
CREATE (:Event {id: 'filler' + CAST(i AS STRING), status: 'planned', date: ''})"""
FILL_ACTOR = "CREATE (:Actor {id: 'filler:0', name: 'Filler', type: 'PERSON'})"
FILL_EDGES = """MATCH (a:Actor {id: 'filler:0'})
MATCH (e:Event)
CREATE (a)-[:PARTICIPANT {role: 'actor'}]->(e)"""


def _article(k: int) -> ResolvedArticle:
    """One article, four actual dated events, each between two of its eight actors."""
    day = f"2026-03-{1 + k % 28:02d}"
    url = f"https://outlet.example/{day}/{k}"
    art = Article(stable_id(url), url, f"Story {k}", f"Story {k}.", "outlet", f"{day}T08:00:00Z",
                  stable_id("h", url, length=40), "test", "page")  # fmt: skip
    actors = [Actor(f"person:{k}-{i}", f"Person {k}-{i}", "PERSON") for i in range(8)]
    events = []
    for j in range(4):
        a, b = actors[2 * j], actors[2 * j + 1]
        ids = [a.id, b.id]
        participants = [Participant(a.id, "actor", a.name), Participant(b.id, "recipient", b.name)]
        events.append(Event(Event.make_id("MEETING", ids, day, "actual"), "MEETING", "actual",
                            day, "text", None, participants, art.id,
                            f"{a.name} met {b.name}.", 0, 20))  # fmt: skip
    mentions = [
        ActorMention(a.id, a.name, 20 * i, 20 * i + len(a.name)) for i, a in enumerate(actors)
    ]
    return ResolvedArticle(art, actors, mentions, events)


@pytest.fixture(params=["old group with edges", "old group without edges"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LadybugStore]:
    store = LadybugStore(tmp_path / "store.lbug")

    def fill(execute: contacts.Execute) -> None:
        execute(FILL_EVENTS, {"n": FILLERS})
        if request.param == "old group with edges":
            execute(FILL_ACTOR, {})
            execute(FILL_EDGES, {})

    store._in_transaction(fill)
    try:
        yield store
    finally:
        store.close()


def test_a_batch_across_a_node_group_keeps_every_pair_contact(store: LadybugStore) -> None:
    batch = [_article(k) for k in range(2 * BEFORE // 4)]  # 2 x BEFORE events
    store.write(batch)
    assert store.counts()["Event"] == FILLERS + 2 * BEFORE  # the batch did cross the boundary
    pairs = [
        (e.participants[0].actor_id, e.participants[1].actor_id) for a in batch for e in a.events
    ]
    found = store.pair_contacts(pairs)
    for art in batch:
        for ev in art.events:
            a, b = (p.actor_id for p in ev.participants)
            assert (ev.date, ev.id, True) in found.get(frozenset((a, b)), []), (a, b, ev.id)


ADD_EVENTS = """UNWIND $rows AS r
CREATE (:Event {id: r.id, status: 'actual', date: '2026-03-02'})"""
ADD_ACTORS = """UNWIND $ids AS id
CREATE (:Actor {id: id, name: id, type: 'PERSON'})"""
ADD_EDGES = """UNWIND $rows AS r
MATCH (a:Actor {id: r.actor})
MATCH (e:Event {id: r.id})
CREATE (a)-[:PARTICIPANT {role: 'actor'}]->(e)"""


def test_rebuilding_an_actors_contacts_across_a_node_group(store: LadybugStore) -> None:
    """A merge or a write that applies a judgement again rebuilds its actors' contacts from
    their events: the events created in the same transaction count, in both groups."""
    events = [{"id": f"new{i}", "actor": "person:a"} for i in range(2 * BEFORE)]
    events += [{"id": f"new{i}", "actor": "person:b"} for i in range(2 * BEFORE)]

    def work(execute: contacts.Execute) -> None:
        execute(ADD_ACTORS, {"ids": ["person:a", "person:b"]})
        execute(ADD_EVENTS, {"rows": events[: 2 * BEFORE]})
        execute(ADD_EDGES, {"rows": events})
        contacts.rebuild_for(execute, ["person:a", "person:b"], nodes_created=True)

    store._in_transaction(work)
    found = store.pair_contacts([("person:a", "person:b")])[frozenset(("person:a", "person:b"))]
    assert sorted(e for _, e, _ in found) == sorted(f"new{i}" for i in range(2 * BEFORE))
