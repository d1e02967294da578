"""The anchored entity ruler finds exactly what spaCy's EntityRuler finds, with our patterns."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.pipeline import EntityRuler

from actorgraph.nlp.evaluate import load_gold
from actorgraph.nlp.pipeline import all_patterns
from actorgraph.nlp.ruler import AnchoredEntityRuler, anchors
from actorgraph.sample.corpus import load_articles

GOLD = Path(__file__).parent / "data" / "gold"
EXTRA = [
    "Khaan Quest-2026 and Khaan Quest 2025 opened; Selenge-2024 and EFES-2026 followed.",
    "The 150th Peacekeeping Battalion joined the Mongolian Armed Forces and the PLA Navy.",
    "Armed Forces of the Russian Federation, Military Unit 123 and the 3rd Guards Division.",
    "Deputy Prime Minister of Defence and Foreign Affairs met the Chief of General Staff.",
    "",
    "- 2026 -",
]


@pytest.fixture(scope="module")
def rulers(extractor):
    """Docs parsed up to the ruler, and both rulers loaded with the same patterns."""
    nlp = extractor.nlp
    texts = [g["text"] for g in load_gold(GOLD)]
    texts += ["\n\n".join(a.paragraphs) for a in load_articles()] + EXTRA
    skip = ["actorgraph_ruler", "ner", "actorgraph_entities"]
    docs = list(nlp.pipe(texts, disable=skip))
    patterns = all_patterns()
    reference = EntityRuler(nlp, "reference", overwrite_ents=True)
    reference.add_patterns(patterns)
    anchored = AnchoredEntityRuler(nlp, "anchored", overwrite_ents=True)
    anchored.add_patterns(patterns)
    return docs, reference, anchored


def test_same_matches_as_spacy_entity_ruler(rulers):
    docs, reference, anchored = rulers
    total = 0
    for doc in docs:
        expected = reference.match(doc)
        assert anchored.match(doc) == expected, doc.text[:80]
        total += len(expected)
    assert total > 300  # the corpus really exercises the patterns


def test_patterns_without_their_words_are_skipped(rulers):
    docs, _, anchored = rulers
    nothing = next(d for d in docs if d.text == "")
    assert anchored._candidates(nothing) == ()
    forces = next(d for d in docs if d.text.startswith("The 150th"))
    assert 0 < len(anchored._candidates(forces)) < len(anchored._anchored) // 4


def test_anchors_only_from_required_tokens():
    pattern = [
        {"ORTH": {"IN": ["Armed", "Ground"]}, "OP": "*"},
        {"LOWER": "forces"},
        {"SHAPE": "dddd", "OP": "?"},
        {"ORTH": {"IN": ["of"]}, "OP": "+"},
        {"IS_TITLE": True},
    ]
    assert anchors(pattern) == [("LOWER", {"forces"}), ("ORTH", {"of"})]
