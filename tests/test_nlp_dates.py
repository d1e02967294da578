"""Dates resolved against the publication date (pure functions: no model needed)."""

from __future__ import annotations

from datetime import date

import pytest

from actorgraph.nlp.dates import find_date, parse_published

THU = date(2026, 5, 28)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The talks took place on Wednesday.", "2026-05-27"),
        ("The talks took place on Thursday.", "2026-05-28"),
        ("The talks took place on Friday.", "2026-05-22"),
        ("They will meet next Monday.", "2026-06-01"),
        ("He arrived yesterday.", "2026-05-27"),
        ("The deal was signed on 3 May.", "2026-05-03"),
        ("The deal was signed on May 3, 2025.", "2025-05-03"),
        ("The deal was signed on 2026-04-30.", "2026-04-30"),
        ("Ministers met on December 30.", "2025-12-30"),
        ("The series was launched in 2024.", "2024"),
        ("Talks resumed in March 2026.", "2026-03"),
        ("Talks resumed last week.", "2026-05"),
        ("No date is given here.", None),
        ("The Selenge-2024 drill is over.", None),
    ],
)
def test_find_date(text, expected):
    assert find_date(text, THU) == expected


def test_without_publication_date_only_absolute_dates():
    assert find_date("They met on Wednesday.", None) is None
    assert find_date("They met on 4 June 2026.", None) == "2026-06-04"


def test_parse_published():
    assert parse_published("2026-05-28T08:00:00Z") == THU
    assert parse_published("garbage") is None
    assert parse_published(None) is None


def test_event_date_falls_back_to_publication(extractor):
    from nlp_helpers import article

    ex = extractor.extract(article("Mongolia and Japan signed a loan agreement."))
    assert ex.events[0].date == "2026-05-28"
    assert ex.events[0].date_basis == "published"


def test_historical_year_in_event(extractor):
    from nlp_helpers import article

    ex = extractor.extract(article("Mongolia joined Khaan Quest with Canada in 2019."))
    assert ex.events and ex.events[0].date == "2019"
