"""UNWIND rows are pre-aggregated: no key twice in one statement, aliases unioned in Python."""

from __future__ import annotations

from graph_fixture_data import BAT, DOCS, E3

from actorgraph.graph.cypher import WRITES
from actorgraph.graph.rows import actor_ids, batch_rows

KEYS = {
    "articles": ("id",),
    "actors": ("id",),
    "places": ("name",),
    "place_geo": ("name",),
    "events": ("id",),
    "participants": ("actor", "event"),
    "reported_in": ("event", "article"),
    "held_in": ("event", "place"),
    "mentioned_in": ("actor", "article", "start", "end"),
    "days": ("id",),
    "on": ("event",),
}


def test_no_key_twice_in_one_unwind() -> None:
    rows = batch_rows(DOCS + DOCS, {})  # every article twice in one batch
    assert set(rows) == {name for name, _ in WRITES} == set(KEYS)
    for name, key in KEYS.items():
        keys = [tuple(r[k] for k in key) for r in rows[name]]
        assert len(keys) == len(set(keys)), name
    assert len(rows["articles"]) == 7 and len(rows["events"]) == 9
    assert sum(1 for r in rows["reported_in"] if r["event"] == E3.id) == 2


def test_aliases_unioned_with_stored() -> None:
    rows = batch_rows(DOCS, {BAT.id: ["Battsetseg B.", "B. Battsetseg"]})
    (bat,) = [r for r in rows["actors"] if r["id"] == BAT.id]
    assert bat["aliases"] == ["B. Battsetseg", "Battsetseg B."]
    assert BAT.id in actor_ids(DOCS) and len(actor_ids(DOCS)) == 11
