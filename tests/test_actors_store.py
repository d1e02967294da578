"""Merge, split, not-same and undo in the real Ladybug store: nothing is destroyed, every
operation can be reversed exactly, and judgements apply to later writes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from actors_helpers import (
    CLARK,
    DONG,
    EVS,
    GAN,
    GD,
    extraction,
    hand_built,
    holder,
    ingest_extractions,
    open_test_store,
    resolved,
)

from actorgraph.core.judgements import Judgement, judge
from actorgraph.core.merge import merge_groups
from actorgraph.graph.export import store_dict
from actorgraph.graph.ladybug_store import LadybugStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[LadybugStore]:
    s = open_test_store(tmp_path / "actors.lbug")
    s.write(hand_built())
    yield s
    s.close()


def ids(store: LadybugStore) -> set[str]:
    return {a.id for a in store.actors()}


def participants(data: dict, day: str) -> list[list[str]]:
    return [
        [p["id"] for p in e["participants"]]
        for e in data["events"]
        if e["id"]
        and any(s["url"] for s in e["sources"])
        and e["participants"]
        and e["sources"][0]["published"].startswith(day)
    ]


def test_merge_moves_edges_keeps_mentions_and_hides_the_merged_actor(store) -> None:
    before = store_dict(store)
    store.add_judgement(judge(GAN.id, GD.id, "same", "tester", "one minister"))
    after = store_dict(store)
    assert GD.id not in ids(store) and GAN.id in ids(store)
    assert store.merged_into() == {GD.id: GAN.id}
    gan = next(a for a in store.actors() if a.id == GAN.id)
    assert "G. Dorj" in gan.aliases
    # the event of a2 now has Ganbold Dorj; the a3 event lists him once, not twice
    assert participants(after, "2026-05-12") == [[GAN.id, CLARK.id]]
    assert participants(after, "2026-05-13") == [[GAN.id, DONG.id]]
    assert participants(before, "2026-05-13") == [[GAN.id, DONG.id, GD.id]]
    # the raw names stay, with the id the resolver gave them
    assert holder(store, "a2", "G. Dorj") == (GAN.id, GD.id)
    shown = {(m.name, m.orig) for m in store.actor_mentions(GAN.id)}
    assert ("G. Dorj", GD.id) in shown and ("Ganbold Dorj", GAN.id) in shown
    # the merged-away actor is still there, to be split again
    assert store.actor(GD.id) is not None
    assert [j.verdict for j in store.judgements()] == ["same"]


def test_merge_then_undo_restores_the_exact_export(store) -> None:
    before = store_dict(store)
    store.add_judgement(judge(GAN.id, GD.id, "same"))
    assert store_dict(store) != before
    undone = store.remove_last_judgements()
    assert [(j.a, j.b, j.verdict) for j in undone] == [(GAN.id, GD.id, "same")]
    assert store_dict(store) == before
    assert store.judgements() == [] and store.merged_into() == {}
    assert store.remove_last_judgements() == []


def test_split_restores_the_export_and_undo_of_split_merges_again(store) -> None:
    before = store_dict(store)
    store.add_judgement(judge(GAN.id, GD.id, "same"))
    merged = store_dict(store)
    store.add_judgements([judge(GAN.id, GD.id, "not_same", why="split")])
    assert store_dict(store) == before
    assert holder(store, "a2", "G. Dorj") == (GD.id, GD.id)
    store.remove_last_judgements()
    assert store_dict(store) == merged


def test_merge_of_three_and_split_of_the_middle_one(store) -> None:
    before = store_dict(store)
    store.add_judgement(judge(GAN.id, GD.id, "same"))
    store.add_judgement(judge(GAN.id, DONG.id, "same"))  # a wrong merge, to split again
    assert store.merged_into() == {GD.id: GAN.id, DONG.id: GAN.id}
    store.add_judgements([judge(DONG.id, GAN.id, "not_same"), judge(DONG.id, GD.id, "not_same")])
    assert store.merged_into() == {GD.id: GAN.id}
    assert holder(store, "a3", "Dong Jun") == (DONG.id, DONG.id)
    for _ in range(3):
        store.remove_last_judgements()
    assert store_dict(store) == before


def test_merging_into_a_merged_actor_goes_to_its_root(store) -> None:
    store.add_judgement(judge(GAN.id, GD.id, "same"))
    store.add_judgement(judge(GD.id, EVS.id, "same"))
    assert store.merged_into() == {GD.id: GAN.id, EVS.id: GAN.id}
    assert holder(store, "a1", "Alexei Evsikov") == (GAN.id, EVS.id)


def test_not_same_between_groups_blocks_a_later_same() -> None:
    js = [
        Judgement("a", "b", "same"),
        Judgement("c", "d", "same"),
        Judgement("b", "d", "not_same"),
        Judgement("a", "c", "same"),
    ]
    assert merge_groups(js, "abcd") == {"b": "a", "d": "c"}
    # the latest verdict on a pair wins
    js.append(Judgement("b", "d", "same"))
    assert merge_groups(js, "abcd") == {"b": "a", "d": "a", "c": "a"}
    # "unsure" decides nothing: the merge stands
    assert merge_groups([Judgement("a", "b", "same"), Judgement("a", "b", "unsure")], "ab") == {
        "b": "a"
    }
    # an actor the store does not have takes no part
    assert merge_groups([Judgement("a", "x", "same")], "ab") == {}


def test_a_later_write_naming_the_merged_actor_lands_on_the_canonical_one(store) -> None:
    store.add_judgement(judge(GAN.id, GD.id, "same"))
    store.write([resolved("a5", "2026-05-20", [(GD, "G. Dorj"), (EVS, "Alexei Evsikov")])])
    assert holder(store, "a5", "G. Dorj") == (GAN.id, GD.id)
    assert GD.id not in ids(store)
    five = store.events(since="2026-05-20")
    assert [[a.id for a, _ in e.participants] for e in five] == [[GAN.id, EVS.id]]
    # and a split gives it back
    store.add_judgement(judge(GAN.id, GD.id, "not_same"))
    assert holder(store, "a5", "G. Dorj") == (GD.id, GD.id)


def test_resolver_with_stored_judgements_puts_new_mentions_on_the_canonical_actor(store) -> None:
    store.add_judgement(judge(GAN.id, GD.id, "same"))
    ingest_extractions(
        store,
        [extraction("a6", "2026-05-21", [("G. Dorj", "MNG", None), ("Dong Jun", "CHN", None)])],
    )
    # found through the merged actor's names, written on the canonical one, still G. Dorj's
    assert holder(store, "a6", "G. Dorj") == (GAN.id, GD.id)
    assert GD.id not in ids(store)
    assert [j.verdict for j in store.judgements()] == ["same"]
    assert "G. Dorj" not in store.actor(GAN.id).aliases  # borrowed names stay with G. Dorj
    assert "G. Dorj" in next(a for a in store.actors() if a.id == GAN.id).aliases
    # so a split after the new article still gives every G. Dorj mention back
    store.add_judgement(judge(GAN.id, GD.id, "not_same"))
    assert holder(store, "a6", "G. Dorj") == (GD.id, GD.id)
    assert holder(store, "a2", "G. Dorj") == (GD.id, GD.id)


def test_judgement_naming_an_actor_created_later_applies_on_that_write(store) -> None:
    newcomer = "person:tsend-munkh-orgil"
    store.add_judgement(judge(GAN.id, newcomer, "same"))
    assert store.merged_into() == {}  # not there yet: kept, not applied
    assert [j.b for j in store.judgements()] == [newcomer]
    from actorgraph.core.records import Actor

    tsend = Actor(newcomer, "Tsend Munkh-Orgil", "PERSON", "MNG")
    store.write([resolved("a7", "2026-05-22", [(tsend, "Tsend Munkh-Orgil"), (EVS, "Evsikov")])])
    assert store.merged_into() == {newcomer: GAN.id}
    assert holder(store, "a7", "Tsend Munkh-Orgil") == (GAN.id, newcomer)


def test_rejecting_an_automatic_merge_and_not_same_prevents_it_on_later_ingest(tmp_path) -> None:
    store = open_test_store(tmp_path / "blinken.lbug")
    try:
        ingest_extractions(
            store,
            [
                extraction(
                    "b1",
                    "2026-05-01",
                    [
                        ("Antony Blinken", "USA", "Secretary of State"),
                        ("Batmunkh Battsetseg", "MNG", "Minister"),
                    ],
                ),
                extraction(
                    "b2",
                    "2026-05-02",
                    [
                        ("Anthony Blinken", "USA", "Secretary of State"),
                        ("Batmunkh Battsetseg", "MNG", "Minister"),
                    ],
                ),
            ],
        )
        antony = "person:antony-blinken"
        assert holder(store, "b2", "Anthony Blinken") == (antony, antony)
        explained = [m for m in store.merge_explanations() if m.name == "Anthony Blinken"]
        assert explained and explained[0].method and explained[0].score is not None
        assert explained[0].features  # the features behind the automatic merge are kept
        before = store_dict(store)

        new_id = store.judge_merge(
            antony,
            "Anthony Blinken",
            "person:anthony-blinken",
            "not_same",
            who="tester",
            why="not the same man",
        )
        assert new_id == "person:anthony-blinken"
        assert holder(store, "b2", "Anthony Blinken") == (new_id, new_id)
        assert new_id in ids(store)

        ingest_extractions(
            store,
            [
                extraction(
                    "b3",
                    "2026-05-03",
                    [
                        ("Anthony Blinken", "USA", "Secretary of State"),
                        ("Batmunkh Battsetseg", "MNG", "Minister"),
                    ],
                )
            ],
        )
        assert holder(store, "b3", "Anthony Blinken")[0] == new_id  # never back on Antony

        store.remove_last_judgements()  # undo the rejection: the merge is back
        assert holder(store, "b2", "Anthony Blinken") == (antony, new_id)
        assert new_id not in ids(store)
        after = store_dict(store)
        assert after["actors"] == before["actors"]
    finally:
        store.close()


def test_store_opened_again_keeps_judgements_and_merge_state(tmp_path) -> None:
    path = tmp_path / "reopen.lbug"
    with open_test_store(path) as store:
        store.write(hand_built())
        store.add_judgement(judge(GAN.id, GD.id, "same", "tester", "why"))
    with open_test_store(path) as store:
        assert store.judgements() == [
            Judgement(GAN.id, GD.id, "same", "tester", store.judgements()[0].when, "why")
        ]
        assert store.judgements()[0].when.endswith("Z")
        assert store.merged_into() == {GD.id: GAN.id}
        store.write(hand_built())  # writing the same articles again changes nothing
        assert store.merged_into() == {GD.id: GAN.id}
        assert holder(store, "a2", "G. Dorj") == (GAN.id, GD.id)


def test_rewriting_articles_while_merged_then_splitting_restores_the_export(store) -> None:
    before = store_dict(store)
    store.add_judgement(judge(GAN.id, GD.id, "same"))
    merged = store_dict(store)
    store.write(hand_built())  # e.g. a sync or a forced re-ingest of the same articles
    assert store_dict(store) == merged
    store.add_judgement(judge(GAN.id, GD.id, "not_same"))
    assert store_dict(store) == before


@pytest.mark.parametrize("verdict", ["same", "unsure"])
def test_confirming_an_automatic_merge_keeps_it_and_takes_it_off_the_queue(store, verdict) -> None:
    from actorgraph.graph.review_queue import candidates

    before = store_dict(store)
    assert "Ms. Dorj" in [c.mention for c in candidates(store)]
    new_id = store.judge_merge(GAN.id, "Ms. Dorj", "person:dorj", verdict, who="tester")
    assert new_id == "person:dorj"
    assert holder(store, "a4", "Ms. Dorj") == (GAN.id, new_id)
    assert store.merged_into() == {new_id: GAN.id}
    assert store_dict(store) == before  # nothing visible changed
    assert "Ms. Dorj" not in [c.mention for c in candidates(store)]
    assert [(j.who, j.verdict) for j in store.judgements()] == [
        ("resolver", "same"),
        ("tester", verdict),
    ]
    # the actor it names exists (merged away): nothing stale to report
    from actorgraph.cli.actors import stale_judgements_of

    assert stale_judgements_of(store) == []
