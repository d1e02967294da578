"""Actors on real published clippings with their page furniture (``../shared/realtext``, read its
README): the issue-10 targets for the actor side. Measured when written (3 articles, 75 actors):
typed actors P 0.986 R 0.973, country of people 1.000; event pairs P 0.902 R 0.809 (typed
0.875 / 0.709) with the event rules of ``nlp/rules/``. Skips when the folder is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

from actorgraph.nlp.evaluate import evaluate, format_report

REALTEXT = Path(__file__).parents[1].parent / "shared" / "realtext"


@pytest.fixture(scope="module")
def result(extractor):
    if not REALTEXT.is_dir():
        pytest.skip(f"{REALTEXT} is absent (real clippings are not shipped with the package)")
    return evaluate(REALTEXT, extractor)


def test_typed_actors_on_real_text(result):
    assert result.actors.precision >= 0.92, format_report(result)
    assert result.actors.recall >= 0.92, format_report(result)


def test_country_of_people_on_real_text(result):
    assert result.country_accuracy >= 0.95, format_report(result)


def test_furniture_names_are_not_actors(result):
    """Outlets, authors and photographers named only in furniture (the README's list)."""
    furniture = (
        "Reuters",
        "Rentsendorj",
        "Jargalsaikhan",
        "Danzanov",
        "East Asia Forum",
        "Diplomat",
    )
    invented = [line for line in result.inventions if any(n in line for n in furniture)]
    assert not invented, invented


def test_event_pairs_on_real_text(result):
    """The issue-10 targets: event pairs P >= 0.85, R >= 0.80, typed pairs >= 0.70 (measured
    P 0.902 R 0.809, typed P 0.875 R 0.709; 0.519 / 0.397 before the event rules)."""
    assert result.pairs.precision >= 0.85, format_report(result)
    assert result.pairs.recall >= 0.80, format_report(result)
    assert result.typed_pairs.precision >= 0.70, format_report(result)
    assert result.typed_pairs.recall >= 0.70, format_report(result)
