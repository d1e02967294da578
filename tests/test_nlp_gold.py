"""The rules extractor on the gold set (tests/data/gold): thresholds that regressions must not
cross. Measured when written (46 articles): typed actors P 0.960 R 0.954; event pairs P 0.934
R 0.803; typed pairs P 0.930 R 0.783; country of people 0.977; dates 1.000 (issue 3 targets:
actors 0.92, pairs P 0.85 R 0.80, typed 0.75, dates 0.9, countries 0.9)."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.core.errors import ActorgraphError
from actorgraph.nlp.evaluate import evaluate, format_report

GOLD = Path(__file__).parent / "data" / "gold"


@pytest.fixture(scope="module")
def result(extractor):
    return evaluate(GOLD, extractor)


def test_gold_set_is_large_enough(result):
    assert result.articles >= 40


def test_typed_actors(result):
    assert result.actors.precision >= 0.94, format_report(result)
    assert result.actors.recall >= 0.94, format_report(result)


def test_event_pairs(result):
    """Measured P 0.967 R 0.817, typed P 0.968 R 0.803 (issue 10, the event rules)."""
    assert result.pairs.precision >= 0.95, format_report(result)
    assert result.pairs.recall >= 0.81, format_report(result)  # the issue-3 target is 0.80
    assert result.typed_pairs.precision >= 0.95, format_report(result)
    assert result.typed_pairs.recall >= 0.79, format_report(result)


def test_countries_and_dates(result):
    assert result.country_accuracy >= 0.95, format_report(result)
    assert result.date_accuracy >= 0.95, format_report(result)


def test_report_lists_misses_and_inventions(result):
    text = format_report(result)
    assert "typed actors" in text and "event pairs" in text
    assert "misses (" in text and "inventions (" in text


def test_bad_gold_directory_is_a_clear_error(tmp_path):
    with pytest.raises(ActorgraphError, match="no gold"):
        evaluate(tmp_path, object())
    (tmp_path / "x.json").write_text('{"id": "x", "text": "t"}', "utf-8")
    with pytest.raises(ActorgraphError, match="x.json"):
        evaluate(tmp_path, object())
