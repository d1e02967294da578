"""Page furniture as structure: datelines become metadata, credits, buttons, lists, bylines,
contact lines and footers never reach extraction, captions stay text, offsets stay valid."""

from __future__ import annotations

import pytest
from nlp_helpers import actors, article

from actorgraph.nlp.furniture import find_furniture, mask


def _masked(text: str, title: str = "") -> str:
    return mask(text, find_furniture(text, title).ranges)


@pytest.mark.parametrize(
    ("line", "place", "outlet"),
    [
        (
            "ULAN BATOR, July 26 (Xinhua) -- Mongolia's defence minister met the envoy.",
            "ULAN BATOR",
            "Xinhua",
        ),
        (
            "SEOUL, March 12 (Reuters) - South Korea and Mongolia agreed on a plan.",
            "SEOUL",
            "Reuters",
        ),
        ("ULAANBAATAR, August 27. /TASS/. Russia handed over ten trucks.", "ULAANBAATAR", "TASS"),
        ("Ulaanbaatar /MONTSAME/. The speaker received the delegation.", "Ulaanbaatar", "MONTSAME"),
        ("TOKYO - Japan and Mongolia agreed to start talks on a pact.", "TOKYO", None),
        ("Ulaanbaatar – The United States handed over equipment today.", "Ulaanbaatar", None),
    ],
)
def test_dateline_styles_become_metadata_and_are_masked(line, place, outlet):
    text = "Some headline words\n\n" + line
    found = find_furniture(text)
    assert found.dateline is not None
    assert found.dateline.place == place and found.dateline.outlet == outlet
    masked = mask(text, found.ranges)
    assert len(masked) == len(text)
    start, end = found.dateline.start, found.dateline.end
    assert masked[start:end].strip() == "" and text[start:end].strip()
    assert masked[end:] == text[end:]  # the story after the dateline is kept


def test_dateline_date_is_read():
    text = "SEOUL, March 12 (Reuters) - Officials met on Tuesday to review the plan in full."
    assert find_furniture(text).dateline.date == "March 12"


def test_a_country_leading_a_sentence_is_no_dateline():
    text = "Mongolia – a landlocked state – held talks with China on trade and transit."
    assert find_furniture(text).dateline is None
    assert _masked(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "Share",
        "Share: Facebook | X | LINE | Print",
        "Tags: Defence cooperation, Mongolia",
        "Keywords: #Mongolia #defense",
        "By Lance Cpl. Jane Roe",
        "Reading Time: 4 mins",
        "For Immediate Release",
        "Readout",
        "Press Release No. 12/2026",
        "Posted on March 3, 2026",
        "Editor: Li Ming",
        "Copyright (c) 2026 Some Outlet. All rights reserved.",
        "© Ivan Petrov/TASS",
        "Credit: Office of the President",
        "Events | News | Transcripts",
        "Home > News and Events > 2026",
        "For media enquiries: press office, e-mail: press@example.org",
        "###",
        "Our Standards: The Example Trust Principles.",
        "Other news: Speaker receives the outgoing Ambassador of Chile Ana Soto",
        "Related news: Vice Chairman receives a delegation led by John Roe",
        "176th Wing Public Affairs",
        "==Kyodo",
    ],
)
def test_furniture_lines_are_masked(line):
    text = "The two ministers held talks in Ulaanbaatar on Monday about border trade.\n\n" + line
    masked = _masked(text)
    assert masked.startswith("The two ministers held talks")
    assert masked[-len(line) :].strip() == ""


def test_related_list_goes_but_the_story_after_it_stays():
    text = (
        "Mongolia and Japan signed a grant agreement on disaster relief on Monday.\n\n"
        "Related news\n\n"
        "President of Laos meets Prime Minister of Vietnam\n\n"
        "Vice Chairman receives Ambassador of India\n\n"
        "The agreement covers equipment for the national emergency agency over three years."
    )
    masked = _masked(text)
    assert "Laos" not in masked and "India" not in masked and "Related" not in masked
    assert "Mongolia and Japan signed" in masked and "The agreement covers" in masked


def test_inline_photo_credits_go_and_the_caption_stays():
    text = (
        "Defence Minister Jane Roe (R) shakes hands with her counterpart in Beijing, "
        "May 2, 2026. (Xinhua/Wang Lei) Officials said more talks would follow (Photo: "
        "Reuters/B. Tsetseg). A sergeant reviews the guard. REUTERS/John Doe/File Photo"
    )
    masked = _masked(text)
    assert "Wang Lei" not in masked and "Tsetseg" not in masked and "John Doe" not in masked
    assert "Defence Minister Jane Roe (R) shakes hands" in masked


def test_repeated_headline_masthead_and_author_note():
    title = "Mongolia weighs its neighbours"
    body = (
        "Mongolia has long balanced ties with Russia and China while courting partners "
        "further afield, and that balance is now under strain."
    )
    text = (
        "Analysis from the region\n\n"
        f"{title}\n\n{body}\n\n"
        f"{body}\n\n"
        "Jane Roe is a senior research fellow at the Institute of Steppe Studies."
    )
    masked = _masked(text, title)
    assert title not in masked and "Analysis from the region" not in masked
    assert "Institute of Steppe Studies" not in masked
    assert masked.count(body) == 2


def test_menus_of_short_lines_are_masked():
    text = "Share\n  • A\n  • A\n  • A\n\nMongolia and Russia held border talks in Kyakhta."
    masked = _masked(text)
    assert "•" not in masked and "Mongolia and Russia held" in masked


def test_offsets_stay_valid(extractor):
    text = (
        "MINISTRY OF DEFENCE OF MONGOLIA\n\n"
        "ULAANBAATAR, May 4 (Xinhua) -- Defence Minister D. Batlut met Ambassador Ivan "
        "Petrov of Russia in Ulaanbaatar on Monday.\n\nShare | Print"
    )
    ex = extractor.extract(article(text))
    assert ex.dateline is not None and ex.dateline.outlet == "Xinhua"
    for m in ex.mentions:
        assert text[m.start : m.end] == m.text
    names = actors(ex)
    assert "Xinhua" not in names and "MINISTRY OF DEFENCE" not in " ".join(names)
    assert names.get("D. Batlut") == "PERSON"


def test_a_clipping_of_furniture_only_has_no_actors(extractor):
    text = (
        "Share\n\nShare: Facebook | X | Print\n\nTags: Mongolia, Russia, China\n\n"
        "By Staff Sgt. John Roe\n\n(Photo: Reuters/B. Bold)\n\nRelated\n\n"
        "Putin meets Xi in Beijing\n\nCopyright (c) 2026 Example News. All rights reserved."
    )
    assert extractor.extract(article(text)).mentions == []


def test_a_masked_dateline_ends_in_a_line_break():
    """The NER reads a name after a run of spaces worse than one at the start of a line."""
    text = "SEOUL, March 12 (Reuters) - Cho Tae-yul met envoys."
    found = find_furniture(text)
    masked = mask(text, found.ranges)
    assert len(masked) == len(text)
    assert masked[: found.dateline.end].strip() == "" and masked[found.dateline.end - 1] == "\n"
    assert masked[found.dateline.end :] == text[found.dateline.end :]


def test_a_military_press_dateline_with_the_country_is_metadata():
    text = "Story by Sgt. Jane Roe\n\nSAINSHAND, Mongolia -- Soldiers of both armies trained."
    found = find_furniture(text)
    assert found.dateline is not None and found.dateline.place == "SAINSHAND"
    assert mask(text, found.ranges).rstrip().endswith("Soldiers of both armies trained.")


def test_news_agencies_quoted_as_sources_are_no_actors(extractor):
    from nlp_helpers import actors, article

    text = "The exercise opened on Monday, the district press service told TASS and Xinhua."
    names = actors(extractor.extract(article(text)))
    assert "TASS" not in names and "Xinhua" not in names
