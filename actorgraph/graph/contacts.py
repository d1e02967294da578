"""The pair-contact summary: "did these two actors interact before D" as one key lookup.

One ``(:Contact {id: "a|b", a, b, entries})`` per pair of actors that took part in the same
actual dated event (ids sorted, as the ``PARTICIPANT`` edges point now); ``entries`` is the sorted
list ``"date|event id|r"`` of those events, ``r`` = 1 when the event forms a relation between the
two (:func:`~actorgraph.core.records.relation_pairs`: actor -> recipient, or co-participants).
Ladybug indexes only primary keys, so this replaces a walk over a busy actor's every event.

The write path updates the contacts of the events it writes (with their participants as stored,
so an event reported again with one more actor adds that actor's pairs); a merge or split that
moves edges rebuilds the contacts of the actors it moved (``judgements.reconcile``); ``store
migrate`` builds them all. A dropped actor stays in the summary and is filtered when read.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from typing import Any

from actorgraph.core.records import relation_pairs

Execute = Callable[[str, dict[str, Any]], list[dict[str, Any]]]
CHUNK = 20_000

CONTACTS = """UNWIND $ids AS id
MATCH (c:Contact {id: id})
RETURN c.id AS id, c.entries AS entries"""

# new contacts are created, stored ones matched by key (a MERGE scans the table on Ladybug)
CREATE_CONTACTS = """UNWIND $rows AS r
CREATE (c:Contact {id: r.id, a: r.a, b: r.b, entries: r.entries})"""

UPDATE_CONTACTS = """UNWIND $rows AS r
MATCH (c:Contact {id: r.id})
SET c.entries = r.entries"""

# the participants of some events, by event key, walked from the event with no condition on it
# (the caller keeps the actual dated ones): on Ladybug 0.22, inside a write transaction whose new
# events fill a node group (131,072 nodes) and start the next, a read that filters the events
# (`WHERE e.status = ...`) or matches them apart from the edges (`MATCH (e {id: id}) MATCH
# (a)-[p]->(e)`) misses the edges of the events in one of the two groups, which lost the contacts
# of whole write batches of the benchmark stores (tests/test_contacts_node_group.py)
EVENT_PAIRS = """UNWIND $ids AS id
MATCH (e:Event {id: id})<-[p:PARTICIPANT]-(a:Actor)
RETURN e.id AS event, e.date AS date, e.status AS status, a.id AS actor, p.role AS role"""

# the participant edges of stored events, read at the start of a write transaction, before it
# creates anything (the node-group bug above needs new nodes): the writer adds its own rows to
# them (rows.participants_after) instead of reading the edges back after it wrote. On Ladybug a
# list of keys joined with edges scans both tables (0.3 s at 200k events, whatever the list):
# one statement per key there (PAIRS_OF_ONE, an index lookup each, 0.2 ms)
STORED_PAIRS = """UNWIND $ids AS id
MATCH (e:Event {id: id})<-[p:PARTICIPANT]-(a:Actor)
RETURN e.id AS event, a.id AS actor, p.role AS role, p.orig AS orig"""

PAIRS_OF_ONE = """MATCH (e:Event {id: $id})<-[p:PARTICIPANT]-(a:Actor)
RETURN e.id AS event, a.id AS actor, p.role AS role, p.orig AS orig"""
ONE_BY_ONE_MAX = 1_000  # about where the lookups cost what one scan does at 200k events

ALL_EVENT_PAIRS = """MATCH (a:Actor)-[p:PARTICIPANT]->(e:Event)
WHERE e.status = 'actual' AND e.date <> ''
RETURN e.id AS event, e.date AS date, a.id AS actor, p.role AS role"""

# the participants of one actor's events, walked from its key: the rebuild after a merge, split
# or undo command, whose transaction creates no nodes (the node-group bug above needs new
# ones): 0.1 s for an actor of 3,758 events at 1M, where EVENT_PAIRS scans (1.8 to 2.7 s). Two MATCH
# clauses, so the actor's own edge is among the rows on Neo4j too (one pattern may not reuse it)
ACTOR_PAIRS = """MATCH (x:Actor {id: $id})-[:PARTICIPANT]->(e:Event)
MATCH (a:Actor)-[p:PARTICIPANT]->(e)
RETURN e.id AS event, e.date AS date, e.status AS status, a.id AS actor, p.role AS role"""

# rebuilding after a merge or split (a person's command, not the read path; also a write that
# applies a judgement again): every event of the actors, with no condition on the event (see
# EVENT_PAIRS: a filter on it misses events on Ladybug; note_events keeps the actual dated ones)
ACTOR_EVENTS = """MATCH (a:Actor)-[:PARTICIPANT]->(e:Event)
WHERE a.id IN $ids
RETURN DISTINCT e.id AS id"""

DELETE_CONTACTS = """MATCH (c:Contact)
WHERE c.a IN $ids OR c.b IN $ids
DELETE c"""

DELETE_ALL_CONTACTS = """MATCH (c:Contact)
DELETE c"""


# what the summary leaves out: the events of some pairs that are not actual and dated (future
# ones, undated ones), anchored on the first actor's key
PAIRS_OUTSIDE = """UNWIND $pairs AS p
MATCH (a:Actor {id: p.a})-[:PARTICIPANT]->(e:Event)<-[:PARTICIPANT]-(b:Actor {id: p.b})
WHERE e.status IN $statuses AND (e.status <> 'actual' OR coalesce(e.date, '') = '')
RETURN DISTINCT e.id AS id"""


def statements() -> list[tuple[str, str, dict[str, Any]]]:
    """``(name, cypher, example params)`` of every statement here (for the Neo4j linter)."""
    ids: dict[str, Any] = {"ids": []}
    return [
        ("contacts", CONTACTS, ids),
        ("create_contacts", CREATE_CONTACTS, {"rows": []}),
        ("update_contacts", UPDATE_CONTACTS, {"rows": []}),
        ("event_pairs", EVENT_PAIRS, ids),
        ("stored_pairs", STORED_PAIRS, ids),
        ("pairs_of_one", PAIRS_OF_ONE, {"id": ""}),
        ("all_event_pairs", ALL_EVENT_PAIRS, {}),
        ("actor_events", ACTOR_EVENTS, ids),
        ("actor_pairs", ACTOR_PAIRS, {"id": ""}),
        ("delete_contacts", DELETE_CONTACTS, ids),
        ("delete_all_contacts", DELETE_ALL_CONTACTS, {}),
        ("pairs_outside", PAIRS_OUTSIDE, {"pairs": [], "statuses": ["future"]}),
    ]


def key(a: str, b: str) -> str:
    return "|".join(sorted((a, b)))


def entries_of(rows: Iterable[dict[str, Any]]) -> dict[str, dict[str, str]]:
    """``{contact id: {event id: entry}}`` from participant rows (event, date, actor, role)."""
    events: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for r in rows:
        events.setdefault(r["event"], (r["date"], []))[1].append((r["actor"], r["role"] or ""))
    out: dict[str, dict[str, str]] = {}
    for event, (date, held) in events.items():
        formed = {frozenset(p) for p in relation_pairs(held)}
        actors = sorted({a for a, _ in held})
        for i, a in enumerate(actors):
            for b in actors[i + 1 :]:
                flag = "1" if frozenset((a, b)) in formed else "0"
                out.setdefault(key(a, b), {})[event] = f"{date}|{event}|{flag}"
    return out


def update(execute: Execute, found: dict[str, dict[str, str]]) -> None:
    """Merge these entries into the stored contacts (an event's entry replaces its old one)."""
    ids = sorted(found)
    for i in range(0, len(ids), CHUNK):
        part = ids[i : i + CHUNK]
        stored = {r["id"]: r["entries"] or [] for r in execute(CONTACTS, {"ids": part})}
        new: list[dict[str, Any]] = []
        old: list[dict[str, Any]] = []
        for cid in part:
            merged = {e.split("|")[1]: e for e in stored.get(cid, [])}
            merged.update(found[cid])
            a, b = cid.split("|")
            row = {"id": cid, "a": a, "b": b, "entries": sorted(merged.values())}
            (old if cid in stored else new).append(row)
        if new:
            execute(CREATE_CONTACTS, {"rows": new})
        if old:
            updates = [{"id": r["id"], "entries": r["entries"]} for r in old]
            execute(UPDATE_CONTACTS, {"rows": updates})


def note_events(
    execute: Execute,
    event_ids: Sequence[str],
    written: Sequence[dict[str, Any]] = (),
    complete: Collection[str] = (),
) -> None:
    """Bring the contacts of these events up to date (inside the write transaction).

    ``written``: participant rows (``event``, ``date``, ``status``, ``actor``, ``role``) taken as
    they are, the whole edges of the events they name and of those in ``complete`` (events this
    transaction created, stored events read before it wrote); the other events' participants are
    read (EVENT_PAIRS: no condition on the event, a scan of the edges)."""
    ids = sorted(set(event_ids))
    wanted = set(ids)
    known = {r["event"] for r in written} | set(complete)
    _note(execute, [r for r in written if r["event"] in wanted])
    unread = [i for i in ids if i not in known]
    for i in range(0, len(unread), CHUNK):
        _note(execute, execute(EVENT_PAIRS, {"ids": unread[i : i + CHUNK]}))


def stored_pairs(execute: Execute, ids: Sequence[str], one_by_one: bool) -> list[dict[str, Any]]:
    """The participant edges of these stored events (STORED_PAIRS), one statement per event when
    ``one_by_one`` (the engine scans for a list of keys) and they are few."""
    if not ids:
        return []
    if not one_by_one or len(ids) > ONE_BY_ONE_MAX:
        return execute(STORED_PAIRS, {"ids": list(ids)})
    return [row for i in ids for row in execute(PAIRS_OF_ONE, {"id": i})]


def _note(execute: Execute, found: Sequence[dict[str, Any]]) -> None:
    """Merge the entries of the actual dated events among these participant rows."""
    rows = [r for r in found if r["status"] == "actual" and r["date"]]
    if rows:
        update(execute, entries_of(rows))


def rebuild_for(execute: Execute, actor_ids: Sequence[str], *, nodes_created: bool) -> None:
    """After edges moved (merge, split, undo): the contacts of these actors from their edges.

    ``nodes_created``: this transaction created nodes (a write that applies a judgement again,
    a mention taken out as a new actor), so the events are read by key with no condition
    (EVENT_PAIRS); otherwise each actor's events are walked from its key (ACTOR_PAIRS)."""
    ids = sorted(set(actor_ids))
    if not ids:
        return
    execute(DELETE_CONTACTS, {"ids": ids})
    if nodes_created:
        events = [r["id"] for r in execute(ACTOR_EVENTS, {"ids": ids})]
        note_events(execute, events)
        return
    rows = {(r["event"], r["actor"]): r for i in ids for r in execute(ACTOR_PAIRS, {"id": i})}
    _note(execute, list(rows.values()))


def rebuild_all(execute: Execute) -> int:
    """Every contact from the stored events (``store migrate``); returns how many."""
    execute(DELETE_ALL_CONTACTS, {})
    found = entries_of(execute(ALL_EVENT_PAIRS, {}))
    update(execute, found)
    return len(found)


def parse(entry: str) -> tuple[str, str, bool]:
    """``(date, event id, forms a relation)`` of one entry."""
    date, event, flag = entry.split("|")
    return date, event, flag == "1"
