"""The knowledge base: every ISO 3166-1 country is known, with one validator for all commands."""

from __future__ import annotations

import pytest

from actorgraph.core.kb import countries


def test_every_iso_3166_country_is_known() -> None:
    pycountry = pytest.importorskip("pycountry")
    known = {c.iso3 for c in countries.countries()}
    missing = sorted(c.alpha_3 for c in pycountry.countries if c.alpha_3 not in known)
    assert missing == []


@pytest.mark.parametrize(
    ("text", "code"),
    [("ISL", "ISL"), ("mlt", "MLT"), ("Iceland", "ISL"), ("Malta", "MLT"), ("Mongolia", "MNG")],
)
def test_parse_country_takes_codes_and_names(text: str, code: str) -> None:
    assert countries.parse_country(text) == code


def test_parse_country_names_the_bad_input() -> None:
    with pytest.raises(ValueError, match="'Atlantis' is not a known country"):
        countries.parse_country("Atlantis")


def test_new_rows_keep_the_curated_ones_first() -> None:
    # a territory's demonym never overrides its sovereign's ("French" stays France)
    assert countries.code_for_demonym("French") == "FRA"
    assert countries.code_for_capital("Reykjavik") == "ISL"
    assert countries.code_for_capital("Victoria") is None
