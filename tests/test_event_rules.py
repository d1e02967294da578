"""One test per event rule of ``nlp/rules/`` and ``nlp/exercises.py`` (sentences of our own
writing, in the constructions of wire copy, ministry readouts and military press)."""

from __future__ import annotations

from nlp_helpers import article, events, pairs

from actorgraph.core.kb.lexicon import event_words
from actorgraph.nlp.rules import REFERENTS, SENTENCE_RULES


def test_word_lists_are_data():
    assert "will" in event_words("future_aux")
    assert "observers" in event_words("exercise_non_participants")


def test_registries_name_every_rule():
    assert {"stay", "delegation_heads", "visiting_participle"} <= set(SENTENCE_RULES)
    assert all(callable(r) for r in REFERENTS)


def test_or_names_alternatives_not_a_pair(extractor):
    """Referent rule ``conjuncts``: "X or Y" is one party named twice, or one of two."""
    ex = extractor.extract(
        article(
            "Mongolia signed the border treaty with Russia or the Soviet Union in 1958, "
            "historians disagree on the name."
        )
    )
    assert frozenset({"Russia", "Soviet Union"}) not in pairs(ex)


def test_he_after_a_person_in_the_same_sentence(extractor):
    """Referent rule ``person_pronoun``: the person named earlier in the sentence."""
    ex = extractor.extract(
        article(
            "Foreign Minister B. Battsetseg welcomed Ambassador Mark Reed on Monday. "
            "During the visit of the Foreign Minister of Austria, Anna Berger, to Mongolia, "
            "he held a meeting with the Speaker, D. Amarbayasgalan."
        )
    )
    assert frozenset({"Anna Berger", "D. Amarbayasgalan"}) in pairs(ex)
    assert frozenset({"B. Battsetseg", "D. Amarbayasgalan"}) not in pairs(ex)


def test_visit_of_title_name_to_state(extractor):
    """``_host_after_to``: "the visit of <title> of X, <name>, to Y" makes <name> visit Y."""
    ex = extractor.extract(
        article(
            "In May, during the visit of the Minister of Defence of Mongolia, G. Saikhanbayar, "
            "to Turkey, he also toured a drone factory."
        )
    )
    assert (
        "VISIT",
        "actual",
        frozenset({("G. Saikhanbayar", "actor"), ("Turkey", "recipient")}),
    ) in events(ex)


def test_visiting_participle(extractor):
    """Sentence rule ``visiting_participle``: the visitor meets the host and visits its state."""
    ex = extractor.extract(
        article(
            "Mongolia and Japan agreed to expand cadet exchanges. "
            "Visiting Japanese Defence Minister Kenji Mori held talks with Mongolian Defence "
            "Minister G. Saikhanbayar on Tuesday."
        )
    )
    found = events(ex)
    assert ("VISIT", "actual", frozenset({("Kenji Mori", "actor"), ("Mongolia", "recipient")})) in (
        found
    )
    assert frozenset({"Kenji Mori", "G. Saikhanbayar"}) in pairs(ex)


def _exercise_parts(ex) -> set[str]:
    return {
        ex.mentions[i].name
        for e in ex.events
        if e.type == "PARTICIPATE" and e.status == "actual"
        for i, _ in e.participants
    }


def test_exercise_negated_clause_keeps_the_rest(extractor):
    """``_in_negated_clause``: "…, while China did not send troops" negates China only."""
    ex = extractor.extract(
        article(
            "Exercise Gobi Shield 2026 opened on Monday near Sainshand. This year, troops from "
            "Japan, India and Germany joined the drill, while China did not send a contingent."
        )
    )
    parts = _exercise_parts(ex)
    assert {"Japan", "India", "Germany"} <= parts
    assert "China" not in parts


def test_exercise_attendees_and_affiliations_do_not_take_part(extractor):
    """``_attendee`` and ``_affiliation``: officials from X attend; a general's force is his."""
    ex = extractor.extract(
        article(
            "Exercise Gobi Shield 2026 closed on Friday with a ceremony attended by senior "
            "officials from Kazakhstan and Turkey. Soldiers from India and Japan took part in "
            "the drill, which was led by Mongolian Armed Forces Maj. Gen. B. Tsend-Ayush."
        )
    )
    parts = _exercise_parts(ex)
    assert {"India", "Japan"} <= parts
    assert not parts & {"Kazakhstan", "Turkey", "Mongolian Armed Forces"}


def test_exercise_observers_are_not_participants(extractor):
    """``_negated_verb``: "sent observers but did not send contingents"."""
    ex = extractor.extract(
        article(
            "Exercise Gobi Shield 2026 opened on Monday. Units from France and India are "
            "taking part. Russia sent observers to the ceremony but did not send troops."
        )
    )
    parts = _exercise_parts(ex)
    assert {"France", "India"} <= parts
    assert "Russia" not in parts


def test_exercise_participation_verb_looks_back_three_sentences(extractor):
    """``ANAPHOR_WINDOW``: a later, unrelated "participate in the work of X" is not the drill."""
    ex = extractor.extract(
        article(
            "Exercise Gobi Shield 2026 opened on Monday with units from France and India. "
            "The drill runs for two weeks. Cadets practised river crossings. Medics trained "
            "in field hospitals. Weather was mild. Later, officials of Japan and Canada "
            "participate in the work of the Ulaanbaatar Dialogue."
        )
    )
    parts = _exercise_parts(ex)
    assert {"France", "India"} <= parts
    assert not parts & {"Japan", "Canada"}


def test_exercise_quote_is_opinion(extractor):
    """``_quoted``: a state named inside a quotation does not take part."""
    ex = extractor.extract(
        article(
            'Exercise Gobi Shield 2026 opened on Monday with units from France. "Gobi Shield '
            'shows Kazakhstan that the region can train together," said analyst B. Bold.'
        )
    )
    assert "Kazakhstan" not in _exercise_parts(ex)


def test_stay_relative(extractor):
    """Sentence rule ``stay_relative``: "X, who is in Y for …" is X's visit to Y."""
    ex = extractor.extract(
        article(
            "Kazakh President Kassym Tokayev received Prime Minister of Mongolia L. Bold, who "
            "is in Kazakhstan for a regional transport forum."
        )
    )
    assert ("VISIT", "actual", frozenset({("L. Bold", "actor"), ("Kazakhstan", "recipient")})) in (
        events(ex)
    )


def test_caption_meeting_in_host_capital_is_a_visit(extractor):
    """Event rule ``meeting_in_host_city``: a present-tense caption in one side's capital."""
    ex = extractor.extract(
        article(
            "Chinese President Xi Jinping and Mongolian President U. Khurelsukh review an honour "
            "guard in Beijing, China, on Tuesday."
        )
    )
    found = events(ex)
    assert ("VISIT", "actual", frozenset({("U. Khurelsukh", "actor"), ("China", "recipient")})) in (
        found
    )
    assert not any(e[0] == "VISIT" and ("Xi Jinping", "actor") in e[2] for e in found)


def test_past_meeting_in_a_capital_states_no_visit(extractor):
    """``meeting_in_host_city`` reads captions only: a past-tense report names no visit."""
    ex = extractor.extract(
        article(
            "Mongolian Prime Minister L. Bold held talks with Kazakh Minister Aidos Sarym in "
            "Astana on Monday."
        )
    )
    assert not any(e.type == "VISIT" for e in ex.events)


def test_national_force_for_possessive_troops(extractor):
    """Referent rule ``national_force``: "Mongolia's military contingents" are its forces."""
    ex = extractor.extract(
        article(
            "The Mongolian Armed Forces marked their anniversary on Monday. Mongolia's military "
            "contingents have deployed to UN missions in Mali and Lebanon."
        )
    )
    deploys = [e for e in events(ex) if e[0] == "DEPLOY"]
    assert deploys and all(("Mongolian Armed Forces", "actor") in e[2] for e in deploys)


def test_hosting_an_exercise_is_participation(extractor):
    """``trigger_type``: "hosts an annual exercise, X" makes the host take part, not a MEET."""
    ex = extractor.extract(
        article(
            "Together with Canada, Mongolia hosts an annual mountain exercise, Dragon Walk. "
            "Dragon Walk welcomes troops from Japan and India."
        )
    )
    assert {"Mongolia", "Canada", "Japan", "India"} <= _exercise_parts(ex)
    assert not any(e.type == "MEET" for e in ex.events)


def test_history_line_is_its_own_dated_event(extractor):
    """``_start_year`` / ``_in_start_clause``: "Since 2011, the A–B exercise X has been held" is a
    PARTICIPATE of A and B dated 2011; a clause added to it adds nobody."""
    ex = extractor.extract(
        article(
            "Since 2011, the joint Kazakhstan–Mongolia exercise Northern Interaction has been held "
            "every summer, and it is now the largest drill hosted by Kazakhstan in Central Asia."
        )
    )
    history = [e for e in ex.events if e.type == "PARTICIPATE" and e.date == "2011"]
    assert history, [(e.type, e.date) for e in ex.events]
    names = {ex.mentions[i].name for i, _ in history[0].participants}
    assert {"Kazakhstan", "Mongolia"} <= names


def test_one_verb_two_objects_with_their_own_recipients(extractor):
    """``_gapped_recipients``: "sent peacekeepers to A and observers to B" deploys to both."""
    ex = extractor.extract(
        article("Mongolia sent peacekeepers to Lebanon and observers to Mali in 2024.")
    )
    deploy = [e for e in events(ex) if e[0] == "DEPLOY"]
    assert deploy and {("Lebanon", "recipient"), ("Mali", "recipient")} <= deploy[0][2]


def test_people_listed_after_an_aside(extractor):
    """``_people_listed_after``: "received, at their request, Ambassador of A X, … and …"."""
    ex = extractor.extract(
        article(
            "On Tuesday, Foreign Minister B. Battsetseg received, at their request, Ambassador of "
            "Italy Marco Rossi, Ambassador of Chile Ana Soto and Ambassador of Kenya John Mwangi."
        )
    )
    assert {
        frozenset({"B. Battsetseg", "Marco Rossi"}),
        frozenset({"B. Battsetseg", "John Mwangi"}),
    } <= pairs(ex)


def test_exercise_dated_by_its_own_relative_clause(extractor):
    """``_exercise_clause_date``: "X, which opens on 15 June, …" dates the exercise."""
    ex = extractor.extract(
        article(
            "Exercise Khaan Quest 2026, which opens on 15 June, will bring together troops from "
            "Japan and India."
        )
    )
    part = [e for e in ex.events if e.type == "PARTICIPATE"]
    assert part and part[0].date == "2026-06-15"


def test_suggestion_is_not_an_actual_meeting(extractor):
    """``future_heads``: "suggested that A and B hold consultations" is a proposal."""
    ex = extractor.extract(
        article(
            "Lavrov suggested that the foreign ministries of Russia and Mongolia hold "
            "consultations every spring."
        )
    )
    assert not pairs(ex)


def test_troops_serving_abroad_deploy(extractor):
    """Sentence rule ``troops_serving``: "N Mongolian personnel are serving … in X"."""
    ex = extractor.extract(
        article(
            "The Mongolian Armed Forces marked their anniversary. About 300 Mongolian military "
            "personnel are serving alongside Italian troops in Lebanon."
        )
    )
    assert (
        "DEPLOY",
        "actual",
        frozenset({("Mongolian Armed Forces", "actor"), ("Lebanon", "recipient")}),
    ) in events(ex)


def test_country_after_a_city_is_part_of_the_place(extractor):
    """``descriptor_apposition``: "in Ulaanbaatar, Mongolia" names a place, not a party."""
    ex = extractor.extract(
        article(
            "Kazakh President Kassym Tokayev and Mongolian President U. Khurelsukh meet to "
            "discuss trade routes in Ulaanbaatar, Mongolia, on Monday."
        )
    )
    meets = [e for e in events(ex) if e[0] == "MEET"]
    assert meets and all("Mongolia" not in {n for n, _ in e[2]} for e in meets)


def test_exercise_dateline_country_is_a_place_and_units_are_the_force(extractor):
    """``_is_place`` and ``national_forces``: "SAINSHAND, Mongolia --" is where the drill is;
    "alongside Mongolian units" names the Mongolian Armed Forces when the article does."""
    ex = extractor.extract(
        article(
            "SAINSHAND, Mongolia -- Exercise Gobi Wolf 2026 opened on Monday, hosted by the "
            "Mongolian Armed Forces. Contingents from Nepal and Canada are taking part "
            "alongside Mongolian units."
        )
    )
    parts = _exercise_parts(ex)
    assert {"Nepal", "Canada", "Mongolian Armed Forces"} <= parts
    assert "Mongolia" not in parts


def test_conjuncts_hang_on_the_last_word_of_a_name(extractor):
    """Referent rule ``conjuncts``: "of the Ministry of Defence of Mongolia, Japan and Canada"
    lists three parties although the parser hangs the list on "Mongolia"."""
    ex = extractor.extract(
        article(
            "Border security was on the agenda of meetings of senior officials of the Ministry "
            "of Foreign Affairs of Mongolia, Canada and Japan."
        )
    )
    assert frozenset({"Canada", "Japan"}) in pairs(ex)


def test_national_delegation_and_facility_owner(extractor):
    """Referent rules ``national_delegation`` and ``place``: "the Mongolian delegation visited
    the X Centre of the Y Armed Forces" is Mongolia visiting the Y Armed Forces."""
    ex = extractor.extract(
        article(
            "Mongolia and Canada held border talks. In March, the Mongolian delegation visited "
            "the Wainwright Training Centre of the Canadian Armed Forces, Alberta."
        )
    )
    assert (
        "VISIT",
        "actual",
        frozenset({("Mongolia", "actor"), ("Canadian Armed Forces", "recipient")}),
    ) in events(ex)


def test_city_after_a_visit_is_no_person(extractor):
    """Referent rule ``place``: "During her visit to Tokyo, X met Y": Tokyo stands for nobody;
    the visit is X's to Japan."""
    ex = extractor.extract(
        article(
            "Japan and Mongolia signed a note. During her visit to Tokyo, Battsetseg Batmunkh "
            "also met with Defense Minister Kenji Mori."
        )
    )
    found = events(ex)
    assert (
        "VISIT",
        "actual",
        frozenset({("Battsetseg Batmunkh", "actor"), ("Japan", "recipient")}),
    ) in found


def test_aid_with_a_demonym(extractor):
    """``_with_aid``: "built its army with Soviet assistance" is the Soviet Union aiding."""
    ex = extractor.extract(
        article(
            "Mongolia ended its alliance with the Soviet Union in 1990. In the 1920s Mongolia "
            "built its army with Soviet assistance."
        )
    )
    assert ("AID", "actual", frozenset({("Soviet Union", "actor"), ("Mongolia", "recipient")})) in (
        events(ex)
    )


def test_taking_part_in_an_organisation_is_cooperation(extractor):
    """``_membership``: "took part in the SCO summit as an observer" is COOPERATE."""
    ex = extractor.extract(
        article(
            "Kazakhstan took part in the Shanghai Cooperation Organization summit as a member, "
            "its president said."
        )
    )
    assert any(
        e[0] == "COOPERATE"
        and {n for n, _ in e[2]} == {"Kazakhstan", "Shanghai Cooperation Organization"}
        for e in events(ex)
    )


def test_unit_deployed_in_a_with_phrase_is_the_subjects(extractor):
    """``_owner_of_unit``: "…, with a battalion deployed in X" deploys the subject's force."""
    ex = extractor.extract(
        article(
            "The Mongolian Armed Forces marked their anniversary. Mongolia's military "
            "contingents have served in Chad, with a battalion currently deployed in Mali."
        )
    )
    assert (
        "DEPLOY",
        "actual",
        frozenset({("Mongolian Armed Forces", "actor"), ("Mali", "recipient")}),
    ) in events(ex)


def test_subject_raised_through_due_to(extractor):
    """``_inherited_subject``: "X is due to visit Y" (an adjective under "is") makes X the
    visitor, and the visit is future."""
    ex = extractor.extract(
        article("Kazakh Foreign Minister Murat Nurtleu is due to visit Mongolia in September.")
    )
    assert (
        "VISIT",
        "future",
        frozenset({("Murat Nurtleu", "actor"), ("Mongolia", "recipient")}),
    ) in events(ex)


def test_subject_of_passive_raising_verb_holds_talks(extractor):
    """``_inherited_subject``: "X is expected to hold talks with Y": X holds them (the passive
    of "expected" is not the passive of "hold")."""
    ex = extractor.extract(
        article(
            "Mongolian Defence Minister G. Saikhanbayar is expected to hold talks with "
            "Indian Defence Minister Rajnath Singh in New Delhi next month."
        )
    )
    assert frozenset({"G. Saikhanbayar", "Rajnath Singh"}) in pairs(ex, "future")
    assert frozenset({"G. Saikhanbayar", "Rajnath Singh"}) not in pairs(ex)


def test_event_under_preposition_takes_the_verbs_status(extractor):
    """``_head_chain``: "is due to travel … for consultations with X": future, not actual."""
    ex = extractor.extract(
        article(
            "Security Council Secretary Ivan Petrov is due to travel to Ulaanbaatar in "
            "October for consultations with Mongolia's National Security Council."
        )
    )
    assert frozenset({"Ivan Petrov", "National Security Council"}) not in pairs(ex)
    assert frozenset({"Ivan Petrov", "National Security Council"}) in pairs(ex, "future")


def test_willing_to_is_hypothetical(extractor):
    """Word list ``hypo_heads``: "is willing to expand exchanges with X" has not happened."""
    ex = extractor.extract(
        article(
            "The Japan Self-Defense Forces are willing to expand exchanges with the "
            "Mongolian Armed Forces in engineering, officials said."
        )
    )
    statuses = {s for t, s, _ in events(ex) if t == "COOPERATE"}
    assert statuses == {"hypothetical"}


def test_title_anaphor_stands_for_the_earlier_person(extractor):
    """Referent rule ``title_anaphor``: "The deputy minister met Y" after a sentence about X."""
    ex = extractor.extract(
        article(
            "Deputy Foreign Minister Ts. Munkh-Orgil landed in Seoul on Sunday for a "
            "two-day stay. The deputy minister met South Korean Foreign Minister Cho Hyun "
            "on Monday."
        )
    )
    assert frozenset({"Ts. Munkh-Orgil", "Cho Hyun"}) in pairs(ex)


def test_title_anaphor_not_for_a_foreign_title(extractor):
    """``title_anaphor``: "the Korean minister" may be another person: no referent."""
    ex = extractor.extract(
        article(
            "Deputy Foreign Minister Ts. Munkh-Orgil landed in Seoul on Sunday. The Korean "
            "minister met Chinese Ambassador Dai Bing on Monday."
        )
    )
    assert frozenset({"Ts. Munkh-Orgil", "Dai Bing"}) not in pairs(ex)


def test_partner_of_the_topic_of_the_object(extractor):
    """``_topic_partners``: "signed a memorandum on X cooperation with Y": Y is the other side."""
    ex = extractor.extract(
        article(
            "Mongolian Energy Minister B. Choijilsuren signed a memorandum on nuclear energy "
            "cooperation with French Minister Agnes Pannier-Runacher in Paris on Monday."
        )
    )
    assert any(
        t == "AGREE" and {n for n, _ in p} == {"B. Choijilsuren", "Agnes Pannier-Runacher"}
        for t, _, p in events(ex)
    )


def test_second_trigger_shares_participants(extractor):
    """Event rule ``shared_participants``: "A met B … and signed an agreement": A and B agree."""
    ex = extractor.extract(
        article(
            "Mongolian President U. Khurelsukh met Kazakh President Kassym-Jomart Tokayev in "
            "Astana on Thursday and signed a treaty on strategic partnership."
        )
    )
    kinds = {
        t
        for t, _, p in events(ex)
        if {n for n, _ in p} >= {"U. Khurelsukh", "Kassym-Jomart Tokayev"}
    }
    assert {"MEET", "AGREE"} <= kinds


def test_second_trigger_with_its_own_partner_is_its_own_event(extractor):
    """``shared_participants``: "… and signed an agreement with C" is not an AGREE with B."""
    ex = extractor.extract(
        article(
            "Mongolian President U. Khurelsukh met Kazakh President Kassym-Jomart Tokayev in "
            "Astana on Thursday and signed a treaty with Kyrgyz President Sadyr Japarov."
        )
    )
    assert not any(
        t == "AGREE" and {n for n, _ in p} >= {"U. Khurelsukh", "Kassym-Jomart Tokayev"}
        for t, _, p in events(ex)
    )


def test_stray_subject_completes_talks_between(extractor):
    """``_stray_subject``: "Talks between A, the minister of X, and B took place" with B
    parsed as a subject of "took"."""
    ex = extractor.extract(
        article(
            "Talks between Kim Yong-hyun, the defence minister of South Korea, and Mongolian "
            "Defence Minister G. Saikhanbayar took place in Seoul on Wednesday."
        )
    )
    assert frozenset({"Kim Yong-hyun", "G. Saikhanbayar"}) in pairs(ex)


def test_partner_of_the_doer_of_a_meeting(extractor):
    """``_partner_of_doer``: "the meeting of A with B" parsed with "with B" on A."""
    ex = extractor.extract(
        article(
            "The meeting of Mongolia's Foreign Minister B. Battsetseg with Turkish Foreign "
            "Minister Hakan Fidan in Ankara on Monday dealt with transport links."
        )
    )
    assert frozenset({"B. Battsetseg", "Hakan Fidan"}) in pairs(ex)


def test_person_of_a_leading_date_phrase_is_the_subject(extractor):
    """``_person_after_date``: "On Monday X, the minister of Y, held talks with Z" parsed
    with X under "On"."""
    ex = extractor.extract(
        article(
            "On Monday Yaşar Güler, the defence minister of Turkey, held separate talks with "
            "Mongolian Foreign Minister B. Battsetseg, Kazakh Foreign Minister Murat Nurtleu, "
            "and Japanese Foreign Minister Takeshi Iwaya in Ankara."
        )
    )
    assert frozenset({"Yaşar Güler", "B. Battsetseg"}) in pairs(ex)


def test_two_people_joined_by_and_meet(extractor):
    """Referent rule ``misparsed_conjuncts``: "A and B met" and "H.E. A, <title>, and B met"
    (A parsed as a modifier of B, B in apposition to A) are a meeting of A and B."""
    ex = extractor.extract(
        article(
            "Mongolian Prime Minister L. Oyun-Erdene and Russian Deputy Foreign Minister "
            "Andrei Rudenko met in Moscow on Monday.\n\nH.E. Cho Tae-yul, Minister of Foreign "
            "Affairs of South Korea, and Australian Defence Minister Richard Marles met in "
            "Canberra on Tuesday."
        )
    )
    found = pairs(ex)
    assert frozenset({"L. Oyun-Erdene", "Andrei Rudenko"}) in found
    assert frozenset({"Cho Tae-yul", "Richard Marles"}) in found


def test_person_under_a_participle_subject(extractor):
    """``_misparsed_subject``: "Arriving in X, the Minister of Y, Z, met W" parsed with the
    participle as the subject of "met" (after a release header): Z meets W."""
    ex = extractor.extract(
        article(
            "For Immediate Release\n\nOffice of the Spokesperson\n\n"
            "Arriving in Ankara on Monday, the Minister of Foreign Affairs of China, Wang Yi, "
            "met Turkish Foreign Minister Hakan Fidan to discuss mining investment."
        )
    )
    assert frozenset({"Wang Yi", "Hakan Fidan"}) in pairs(ex)


def test_co_subject_parsed_as_compound_of_the_verb(extractor):
    """``_misparsed_co_subject``: "A, the minister of X, and B review the honour guard" with
    B parsed as a compound of "review"."""
    ex = extractor.extract(
        article(
            "Mikhail Vladimirovich Mishustin, the prime minister of Russia, and British "
            "Foreign Minister David Lammy review the honour guard at a welcoming ceremony in "
            "London. (Photo: Xinhua)"
        )
    )
    assert frozenset({"Mikhail Vladimirovich Mishustin", "David Lammy"}) in pairs(ex)


def test_people_conjoined_to_the_event_noun(extractor):
    """``_people_joined_to_event``: "held separate talks with A, B, and C" parsed with B and
    C as conjuncts of "talks": all three are the other side."""
    ex = extractor.extract(
        article(
            "SEOUL, June 12 (Reuters) - On Monday China's ambassador to South Korea, Dong Jun, "
            "held separate talks with South Korean Defence Minister Shin Won-sik, British "
            "Foreign Minister David Lammy, and Mongolian Foreign Minister Battsetseg Batmunkh "
            "in Seoul."
        )
    )
    found = pairs(ex)
    assert frozenset({"Dong Jun", "David Lammy"}) in found
    assert frozenset({"Dong Jun", "Battsetseg Batmunkh"}) in found
