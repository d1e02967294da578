"""The rules extractor on the gold set in real outlet styles (tests/data/gold_outlets: 60 articles
of our own writing with clipping furniture, README there). Thresholds sit just under the figures
measured when the set was added, so a change that helps our house style and hurts these fails:
typed actors P 0.821 R 0.877; event pairs P 0.585 R 0.479; country of people 0.905; dates 0.926."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.nlp.evaluate import evaluate, format_report

GOLD = Path(__file__).parent / "data" / "gold_outlets"


@pytest.fixture(scope="module")
def result(extractor):
    return evaluate(GOLD, extractor)


def test_set_spans_eight_outlet_styles():
    import json

    styles = {json.loads(p.read_text("utf-8"))["style"] for p in GOLD.glob("*.json")}
    assert len(list(GOLD.glob("*.json"))) >= 60 and len(styles) >= 8


def test_typed_actors(result):
    assert result.actors.precision >= 0.80, format_report(result)
    assert result.actors.recall >= 0.86, format_report(result)


def test_event_pairs(result):
    """Measured P 0.717 R 0.552, typed P 0.687 R 0.526 (issue 10, the event rules)."""
    assert result.pairs.precision >= 0.70, format_report(result)
    assert result.pairs.recall >= 0.53, format_report(result)
    assert result.typed_pairs.precision >= 0.67, format_report(result)
    assert result.typed_pairs.recall >= 0.51, format_report(result)


def test_countries_and_dates(result):
    assert result.country_accuracy >= 0.89, format_report(result)
    assert result.date_accuracy >= 0.90, format_report(result)
