"""Event rules, one construction each, in two registries read by ``nlp/events.py``.

* ``REFERENTS`` (``referents.py``): which mentions a noun phrase stands for (a name, a title in
  apposition, "he", "the two sides", "a delegation led by X", "militaries from A and B").
* ``SENTENCE_RULES``: constructions read off the whole sentence rather than one trigger
  ("X is in Russia for talks", "the Mongolian side was led by X and the Korean side by Y",
  "Visiting X held talks with Y").

Each rule has its own test in ``tests/test_event_rules.py``; the word lists are data
(``core/kb/en/event_words.txt``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Span

from actorgraph.nlp.rules.base import Found
from actorgraph.nlp.rules.delegations import delegation_heads
from actorgraph.nlp.rules.participles import visiting_participle
from actorgraph.nlp.rules.referents import REFERENTS, conjuncts
from actorgraph.nlp.rules.stay import stay

if TYPE_CHECKING:
    from actorgraph.nlp.events import EventFinder

SentenceRule = Callable[["EventFinder", Span], list[Found]]

SENTENCE_RULES: dict[str, SentenceRule] = {
    "stay": stay,
    "delegation_heads": delegation_heads,
    "visiting_participle": visiting_participle,
}

__all__ = ["REFERENTS", "SENTENCE_RULES", "Found", "SentenceRule", "conjuncts"]
