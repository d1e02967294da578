"""Judgements (same / not same / unsure) applied by the resolver, their JSON form, and the
pairwise evaluation of resolution against a gold file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from resolve_helpers import doc, mention

from actorgraph.core.errors import ResolutionError
from actorgraph.resolve import (
    Judgement,
    Resolver,
    evaluate_resolution,
    judge,
    judgements_from_json,
    judgements_to_json,
    load_judgements,
    save_judgements,
)

GOLD = Path(__file__).parent / "data" / "gold" / "resolution.json"
FULL, SHORT = "person:batmunkh-battsetseg", "person:b-battsetseg"


def ids_of(resolved) -> list[str]:
    return [m.actor_id for m in resolved.mentions]


def _articles():
    return [
        doc(mention("Batmunkh Battsetseg", "PERSON", "MNG")),
        doc(mention("B. Battsetseg", "PERSON")),
        doc(mention("B. Battsetseg", "PERSON")),
    ]


def test_not_same_blocks_a_merge_and_survives_a_reingest():
    verdict = judge(FULL, SHORT, "not_same", who="analyst", why="different ministries")
    first = Resolver(judgements=[verdict])
    out = [first.resolve(d) for d in _articles()]
    assert [ids_of(o)[0] for o in out] == [FULL, SHORT, SHORT]
    assert all(o.merges == [] for o in out[1:])
    # a later run starts from the stored actors (whose aliases may predate the judgement)
    stored = [a for a in Resolver().actors()]
    unjudged = Resolver()
    for d in _articles():
        unjudged.resolve(d)
    stored = unjudged.actors()
    assert len(stored) == 1 and "B. Battsetseg" in stored[0].aliases
    again = Resolver(stored, judgements=[verdict])
    assert ids_of(again.resolve(doc(mention("B. Battsetseg", "PERSON")))) == [SHORT]


def test_same_joins_actors_that_would_stay_apart():
    names = ["Defence Research Institute", "Institute for Defence Studies"]
    r = Resolver()
    a, b = (ids_of(r.resolve(doc(mention(n, "ORGANIZATION"))))[0] for n in names)
    assert a != b
    r.judge(judge(a, b, "same", who="analyst"))
    out = r.resolve(doc(mention(names[1], "ORGANIZATION")))
    assert ids_of(out) == [a]
    assert out.merges[0].method == "judgement"
    fresh = Resolver(r.actors(), judgements=r.judgements())
    assert ids_of(fresh.resolve(doc(mention(names[1], "ORGANIZATION")))) == [a]


def test_latest_verdict_wins_and_unsure_changes_nothing():
    # "unsure" decides nothing: the earlier not_same stands (the store's rule, core.merge)
    r = Resolver(judgements=[judge(FULL, SHORT, "not_same"), judge(SHORT, FULL, "unsure")])
    out = [ids_of(r.resolve(d))[0] for d in _articles()]
    assert out == [FULL, SHORT, SHORT]
    r = Resolver(judgements=[judge(FULL, SHORT, "not_same"), judge(SHORT, FULL, "same")])
    assert [ids_of(r.resolve(d))[0] for d in _articles()] == [FULL, FULL, FULL]


def test_json_round_trip(tmp_path):
    items = [
        Judgement(FULL, SHORT, "not_same", "ana", "2026-05-28T10:00:00Z", "two people"),
        Judgement("org:a", "org:b", "same", "bo", "2026-05-29T10:00:00Z", ""),
    ]
    assert judgements_from_json(judgements_to_json(items)) == items
    path = tmp_path / "judgements.json"
    save_judgements(path, items)
    assert load_judgements(path) == items
    assert json.loads(path.read_text())["judgements"][0]["verdict"] == "not_same"


@pytest.mark.parametrize(
    "text, message",
    [
        ("not json", "not a judgements file"),
        ('{"judgements": [{"a": "x"}]}', "not a judgements file"),
        ('{"judgements": [{"a": "x", "b": "y", "verdict": "maybe"}]}', "verdict 'maybe'"),
        ('{"judgements": [{"a": "x", "b": "x", "verdict": "same"}]}', "two different actor ids"),
    ],
)
def test_bad_judgement_files_name_the_input(text, message):
    with pytest.raises(ResolutionError, match=message) as err:
        judgements_from_json(text, "team.json")
    assert str(err.value).startswith("team.json: ")


def test_missing_file_is_a_resolution_error(tmp_path):
    with pytest.raises(ResolutionError, match="cannot read judgements"):
        load_judgements(tmp_path / "nope.json")


def test_judgement_on_a_missing_actor_is_reported():
    r = Resolver(judgements=[judge(FULL, "person:gone", "same")])
    r.resolve(doc(mention("Batmunkh Battsetseg", "PERSON")))
    (stale,) = r.stale_judgements()
    assert stale.b == "person:gone"


def _write_gold(path: Path) -> None:
    path.write_text(
        json.dumps(
            {
                "clusters": [
                    {
                        "type": "PERSON",
                        "country": "MNG",
                        "names": [
                            "B. Battsetseg",
                            "Ms. Batmunkh Battsetseg",
                            "Battsetseg Batmunkh",
                        ],
                    },
                    {
                        "type": "PERSON",
                        "country": "USA",
                        "names": ["Antony Blinken", "Anthony Blinken"],
                    },
                    {"type": "MILITARY", "names": ["PLA", "People's Liberation Army"]},
                    {"type": "PERSON", "names": ["Qwerty Zxcvbn", "Q. Zxcvbm"]},
                ],
                "distinct": [
                    {"type": "STATE", "names": ["South Korea", "North Korea"]},
                    {"type": "PERSON", "names": ["D. Munkh-Erdene", "L. Oyun-Erdene"]},
                    {"type": "STATE", "names": ["Sudan", "South Sudan"]},
                ],
            }
        ),
        encoding="utf-8",
    )


def test_evaluation_counts_pairs(tmp_path):
    gold = tmp_path / "resolution.json"
    _write_gold(gold)
    scores = evaluate_resolution(gold)
    # 3 + 1 + 1 + 1 gold pairs; the made-up misspelt pair has no shared word and is missed
    assert scores.gold_pairs == 6 and scores.correct_pairs == 5
    assert scores.precision == 1.0 and scores.recall == pytest.approx(5 / 6)
    assert scores.missed == [("PERSON:Q. Zxcvbm", "PERSON:Qwerty Zxcvbn")]
    assert "precision 1.000" in scores.line()


def test_bad_gold_file_names_the_input(tmp_path):
    bad = tmp_path / "gold.json"
    bad.write_text('{"clusters": [{"type": "PLANET", "names": ["Mars"]}]}', encoding="utf-8")
    with pytest.raises(ResolutionError, match="gold.json: clusters\\[0\\] is not valid"):
        evaluate_resolution(bad)


@pytest.mark.skipif(not GOLD.exists(), reason="tests/data/gold/resolution.json not written yet")
def test_gold_set_thresholds():
    scores = evaluate_resolution(GOLD)
    assert scores.precision >= 0.99, scores.false_merges
    assert scores.recall >= 0.95, scores.missed


def test_review_lists_lookalikes_most_doubtful_first_and_skips_judged_pairs():
    from actorgraph.resolve import review_pairs

    r = Resolver()
    r.resolve(doc(mention("E. Nomin", "PERSON", "MNG")))
    r.resolve(doc(mention("E. Nomin", "PERSON", "JPN")))
    r.resolve(
        doc(
            mention("D. Munkh-Erdene", "PERSON", "MNG"), mention("L. Munkh-Erdene", "PERSON", "MNG")
        )
    )
    r.resolve(doc(mention("Sergei Shoigu", "PERSON", "RUS")))
    pairs = review_pairs(r.actors())
    assert [(p.a, p.b) for p in pairs] == [
        ("person:e-nomin", "person:e-nomin-jpn"),
        ("person:d-munkh-erdene", "person:l-munkh-erdene"),
    ]
    assert pairs[0].features["country_conflict"] == ["MNG", "JPN"]
    assert pairs[1].blocked == "initial"
    judged = [judge("person:e-nomin-jpn", "person:e-nomin", "not_same")]
    assert len(review_pairs(r.actors(), judged)) == 1
