"""Pair contacts kept by the write path equal those rebuilt from the stored edges, when stored
events are reported again with more actors or other roles (the writer reads their edges before
it writes and adds its own rows, rows.participants_after, instead of reading them back)."""

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

ALL_CONTACTS = "MATCH (c:Contact) RETURN c.id AS id, c.entries AS entries"
DAY = "2026-03-04"


def _actor(name: str) -> Actor:
    return Actor(f"person:{name.lower()}", name, "PERSON")


def _article(k: int, events: list[tuple[str, list[tuple[Actor, str]]]]) -> ResolvedArticle:
    """Article ``k`` reporting events ``(event id, [(actor, role)])`` on one day."""
    url = f"https://outlet.example/{k}"
    art = Article(stable_id(url), url, f"Story {k}", f"Story {k}.", "outlet", f"{DAY}T08:00:00Z",
                  stable_id("h", url, length=40), "test", "page")  # fmt: skip
    actors = list({a.id: a for _, held in events for a, _ in held}.values())
    mentions = [ActorMention(a.id, a.name, 10 * i, 10 * i + len(a.name)) for i, a in
                enumerate(actors)]  # fmt: skip
    out = []
    for event_id, held in events:
        participants = [Participant(a.id, role, a.name) for a, role in held]
        out.append(Event(event_id, "MEETING", "actual", DAY, "text", None, participants, art.id,
                         "They met.", 0, 9))  # fmt: skip
    return ResolvedArticle(art, actors, mentions, out)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LadybugStore]:
    store = LadybugStore(tmp_path / "store.lbug")
    try:
        yield store
    finally:
        store.close()


def _kept(store: LadybugStore) -> dict[str, list[str]]:
    return {r["id"]: sorted(r["entries"]) for r in store._read(ALL_CONTACTS)}


def _rebuilt(store: LadybugStore) -> dict[str, list[str]]:
    found = contacts.entries_of(store._read(contacts.ALL_EVENT_PAIRS))
    return {cid: sorted(by_event.values()) for cid, by_event in found.items()}


def test_a_stored_event_reported_again_keeps_the_contacts_its_edges_give(
    store: LadybugStore,
) -> None:
    a, b, c, d = (_actor(n) for n in ("Ana", "Bat", "Cem", "Dorj"))
    store.write([_article(0, [("ev:1", [(a, "actor"), (b, "recipient")]),
                              ("ev:2", [(c, "actor"), (d, "recipient")])])])  # fmt: skip
    assert _kept(store) == _rebuilt(store)
    # ev:1 again naming one of its actors and one more, ev:2 again with its roles the other way,
    # one new event
    store.write([_article(1, [("ev:1", [(a, "actor"), (c, "participant")]),
                              ("ev:2", [(d, "actor"), (c, "recipient")]),
                              ("ev:3", [(b, "actor"), (d, "recipient")])])])  # fmt: skip
    kept = _kept(store)
    assert kept == _rebuilt(store)
    assert contacts.key(a.id, c.id) in kept  # the actor ev:1 gained
    assert contacts.key(b.id, c.id) in kept  # ... with the one this report did not name
    assert contacts.key(b.id, d.id) in kept  # the new event


def test_rows_after_a_write_follow_the_statement_case_on_orig() -> None:
    """A row's role replaces an edge's only when the edge came from the same resolved actor
    (``orig``), as ``WRITE_PARTICIPANTS`` does; a new edge takes the row as it is."""
    from actorgraph.graph.rows import participants_after

    before = [
        {"event": "ev:1", "actor": "person:a", "role": "actor", "orig": "person:b"},  # merged
        {"event": "ev:1", "actor": "person:c", "role": "recipient", "orig": "person:c"},
    ]
    rows = [
        {"event": "ev:1", "actor": "person:a", "role": "recipient", "orig": "person:a"},
        {"event": "ev:1", "actor": "person:c", "role": "actor", "orig": "person:c"},
        {"event": "ev:1", "actor": "person:d", "role": "participant", "orig": "person:d"},
    ]
    events = [{"id": "ev:1", "date": DAY, "status": "actual"}]
    got = participants_after(before, {"participants": rows}, events)
    roles = {r["actor"]: r["role"] for r in got}
    assert roles == {"person:a": "actor", "person:c": "actor", "person:d": "participant"}
    assert {(r["date"], r["status"]) for r in got} == {(DAY, "actual")}


def test_contacts_after_merge_and_undo_equal_a_rebuild(store: LadybugStore) -> None:
    """A merge or undo command walks the moved actors' events from their keys (no event is
    created in its transaction); the contacts still equal those rebuilt from the edges."""
    from actorgraph.core.judgements import judge

    a, b, c, d = (_actor(n) for n in ("Ana", "Bat", "Cem", "Dorj"))
    store.write([_article(0, [("ev:1", [(a, "actor"), (b, "recipient")]),
                              ("ev:2", [(c, "actor"), (d, "recipient")]),
                              ("ev:3", [(c, "actor"), (b, "recipient")])])])  # fmt: skip
    store.add_judgements([judge(a.id, c.id, "same", "tester", "one person")])
    merged = _kept(store)
    assert merged == _rebuilt(store)
    assert contacts.key(a.id, d.id) in merged  # c's event now a's
    store.remove_last_judgements()
    assert _kept(store) == _rebuilt(store)
