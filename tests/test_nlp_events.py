"""Events: verbal, nominal, passive, coordinated and multi-party forms; roles; status; place."""

from __future__ import annotations

from nlp_helpers import article, events, pairs

from actorgraph.nlp.grouping import group_mentions


def test_verbal_meeting_roles_place_and_sentence(extractor):
    text = (
        "Mongolian Defence Minister G. Saikhanbayar met Turkish Defence Minister Yasar Guler "
        "in Ankara on Tuesday. Both sides praised the cadet exchange."
    )
    ex = extractor.extract(article(text))
    assert events(ex)[0] == (
        "MEET",
        "actual",
        frozenset({("G. Saikhanbayar", "actor"), ("Yasar Guler", "recipient")}),
    )
    ev = ex.events[0]
    assert ev.place == "Ankara"
    assert text[ev.start : ev.end] == ev.sentence
    assert ev.sentence.startswith("Mongolian Defence Minister")
    assert ev.date == "2026-05-26" and ev.date_basis == "text"


def test_nominal_talks_with(extractor):
    ex = extractor.extract(
        article("Kazakh Foreign Minister Murat Nurtleu held talks with B. Battsetseg in Astana.")
    )
    assert frozenset({"Murat Nurtleu", "B. Battsetseg"}) in pairs(ex)
    assert ex.events[0].type == "MEET"


def test_nominal_visit_of_x_to_y(extractor):
    ex = extractor.extract(
        article(
            "The visit of Indian President Droupadi Murmu to Mongolia "
            "ended with a cultural evening."
        )
    )
    assert (
        "VISIT",
        "actual",
        frozenset({("Droupadi Murmu", "actor"), ("Mongolia", "recipient")}),
    ) in events(ex)


def test_passive_received_by(extractor):
    ex = extractor.extract(
        article("Vietnamese Ambassador Nguyen Van Thanh was received by President U. Khurelsukh.")
    )
    assert (
        "MEET",
        "actual",
        frozenset({("U. Khurelsukh", "actor"), ("Nguyen Van Thanh", "recipient")}),
    ) in events(ex)


def test_coordinated_participants_of_an_exercise(extractor):
    ex = extractor.extract(
        article("Gobi Wolf 2025 gathered rescuers from Mongolia, Kazakhstan, India and Nepal.")
    )
    kinds = {e.type for e in ex.events}
    assert kinds == {"PARTICIPATE"}
    names = {ex.mentions[i].name for i, _ in ex.events[0].participants}
    assert names == {"Gobi Wolf 2025", "Mongolia", "Kazakhstan", "India", "Nepal"}


def test_apposition_names_the_exercise(extractor):
    ex = extractor.extract(
        article(
            "Thailand and Mongolia will co-host a medical drill, Pacific Angel 2026, in July. "
            "Singapore joined Pacific Angel 2026 last year."
        )
    )
    assert frozenset({"Singapore", "Pacific Angel 2026"}) in pairs(ex)


def test_multi_party_agreement(extractor):
    ex = extractor.extract(
        article("Mongolia, Russia and China signed a memorandum on transit corridors on Monday.")
    )
    agree = [e for e in ex.events if e.type == "AGREE"]
    assert agree and {ex.mentions[i].name for i, _ in agree[0].participants} == {
        "Mongolia",
        "Russia",
        "China",
    }
    assert agree[0].date == "2026-05-25"


def test_negated_event_is_kept_as_negated(extractor):
    ex = extractor.extract(
        article("Premier Li Qiang did not meet Prime Minister Zandanshatar during the forum.")
    )
    assert [e.status for e in ex.events] == ["negated"]
    assert pairs(ex) == set()


def test_future_and_invitation(extractor):
    ex = extractor.extract(
        article(
            "Austrian Chancellor Karl Nehammer will visit Mongolia in September. "
            "Khurelsukh invited Emmanuel Macron to visit Ulaanbaatar."
        )
    )
    assert ex.events and all(e.status == "future" for e in ex.events)
    assert pairs(ex) == set()


def test_hypothetical(extractor):
    ex = extractor.extract(article("Analysts said Moscow could deploy troops to Belarus."))
    assert all(e.status == "hypothetical" for e in ex.events)


def test_pronoun_and_the_two_ministers(extractor):
    ex = extractor.extract(
        article(
            "Lithuanian Foreign Minister Kestutis Budrys arrived in Ulaanbaatar on Monday. "
            "He met B. Battsetseg at the State House. The two ministers signed a visa agreement."
        )
    )
    assert frozenset({"Kestutis Budrys", "B. Battsetseg"}) in pairs(ex)
    kinds = {e.type for e in ex.events if e.status == "actual"}
    assert {"MEET", "AGREE"} <= kinds


def test_cyber_attack_and_accusation(extractor):
    ex = extractor.extract(
        article(
            "Poland accused Belarus of a cyberattack on its tax office. "
            "Hackers attacked the network."
        )
    )
    assert (
        "ACCUSE",
        "actual",
        frozenset({("Poland", "actor"), ("Belarus", "recipient")}),
    ) in events(ex)


def test_aid_and_deploy(extractor):
    ex = extractor.extract(
        article(
            "Japan donated two fire engines to Mongolia. Mongolia deployed a field hospital to "
            "South Sudan last year."
        )
    )
    kinds = {(e.type, frozenset(ex.mentions[i].name for i, _ in e.participants)) for e in ex.events}
    assert ("AID", frozenset({"Japan", "Mongolia"})) in kinds
    assert ("DEPLOY", frozenset({"Mongolia", "South Sudan"})) in kinds


def test_one_actor_is_not_an_interaction(extractor):
    ex = extractor.extract(
        article("Mongolia held a parade on Naadam day. Shoigu met reporters at the airport.")
    )
    assert ex.events == []


def test_same_person_under_two_names_is_one_participant(extractor):
    ex = extractor.extract(
        article("Batmunkh Battsetseg spoke first. Later B. Battsetseg met Battsetseg's staff.")
    )
    groups = group_mentions(ex.mentions)
    assert len({g for m, g in zip(ex.mentions, groups, strict=True) if m.type == "PERSON"}) == 1
    assert ex.events == []


def test_heads_of_two_national_delegations_met(extractor):
    ex = extractor.extract(
        article(
            "Mongolia and Kazakhstan held border talks in Astana on Monday. The Mongolian side "
            "was led by Deputy Foreign Minister S. Enkhtaivan and the Kazakh side by Deputy "
            "Foreign Minister Roman Vassilenko."
        )
    )
    assert (
        "MEET",
        "actual",
        frozenset({("S. Enkhtaivan", "participant"), ("Roman Vassilenko", "participant")}),
    ) in events(ex)
    planned = extractor.extract(
        article(
            "The Mongolian delegation will be headed by Defence Minister D. Ganzorig, and the "
            "Japanese side by Defense Minister Shinjiro Koizumi."
        )
    )
    assert [e.status for e in planned.events] == ["future"]


def test_one_side_or_no_nation_is_no_meeting(extractor):
    one = extractor.extract(
        article("The Mongolian side was led by Deputy Foreign Minister S. Enkhtaivan in Astana.")
    )
    assert not one.events
    river = extractor.extract(
        article(
            "The east side was painted by Erdene Bat, and the west side by Sarnai Dorj, "
            "two local artists."
        )
    )
    assert not river.events


def test_caption_joint_review_is_a_meeting(extractor):
    ex = extractor.extract(
        article(
            "Chilean Defence Minister Ana Soto and Mongolian Minister D. Bat "
            "inspect the guard of honour in Ulaanbaatar."
        )
    )
    assert frozenset({"Ana Soto", "D. Bat"}) in pairs(ex)
    assert {e.type for e in ex.events} == {"MEET"}


def test_delegation_led_by_stands_for_its_leader(extractor):
    ex = extractor.extract(
        article(
            "Defence Minister B. Bold on Monday received a delegation headed by "
            "Chilean Defence Minister Ana Soto."
        )
    )
    assert (
        "MEET",
        "actual",
        frozenset({("B. Bold", "actor"), ("Ana Soto", "recipient")}),
    ) in events(ex)


def test_deployment_to_missions_in_places(extractor):
    ex = extractor.extract(
        article("Mongolia's engineer units have deployed to UN missions in Mali and Haiti.")
    )
    got = pairs(ex)
    assert frozenset({"Mongolia", "Mali"}) in got
    assert frozenset({"Mongolia", "Haiti"}) in got
    assert {e.type for e in ex.events} == {"DEPLOY"}


def test_membership_of_an_organisation_is_cooperation(extractor):
    ex = extractor.extract(
        article("Nepal's membership of the World Health Organization dates from 1953.")
    )
    assert frozenset({"Nepal", "World Health Organization"}) in pairs(ex)
    assert {e.type for e in ex.events} == {"COOPERATE"}


def test_built_with_support_from_is_aid(extractor):
    ex = extractor.extract(article("Mongolia paved the new highway with support from Kuwait."))
    assert frozenset({"Mongolia", "Kuwait"}) in pairs(ex)
    assert {e.type for e in ex.events} == {"AID"}


def test_support_alone_is_not_aid(extractor):
    ex = extractor.extract(article("Mongolia voiced support for Kuwait at the forum."))
    assert "AID" not in {e.type for e in ex.events}
