"""Our attribute ruler and lemmatizer give exactly the stock model's annotations, token by token."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from actorgraph.core.settings import Settings
from actorgraph.nlp.attribute_ruler import AnchoredAttributeRuler
from actorgraph.nlp.evaluate import load_gold
from actorgraph.nlp.initials import add_initials
from actorgraph.nlp.lemmatizer import CachedLemmatizer
from actorgraph.sample.corpus import load_articles

GOLD = Path(__file__).parent / "data" / "gold"
TRICKY = [
    "I ain't gonna let 's go, y'all. Gotta c'm on! It's nothin' but she gets it and got it.",
    "There is a man.  There are   two. Do you? I did it. Which is that? That that is.",
    "He doesn't know; they're n't here, we've been there. Let's go. I am, you are.\n\n\t  x",
    "",
    "Mongolia's Minister of Defence, S. Byambajargal, met Sergei Shoigu on Tuesday.",
]


def _annotations(doc) -> list[tuple]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in doc]


@pytest.fixture(scope="module")
def both(extractor):
    """Texts parsed by the stock model and by ours (stopped before our entity steps); both keep
    initials in their sentence, so that the parses compared are the same."""
    stock = spacy.load(Settings().model, exclude=["senter", "ner"])
    stock.add_pipe("actorgraph_no_split_after_initials", before="parser")
    add_initials(stock)  # the same tokenizer (initials kept whole), so tokens line up
    ours = extractor.nlp
    texts = [g["text"] for g in load_gold(GOLD)]
    texts += ["\n\n".join(a.paragraphs) for a in load_articles()] + TRICKY
    skip = ["actorgraph_ruler", "ner", "actorgraph_entities"]
    return list(stock.pipe(texts)), list(ours.pipe(texts, disable=skip))


def test_components_are_ours(extractor):
    assert isinstance(extractor.nlp.get_pipe("attribute_ruler"), AnchoredAttributeRuler)
    assert isinstance(extractor.nlp.get_pipe("lemmatizer"), CachedLemmatizer)


def test_same_tags_pos_morph_and_lemmas_as_the_stock_model(both):
    stock_docs, our_docs = both
    tokens = 0
    for expected, got in zip(stock_docs, our_docs, strict=True):
        assert _annotations(got) == _annotations(expected), expected.text[:80]
        tokens += len(expected)
    assert tokens > 10_000  # the comparison really covers the corpus


def test_rule_exceptions_are_applied(both):
    """The tricky text exercises rules of several tokens, regexes and NOT_IN predicates."""
    _, our_docs = both
    doc = next(d for d in our_docs if d.text.startswith("I ain't"))
    lemmas = {t.text: t.lemma_ for t in doc}
    assert lemmas["gon"] == "go" and lemmas["na"] == "to"  # two-token rule
    assert lemmas["nothin'"] == "nothing"  # regex rule
    assert lemmas["gets"] == "get"
    assert [t.pos_ for t in doc if t.text == "ai"] == ["AUX"]


def test_pattern_kinds_are_split_as_documented(extractor):
    ruler = extractor.nlp.get_pipe("attribute_ruler")
    assert ruler._by_tag and ruler._rules and ruler._patterns
    several = [n for n, patterns in ruler._patterns.items() if any(len(p) > 1 for p in patterns)]
    assert several == sorted(ruler._patterns)  # only patterns of several tokens use a Matcher
