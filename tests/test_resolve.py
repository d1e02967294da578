"""The resolver end to end on hand-built extractions: merges, look-alike traps, explanations,
events, blocking and bad input."""

from __future__ import annotations

import re

import pytest
from resolve_helpers import doc, meet, mention

from actorgraph.core.errors import ResolutionError
from actorgraph.core.records import Actor, Event
from actorgraph.resolve import Resolver, resolve_all, series_id


def ids_of(resolved) -> list[str]:
    return [m.actor_id for m in resolved.mentions]


def test_mongolian_name_forms_are_one_person_across_articles():
    r = Resolver()
    a = r.resolve(
        doc(mention("Ms. Batmunkh Battsetseg", "PERSON", "MNG", "Minister of Foreign Affairs"))
    )
    b = r.resolve(doc(mention("B. Battsetseg", "PERSON")))
    c = r.resolve(doc(mention("Battsetseg Batmunkh", "PERSON", "MNG")))
    d = r.resolve(doc(mention("Батмөнх Батцэцэг", "PERSON")))
    (pid,) = set(ids_of(a) + ids_of(b) + ids_of(c) + ids_of(d))
    assert pid == "person:batmunkh-battsetseg"
    (actor,) = [x for x in r.actors() if x.id == pid]
    assert actor.name == "Batmunkh Battsetseg" and actor.country == "MNG"
    assert actor.title == "Minister of Foreign Affairs"
    assert {"Ms. Batmunkh Battsetseg", "B. Battsetseg", "Battsetseg Batmunkh"} <= set(actor.aliases)
    # the raw text stays on each mention
    assert b.mentions[0].text == "B. Battsetseg"


def test_initial_form_first_then_full_name():
    r = Resolver()
    first = r.resolve(doc(mention("L. Oyun-Erdene", "PERSON", "MNG")))
    second = r.resolve(doc(mention("Luvsannamsrai Oyun-Erdene", "PERSON", "MNG")))
    assert ids_of(first) == ids_of(second)
    assert r.actors()[0].name == "Luvsannamsrai Oyun-Erdene"


def test_misspelt_minister_merges_with_explanation():
    r = Resolver()
    first = r.resolve(doc(mention("Antony Blinken", "PERSON", "USA", "Secretary of State")))
    second = r.resolve(doc(mention("Anthony Blinken", "PERSON", "USA")))
    assert ids_of(first) == ids_of(second) == ["person:antony-blinken"]
    (why,) = second.merges
    assert why.mention == "Anthony Blinken" and why.actor_id == "person:antony-blinken"
    assert why.method == "fuzzy_name" and 0.85 <= why.score < 1.0
    assert why.features["shared_words"] == ["blinken"]
    assert why.features["country"] == "agree"
    assert why.features["fuzzy_words"][0][:2] == ["anthoni", "antoni"]


def test_exact_key_leaves_no_explanation():
    r = Resolver()
    r.resolve(doc(mention("Sergei Shoigu", "PERSON", "RUS")))
    again = r.resolve(doc(mention("Sergei Shoigu", "PERSON", "RUS")))
    assert again.merges == []


def test_surname_in_same_article_attaches_to_full_name():
    r = Resolver()
    out = r.resolve(
        doc(
            mention("Shoigu", "PERSON"),
            mention("Sergei Shoigu", "PERSON", "RUS"),
            mention("Battsetseg", "PERSON"),
            mention("Batmunkh Battsetseg", "PERSON", "MNG"),
        )
    )
    assert ids_of(out) == [
        "person:sergei-shoigu",
        "person:sergei-shoigu",
        "person:batmunkh-battsetseg",
        "person:batmunkh-battsetseg",
    ]
    assert {m.method for m in out.merges} == {"same_article_partial_name"}


def test_given_name_alone_is_not_guessed_when_ambiguous():
    r = Resolver()
    r.resolve(doc(mention("Batmunkh Battsetseg", "PERSON"), mention("Dorj Battsetseg", "PERSON")))
    out = r.resolve(doc(mention("Battsetseg", "PERSON")))
    assert ids_of(out) == ["person:battsetseg"]


@pytest.mark.parametrize(
    "a, b",
    [
        ("D. Munkh-Erdene", "L. Oyun-Erdene"),
        ("D. Munkh-Erdene", "L. Munkh-Erdene"),
        ("B. Battsetseg", "D. Battsetseg"),
    ],
)
def test_person_lookalikes_stay_apart_in_and_across_articles(a, b):
    r = Resolver()
    together = r.resolve(doc(mention(a, "PERSON", "MNG"), mention(b, "PERSON", "MNG")))
    assert len(set(ids_of(together))) == 2
    apart = Resolver()
    x, y = apart.resolve(doc(mention(a, "PERSON"))), apart.resolve(doc(mention(b, "PERSON")))
    assert ids_of(x) != ids_of(y)


@pytest.mark.parametrize(
    "a, b",
    [
        ("South Korea", "North Korea"),
        ("Sudan", "South Sudan"),
        ("South Korean", "North Korean"),
    ],
)
def test_state_lookalikes(a, b):
    r = Resolver()
    out = r.resolve(doc(mention(a, "STATE"), mention(b, "STATE")))
    assert len(set(ids_of(out))) == 2


def test_mongolia_and_inner_mongolia():
    r = Resolver()
    out = r.resolve(
        doc(
            mention("Mongolia", "STATE"),
            mention("Inner Mongolia", "STATE"),
            events=[meet((0, "actor"), (1, "recipient"))],
        )
    )
    assert ids_of(out) == ["state:mng"]  # Inner Mongolia is a region, not an actor
    assert out.events == []
    assert [a.id for a in out.actors] == ["state:mng"]


def test_countries_demonyms_capitals_and_the_kremlin():
    r = Resolver()
    out = r.resolve(
        doc(
            mention("Moscow", "STATE"),
            mention("Russian Federation", "STATE"),
            mention("Russian", "STATE"),
            mention("the Kremlin", "ORGANIZATION"),
            mention("Ulaanbaatar", "STATE"),
            mention("PRC", "STATE"),
        )
    )
    assert ids_of(out) == ["state:rus"] * 4 + ["state:mng", "state:chn"]
    rus = next(a for a in out.actors if a.id == "state:rus")
    assert rus.name == "Russia" and rus.country == "RUS"
    methods = {m.mention: m.method for m in out.merges}
    assert methods["Moscow"] == "country_capital"
    assert methods["Russian"] == "country_demonym"
    assert methods["the Kremlin"] == "curated_alias"
    assert "Russian Federation" not in methods


def test_curated_forces_and_organisations():
    r = Resolver()
    out = r.resolve(
        doc(
            mention("PLA", "MILITARY"),
            mention("People's Liberation Army", "MILITARY"),
            mention("Chinese People's Liberation Army", "MILITARY"),
            mention("the Pentagon", "MILITARY", "USA"),
            mention("Japan Self-Defense Forces", "MILITARY"),
            mention("Japan Ground Self-Defense Force", "MILITARY"),
            mention("State Great Khural", "ORGANIZATION"),
            mention("State Duma", "ORGANIZATION"),
        )
    )
    assert ids_of(out) == ["military:pla"] * 3 + [
        "org:us-dod",
        "military:jsdf",
        "military:jgsdf",
        "org:state-great-khural",
        "org:state-duma",
    ]
    pla = next(a for a in out.actors if a.id == "military:pla")
    assert pla.country == "CHN" and pla.name == "People's Liberation Army"


def test_acronym_defined_in_text_links_within_and_across_articles():
    r = Resolver()
    first = r.resolve(
        doc(
            mention("Mongolian Institute for Strategic Studies", "ORGANIZATION", acronym="MISS"),
            mention("MISS", "ORGANIZATION"),
        )
    )
    later = r.resolve(doc(mention("MISS", "ORGANIZATION")))
    (oid,) = set(ids_of(first) + ids_of(later))
    assert oid == "org:mongolian-institute-for-strategic-studies"
    assert first.merges[0].method == "acronym_in_article"
    assert later.merges[0].method == "acronym"
    # the same letters defined for another body inside one article win there
    other = r.resolve(
        doc(
            mention("Ministry of Industrial Support", "ORGANIZATION", acronym="MISS"),
            mention("MISS", "ORGANIZATION"),
        )
    )
    assert len(set(ids_of(other))) == 1 and ids_of(other)[0] != oid


def test_exercise_editions_are_distinct_actors_of_one_series():
    r = Resolver()
    out = r.resolve(
        doc(mention("Steppe Partner-2024", "EXERCISE"), mention("Steppe Partner 2026", "EXERCISE"))
    )
    assert ids_of(out) == ["exercise:steppe-partner-2024", "exercise:steppe-partner-2026"]
    again = r.resolve(
        doc(mention("Steppe Partner-2026", "EXERCISE"), mention("Steppe Partner", "EXERCISE"))
    )
    assert ids_of(again) == ["exercise:steppe-partner-2026"] * 2
    assert again.merges[0].method == "series_in_article"
    alone = r.resolve(doc(mention("Steppe Partner", "EXERCISE")))
    assert ids_of(alone) == ["exercise:steppe-partner"]
    assert series_id("Steppe Partner-2024") == series_id("Steppe Partner 2026") == ids_of(alone)[0]
    assert series_id("Steppe Partner") is None


def test_same_meeting_in_two_outlets_has_one_event_id():
    r = Resolver()
    one = r.resolve(
        doc(
            mention("Ms. Batmunkh Battsetseg", "PERSON", "MNG"),
            mention("Russian Ambassador Alexei Evsikov", "PERSON", "RUS"),
            events=[meet((0, "actor"), (1, "recipient"))],
            outlet="Montsame",
        )
    )
    two = r.resolve(
        doc(
            mention("Alexei Evsikov", "PERSON", "RUS"),
            mention("B. Battsetseg", "PERSON"),
            events=[meet((1, "actor"), (0, "recipient"))],
            outlet="UB Post",
        )
    )
    assert one.events[0].id == two.events[0].id
    ids = ["person:alexei-evsikov", "person:batmunkh-battsetseg"]
    assert one.events[0].id == Event.make_id("MEET", ids, "2026-05-27", "actual")
    assert {p.mention for p in two.events[0].participants} == {"Alexei Evsikov", "B. Battsetseg"}
    other_day = r.resolve(
        doc(
            mention("Alexei Evsikov", "PERSON"),
            mention("B. Battsetseg", "PERSON"),
            events=[meet((0, "actor"), (1, "recipient"), date="2026-06-03")],
        )
    )
    assert other_day.events[0].id != one.events[0].id


def test_events_drop_repeated_actors_and_need_two():
    r = Resolver()
    out = r.resolve(
        doc(
            mention("Sergei Shoigu", "PERSON", "RUS"),
            mention("Shoigu", "PERSON"),
            mention("Mongolia", "STATE"),
            mention("!!!", "PERSON"),
            events=[
                meet((0, "actor"), (1, "recipient"), (2, "recipient")),
                meet((0, "actor"), (1, "recipient")),
                meet((3, "actor"), (2, "recipient")),
            ],
        )
    )
    (event,) = out.events
    assert [(p.actor_id, p.role) for p in event.participants] == [
        ("person:sergei-shoigu", "actor"),
        ("state:mng", "recipient"),
    ]
    assert event.article_id == out.article.id and event.sentence == "They met."


def test_known_actors_from_the_store_are_reused():
    known = [
        Actor(
            "person:battsetseg-batmunkh",
            "Battsetseg Batmunkh",
            "PERSON",
            "MNG",
            "Minister",
            ["Battsetseg Batmunkh", "B. Battsetseg"],
        ),
        Actor("org:sco", "Shanghai Cooperation Organisation", "ORGANIZATION", None, None, ["SCO"]),
    ]
    r = Resolver(known)
    out = r.resolve(
        doc(mention("Ms. Batmunkh Battsetseg", "PERSON"), mention("SCO", "ORGANIZATION"))
    )
    assert ids_of(out) == ["person:battsetseg-batmunkh", "org:sco"]
    assert len(r.actors()) == 2


def test_actor_ids_are_readable_lowercase_ascii():
    r = Resolver()
    out = r.resolve(
        doc(
            mention("Dr. José Ramos-Horta", "PERSON"),
            mention("Khaan Quest 2026", "EXERCISE"),
            mention("Mongolia", "STATE"),
            mention("Wildlife Conservation Society", "ORGANIZATION"),
        )
    )
    assert ids_of(out) == [
        "person:jose-ramos-horta",
        "exercise:khaan-quest-2026",
        "state:mng",
        "org:wildlife-conservation-society",
    ]
    assert all(re.fullmatch(r"[a-z]+:[a-z0-9-]+", i) for i in ids_of(out))


def test_same_name_with_different_types_never_merges():
    r = Resolver()
    out = r.resolve(
        doc(
            mention("Selenge", "PERSON"),
            mention("Selenge", "EXERCISE"),
            mention("Selenge", "ORGANIZATION"),
            mention("Mongolia", "PERSON"),
            mention("Mongolia", "STATE"),
        )
    )
    assert len(set(ids_of(out))) == 5


@pytest.mark.parametrize("name", ["A", "x", "...", "!!!", "\u2014", " ", ""])
def test_one_character_and_punctuation_names_are_not_actors(name):
    r = Resolver()
    out = r.resolve(
        doc(
            mention(name, "PERSON"),
            mention(name, "ORGANIZATION"),
            mention("Mongolia", "STATE"),
            events=[meet((0, "actor"), (2, "recipient"))],
        )
    )
    assert ids_of(out) == ["state:mng"] and out.events == []


def test_very_long_names_do_not_crash_or_merge():
    r = Resolver()
    long_a = "Battsetseg " * 45 + "Alpha"
    long_b = "Committee " + "Strategic " * 50
    out = r.resolve(
        doc(
            mention(long_a, "PERSON"),
            mention(long_b, "ORGANIZATION"),
            mention("Batmunkh Battsetseg", "PERSON"),
        )
    )
    ids = ids_of(out)
    assert len(set(ids)) == 3
    assert all(len(i) < 100 for i in ids)
    assert all(len(alias) <= 200 for a in out.actors for alias in a.aliases)


def test_mentions_that_are_not_actors_are_skipped():
    r = Resolver()
    out = r.resolve(doc(mention("Darkhan", "LOCATION"), mention("Mongolia", "STATE")))
    assert ids_of(out) == ["state:mng"]


def test_participant_index_out_of_range_is_a_clear_error():
    r = Resolver()
    bad = doc(mention("Mongolia", "STATE"), events=[meet((0, "actor"), (5, "recipient"))])
    with pytest.raises(ResolutionError, match=r"https://news.test/\d+: event 'MEET'"):
        r.resolve(bad)


def test_blocking_keeps_comparisons_linear():
    def comparisons(n: int) -> int:
        r = Resolver()
        for i in range(n):
            given = "".join(
                "bcdfghjklmnprstvz"[(i >> (4 * k)) % 16] + "ae"[k % 2] for k in range(4)
            )
            r.resolve(
                doc(
                    mention(f"Dorj {given.capitalize()}naa", "PERSON"),
                    mention(f"{given.capitalize()} Agency", "ORGANIZATION"),
                )
            )
        return r.comparisons

    small, large = comparisons(300), comparisons(600)
    assert large <= 2.5 * max(small, 1)
    assert large < 600 * 2 * 50  # far below all pairs (600*2)**2 / 2


def test_resolve_all_shares_one_resolver():
    out = resolve_all(
        [doc(mention("Antony Blinken", "PERSON")), doc(mention("Anthony Blinken", "PERSON"))]
    )
    assert ids_of(out[0]) == ids_of(out[1])


def test_acronym_spelled_by_a_known_name_links_when_unique():
    r = Resolver()
    r.resolve(doc(mention("Korea Internet and Security Agency", "ORGANIZATION", "KOR")))
    out = r.resolve(doc(mention("KISA", "ORGANIZATION", "KOR")))
    assert ids_of(out) == ["org:korea-internet-and-security-agency"]
    assert out.merges[0].method == "acronym_initials"
    r.resolve(doc(mention("Korea Industrial Safety Authority", "ORGANIZATION", "KOR")))
    ambiguous = r.resolve(doc(mention("KISA", "ORGANIZATION", "KOR")))
    # a known alias now; a fresh resolver facing two spellers would not guess
    fresh = Resolver()
    fresh.resolve(
        doc(
            mention("Korea Internet and Security Agency", "ORGANIZATION", "KOR"),
            mention("Korea Industrial Safety Authority", "ORGANIZATION", "KOR"),
        )
    )
    assert ids_of(fresh.resolve(doc(mention("KISA", "ORGANIZATION", "KOR")))) == ["org:kisa"]
    assert ids_of(ambiguous) == ids_of(out)


def test_exercise_abbreviation_with_edition():
    r = Resolver()
    r.resolve(doc(mention("Khaan Quest 2026", "EXERCISE"), mention("Khaan Quest 2025", "EXERCISE")))
    out = r.resolve(doc(mention("KQ26", "EXERCISE")))
    assert ids_of(out) == ["exercise:khaan-quest-2026"]
    assert out.merges[0].method == "exercise_abbreviation"


def test_hyphenated_and_spaced_given_names_are_one_person():
    r = Resolver()
    a = r.resolve(doc(mention("Jung Sung Ho", "PERSON", "KOR")))
    b = r.resolve(doc(mention("Jung Sung-ho", "PERSON", "KOR")))
    c = r.resolve(doc(mention("Kim Jong Un", "PERSON", "PRK"), mention("Kim Jong-un", "PERSON")))
    assert ids_of(a) == ids_of(b)
    assert b.merges[0].method == "word_spacing"
    assert len(set(ids_of(c))) == 1


def test_short_surname_needs_agreeing_country_across_articles():
    unknown = Resolver()
    unknown.resolve(doc(mention("Wang Yi", "PERSON", "CHN")))
    assert ids_of(unknown.resolve(doc(mention("Wang", "PERSON")))) == ["person:wang"]
    r = Resolver()
    r.resolve(doc(mention("Wang Yi", "PERSON", "CHN")))
    assert ids_of(r.resolve(doc(mention("Wang", "PERSON", "CHN")))) == ["person:wang-yi"]
    r.resolve(doc(mention("Wang Lixia", "PERSON", "CHN")))  # now "Wang" is ambiguous
    assert ids_of(r.resolve(doc(mention("Wang", "PERSON", "CHN")))) == ["person:wang"]


def test_country_named_in_one_name_only_must_match_the_other_country():
    full = "Mongolian Institute for Strategic Studies"
    r = Resolver()
    r.resolve(doc(mention(full, "ORGANIZATION")))
    out = r.resolve(doc(mention("Institute for Strategic Studies", "ORGANIZATION")))
    assert ids_of(out) == ["org:institute-for-strategic-studies"]
    r = Resolver()
    r.resolve(doc(mention(full, "ORGANIZATION", "MNG")))
    same = r.resolve(doc(mention("Institute for Strategic Studies", "ORGANIZATION", "MNG")))
    assert ids_of(same) == ["org:mongolian-institute-for-strategic-studies"]
    assert same.merges[0].method == "country_implied"


def test_curated_body_implied_by_the_country_of_the_mention():
    r = Resolver()
    out = r.resolve(
        doc(
            mention("Ministry of Defence", "ORGANIZATION", "MNG"),
            mention("Ministry of Defence", "ORGANIZATION", "RUS"),
            mention("Ministry of Defence", "ORGANIZATION"),
        )
    )
    assert ids_of(out) == ["org:mng-mod", "org:rus-mod", "org:ministry-of-defence"]
    assert out.merges[0].method == "curated_alias_country"


def test_generic_bodies_without_country_are_not_actors():
    r = Resolver()
    out = r.resolve(
        doc(
            mention("the Council", "ORGANIZATION"),
            mention("Army", "MILITARY"),
            mention("Army", "MILITARY", "JPN"),
        )
    )
    assert ids_of(out) == ["military:army"]
    assert out.actors[0].country == "JPN"


def test_fuller_person_name_in_an_article_names_the_actor():
    r = Resolver()
    out = r.resolve(
        doc(mention("B. Battsetseg", "PERSON"), mention("Batmunkh Battsetseg", "PERSON"))
    )
    assert ids_of(out) == ["person:batmunkh-battsetseg"] * 2


def test_exercise_editions_are_distinct_actors_linked_to_their_series() -> None:
    from actorgraph.resolve.resolver import series_name

    assert series_name("Steppe Partner-2024") == "Steppe Partner"
    assert series_name("Steppe Partner 2026") == "Steppe Partner"
    assert series_name("Khaan Quest") is None
