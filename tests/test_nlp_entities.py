"""Entities: the ruler (exercises, forces), trimming, mislabel fixes, country and title."""

from __future__ import annotations

import pytest
from nlp_helpers import actors, article, mention

from actorgraph.core.errors import ExtractionError
from actorgraph.core.settings import Settings


@pytest.mark.parametrize(
    "text,name",
    [
        ("Engineers from both countries opened Gobi Wolf 2025 near Sainshand.", "Gobi Wolf 2025"),
        (
            "Officers reviewed lessons from Steppe Partner-2024 at the academy.",
            "Steppe Partner-2024",
        ),
        ("Around 300 troops joined Selenge-2023 on the northern border.", "Selenge-2023"),
        ("A rifle company trained for Khaan Quest during the spring.", "Khaan Quest"),
        ("Sappers will take part in Road-2027 next summer.", "Road-2027"),
        (
            "Observers followed Northern Interaction-2025 from a hilltop.",
            "Northern Interaction-2025",
        ),
        ("Dozens of nations sent units to EFES-2024 in the Aegean.", "EFES-2024"),
    ],
)
def test_exercise_editions(extractor, text, name):
    ex = extractor.extract(article(text))
    assert actors(ex).get(name) == "EXERCISE"


def test_one_word_series_needs_its_year(extractor):
    ex = extractor.extract(article("Herders in Selenge province repaired the road to Darkhan."))
    assert "EXERCISE" not in actors(ex).values()


@pytest.mark.parametrize(
    "text,name,country",
    [
        (
            "The Armed Forces of Mongolia sent a medical team to the flood zone.",
            "Armed Forces of Mongolia",
            "MNG",
        ),
        ("Officers of the PLA 80th Group Army briefed the visitors.", "PLA 80th Group Army", "CHN"),
        (
            "The Japan Ground Self-Defense Force lent two graders to the project.",
            "Japan Ground Self-Defense Force",
            "JPN",
        ),
        (
            "The 230th Peacekeeping Battalion rotated home in March.",
            "230th Peacekeeping Battalion",
            None,
        ),
        ("A Kazakh Armed Forces delegation toured the barracks.", "Kazakh Armed Forces", "KAZ"),
        (
            "Soldiers of the People's Liberation Army cleared the pass.",
            "People's Liberation Army",
            "CHN",
        ),
    ],
)
def test_forces_and_units(extractor, text, name, country):
    ex = extractor.extract(article(text))
    m = mention(ex, name)
    assert m.type == "MILITARY"
    assert m.country == country


def test_trimming_leading_the_and_possessive(extractor):
    ex = extractor.extract(article("The Shanghai Cooperation Organization's secretariat replied."))
    names = [m.name for m in ex.mentions]
    assert "Shanghai Cooperation Organization" in names
    assert not any(n.lower().startswith("the ") or n.endswith("'s") for n in names)


def test_country_normalisation_comes_after_ner(extractor):
    ex = extractor.extract(article("The Mongolia-Japan Joint Committee met for the ninth time."))
    assert "Mongolia-Japan Joint Committee" in actors(ex)
    assert "Mongolia" not in actors(ex)


def test_capital_as_government_and_as_place(extractor):
    ex = extractor.extract(
        article(
            "Beijing rejected the report on Friday. "
            "The delegation later flew to Beijing for a forum."
        )
    )
    states = [m for m in ex.mentions if m.type == "STATE"]
    assert [(m.text, m.name, m.country) for m in states] == [("Beijing", "China", "CHN")]


def test_places_are_not_actors(extractor):
    ex = extractor.extract(
        article("The convoy crossed Inner Mongolia before reaching Erenhot and then Zamyn-Uud.")
    )
    assert "Inner Mongolia" not in actors(ex)
    assert not any(m.type == "STATE" and m.country == "MNG" for m in ex.mentions)


def test_country_and_title_from_adjective(extractor):
    ex = extractor.extract(
        article("Turkish Ambassador Ahmet Yilmaz presented a plaque to the school.")
    )
    m = mention(ex, "Ahmet Yilmaz")
    assert (m.type, m.country, m.title) == ("PERSON", "TUR", "Ambassador")


def test_country_and_title_from_possessive(extractor):
    ex = extractor.extract(article("Japan's Minister of Defense Kenji Sato inspected the depot."))
    m = mention(ex, "Kenji Sato")
    assert m.country == "JPN"
    assert m.title == "Minister of Defense"


def test_country_and_title_from_apposition(extractor):
    ex = extractor.extract(
        article("Nikolai Petrov, Deputy Chief of Russia's General Staff, spoke to reporters.")
    )
    m = mention(ex, "Nikolai Petrov")
    assert m.country == "RUS"
    assert m.title and m.title.startswith("Deputy Chief")


def test_counterpart_gives_country(extractor):
    ex = extractor.extract(
        article(
            "Lee Jae-sung later called his Mongolian counterpart, Ts. Enkhbold, "
            "to confirm the dates."
        )
    )
    m = mention(ex, "Ts. Enkhbold")
    assert (m.type, m.country) == ("PERSON", "MNG")


def test_short_form_inherits_country(extractor):
    ex = extractor.extract(
        article("Chinese Defence Minister Dong Jun arrived on Monday. Dong toured a cavalry unit.")
    )
    assert {m.country for m in ex.mentions if m.type == "PERSON"} == {"CHN"}


def test_byline_and_photo_credit_are_not_actors(extractor):
    text = (
        "By Sarah Whitfield\n\nThe Mongolian Armed Forces held a parade in the square.\n\n"
        "Photo: Bat-Erdene Gankhuyag / Gobi Wire"
    )
    ex = extractor.extract(article(text))
    names = set(actors(ex))
    assert "Sarah Whitfield" not in names
    assert "Bat-Erdene Gankhuyag" not in names
    assert "Mongolian Armed Forces" in names


def test_mention_offsets_point_into_the_text(extractor):
    text = "Oyun-Erdene Luvsannamsrai met Kazakh Foreign Minister Murat Nurtleu in Astana."
    ex = extractor.extract(article(text))
    assert ex.mentions
    for m in ex.mentions:
        assert text[m.start : m.end] == m.text


def test_acronym_defined_in_text(extractor):
    ex = extractor.extract(
        article(
            "The Collective Security Treaty Organization (CSTO) held a summit. Later the CSTO said "
            "Mongolia was not a candidate."
        )
    )
    full = mention(ex, "Collective Security Treaty Organization")
    assert full.acronym == "CSTO"
    assert sum(1 for m in ex.mentions if m.name == "CSTO") >= 1


def test_missing_model_is_a_clear_error():
    from actorgraph.nlp import Extractor

    with pytest.raises(ExtractionError, match="no_such_model_xx.*pip install"):
        Extractor(Settings(model="no_such_model_xx"))
