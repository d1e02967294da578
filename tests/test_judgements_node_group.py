"""Merge, split and undo of actors whose events lie on both sides of a Ladybug node group
boundary (131,072 nodes): every participation moves and every pair contact is rebuilt.

Ladybug 0.22 misses ``PARTICIPANT`` edges across that boundary in some reads inside a write
transaction (graph/DIALECTS.md, tests/test_contacts_node_group.py); a judgement reads the edges
it moves and the events whose contacts it rebuilds inside its transaction. Each step is checked
after commit against what the committed edges say.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from actorgraph.core.judgements import judge
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
EVENTS = NODE_GROUP + 9_000
# the events of the judged actors: on both sides of the boundary, most near it
CHOSEN = sorted({*range(NODE_GROUP - 60, NODE_GROUP + 60), *range(0, EVENTS, 4_000)})
A, B = "person:a", "person:b"
PARTNERS = [f"person:p{k}" for k in range(50)]
BELOW = 25  # free places left in the Contact table's first node group: a merge's new contacts
# (some fifty) then cross into the next group

FILL_EVENTS = """UNWIND range(0, $n - 1) AS i
CREATE (:Event {id: 'e' + CAST(i AS STRING), type: 'MEETING', status: 'actual',
                date: '2026-03-02'})"""
ADD_ACTORS = """UNWIND $ids AS id
CREATE (:Actor {id: id, name: id, type: 'PERSON', aliases: [id]})"""
ADD_EDGES = """UNWIND $rows AS r
MATCH (a:Actor {id: r.actor})
MATCH (e:Event {id: r.event})
CREATE (a)-[:PARTICIPANT {role: r.role, mention: r.actor, orig: r.actor}]->(e)"""

FILL_CONTACTS = """UNWIND range(0, $n - 1) AS i
CREATE (:Contact {id: 'filler|' + CAST(i AS STRING), a: 'filler', b: CAST(i AS STRING),
                  entries: ['2026-01-01|filler|0']})"""

COUNT_CONTACTS = "MATCH (c:Contact) RETURN count(c) AS n"
EDGES = """MATCH (a:Actor)-[p:PARTICIPANT]->(e:Event)
RETURN a.id AS actor, coalesce(p.orig, a.id) AS orig, e.id AS event"""
STORED_CONTACTS = """MATCH (c:Contact)
WHERE c.a <> 'filler'
RETURN c.id AS id, c.entries AS entries"""


def _edge_rows() -> list[dict[str, Any]]:
    """B or A meets one of the partners at each chosen event (so both sides of the boundary
    hold events of each of them, and a merge rewrites some fifty contacts)."""
    rows = []
    for n, i in enumerate(CHOSEN):
        holder = B if n % 3 else A
        rows.append({"actor": holder, "event": f"e{i}", "role": "actor"})
        rows.append({"actor": PARTNERS[n % len(PARTNERS)], "event": f"e{i}", "role": "recipient"})
    return rows


@pytest.fixture(scope="module", params=["contacts in one group", "contacts across groups"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with more events than one node group, the actors and their contacts (committed
    first, as in a real store); with as many other contacts as puts the ones a merge creates
    across a boundary of the Contact table."""
    path = tmp_path_factory.mktemp("groups") / "store.lbug"
    store = LadybugStore(path)
    try:
        store._in_transaction(lambda execute: execute(FILL_EVENTS, {"n": EVENTS}))

        def edges(execute: contacts.Execute) -> None:
            execute(ADD_ACTORS, {"ids": [A, B, *PARTNERS]})
            execute(ADD_EDGES, {"rows": _edge_rows()})

        store._in_transaction(edges)
        store._in_transaction(contacts.rebuild_all)
        if request.param == "contacts across groups":
            filler = NODE_GROUP - BELOW - store.run(COUNT_CONTACTS)[0]["n"]
            store._in_transaction(lambda x: x(FILL_CONTACTS, {"n": filler}))
        assert store.counts()["Event"] == EVENTS
    finally:
        store.close()
    return path


@pytest.fixture()
def store(built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[LadybugStore]:
    for part in built.parent.glob(built.name + "*"):
        (tmp_path / part.name).write_bytes(part.read_bytes())
    # contacts in small chunks: each reads the stored contacts after earlier chunks wrote some
    monkeypatch.setattr(contacts, "CHUNK", 16)
    opened = LadybugStore(tmp_path / built.name)
    try:
        yield opened
    finally:
        opened.close()


def _edges(store: LadybugStore) -> dict[str, set[tuple[str, str]]]:
    """``{actor: {(orig, event)}}`` of the committed edges."""
    out: dict[str, set[tuple[str, str]]] = {}
    for r in store.run(EDGES):
        out.setdefault(r["actor"], set()).add((r["orig"], r["event"]))
    return out


def _contacts_match_edges(store: LadybugStore) -> dict[str, list[str]]:
    """The stored contacts, checked equal to those the committed edges give."""
    stored = {r["id"]: sorted(r["entries"]) for r in store.run(STORED_CONTACTS)}
    expected = {
        cid: sorted(found.values())
        for cid, found in contacts.entries_of(store.run(contacts.ALL_EVENT_PAIRS)).items()
    }
    assert stored == expected
    return stored


def _events(entries: list[str]) -> set[str]:
    return {contacts.parse(e)[1] for e in entries}


def _partner_events(found: dict[str, list[str]], actor: str) -> set[str]:
    """The events of ``actor``'s contacts with the partners."""
    return {e for p in PARTNERS for e in _events(found.get(contacts.key(actor, p), []))}


def test_the_fixture_spans_the_boundary(store: LadybugStore) -> None:
    found = _contacts_match_edges(store)
    b_events = _partner_events(found, B)
    numbers = {int(e[1:]) for e in b_events}
    assert min(numbers) < NODE_GROUP <= max(numbers)
    assert len(_partner_events(found, A)) + len(b_events) == len(CHOSEN)


def test_merge_split_and_undo_move_every_edge_across_a_node_group(store: LadybugStore) -> None:
    before = _edges(store)
    own_a, own_b = before[A], before[B]
    all_events = {f"e{i}" for i in CHOSEN}

    store.add_judgements([judge(A, B, "same", "tester")])
    merged = _edges(store)
    assert B not in merged and merged[A] == own_a | own_b  # B's edges on A, orig kept
    found = _contacts_match_edges(store)
    assert not _partner_events(found, B) and _partner_events(found, A) == all_events

    store.add_judgements([judge(A, B, "not_same", "tester")])
    assert _edges(store) == before  # split: every edge back with its orig
    found = _contacts_match_edges(store)
    assert _partner_events(found, B) == {e for _, e in own_b}

    store.remove_last_judgements()  # undo the split: merged again
    assert _edges(store) == merged
    found = _contacts_match_edges(store)
    assert _partner_events(found, A) == all_events

    store.remove_last_judgements()  # undo the merge
    assert _edges(store) == before
    _contacts_match_edges(store)


# a write whose new events cross a boundary and that applies a judgement again -----------------
NEW = "person:new"  # named by a judgement before any article names it
BEFORE = 40  # new events of the batch in the group the store already uses
PLANNED = """UNWIND range(0, $n - 1) AS i
CREATE (:Event {id: 'filler' + CAST(i AS STRING), status: 'planned', date: ''})"""
ARTICLES = """UNWIND range(0, $n - 1) AS i
CREATE (:Article {id: 'filler' + CAST(i AS STRING), url: 'filler', title: '', text: ''})"""
MENTIONS = """MATCH (a:Actor)-[m:MENTIONED_IN]->(s:Article)
RETURN a.id AS actor, coalesce(m.orig, a.id) AS orig, s.id AS article"""


def _met(k: int) -> ResolvedArticle:
    """One article of four actual dated events, each between NEW and a partner of its own."""
    day = f"2026-03-{1 + k % 28:02d}"
    url = f"https://outlet.example/{day}/{k}"
    art = Article(stable_id(url), url, f"Story {k}", f"Story {k}.", "outlet", f"{day}T08:00:00Z",
                  stable_id("h", url, length=40), "test", "page")  # fmt: skip
    new = Actor(NEW, "New Person", "PERSON")
    partners = [Actor(f"person:{k}-{j}", f"Person {k}-{j}", "PERSON") for j in range(4)]
    events = []
    for partner in partners:
        ids = [NEW, partner.id]
        held = [Participant(NEW, "actor", new.name), Participant(partner.id, "recipient", "P")]
        events.append(Event(Event.make_id("MEETING", ids, day, "actual"), "MEETING", "actual",
                            day, "text", None, held, art.id, "They met.", 0, 9))  # fmt: skip
    mentions = [ActorMention(a.id, a.name, 0, len(a.name)) for a in [new, *partners]]
    return ResolvedArticle(art, [new, *partners], mentions, events)


def test_a_write_across_a_node_group_applies_a_judgement_to_every_new_event(
    tmp_path: Path,
) -> None:
    """A judgement names an actor no article has named yet; the batch that first names it
    creates events on both sides of a boundary, and the write merges it (moving its edges and
    rebuilding its contacts inside that transaction): every one of its events ends on the root."""
    store = LadybugStore(tmp_path / "store.lbug")
    try:

        def fill(execute: contacts.Execute) -> None:
            execute(PLANNED, {"n": NODE_GROUP - BEFORE})
            execute(ARTICLES, {"n": NODE_GROUP - BEFORE // 8})  # the batch's articles cross too
            execute(ADD_ACTORS, {"ids": [A]})

        store._in_transaction(fill)
        store.add_judgements([judge(A, NEW, "same", "tester")])  # stale until the write
        batch = [_met(k) for k in range(2 * BEFORE // 4)]
        store.write(batch)
        counts = store.counts()
        assert counts["Event"] == NODE_GROUP + BEFORE  # the batch crossed the boundary
        assert counts["Article"] == NODE_GROUP + len(batch) - BEFORE // 8
        edges = _edges(store)
        events = {e.id for doc in batch for e in doc.events}
        assert NEW not in edges and {e for o, e in edges[A] if o == NEW} == events
        mentions = {(r["actor"], r["orig"], r["article"]) for r in store.run(MENTIONS)}
        assert {(A, NEW, doc.article.id) for doc in batch} <= mentions
        assert not [m for m in mentions if m[0] == NEW]
        found = _contacts_match_edges(store)
        partners = {p.actor_id for doc in batch for e in doc.events for p in e.participants}
        assert {contacts.key(A, p) for p in partners - {NEW}} == set(found)
    finally:
        store.close()
