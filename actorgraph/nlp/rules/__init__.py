"""Event rules, one construction each, in two registries read by ``nlp/events.py``.

* ``REFERENTS`` (``referents.py``): which mentions a noun phrase stands for (a name, a title in
  apposition, "he", "the two sides", "a delegation led by X", "militaries from A and B").
* ``SENTENCE_RULES``: constructions read off the whole sentence rather than one trigger
  ("X is in Russia for talks", "the Mongolian side was led by X and the Korean side by Y",
  "Visiting X held talks with Y").
* ``EVENT_RULES``: events that follow from the events of the sentence ("A met B in B's
  capital": A visits B's country; "A met B and signed an agreement": A and B agree).

Each rule has its own test in ``tests/test_event_rules.py``; the word lists are data
(``core/kb/en/event_words.txt``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Span

from actorgraph.nlp.rules.base import Found
from actorgraph.nlp.rules.delegations import delegation_heads
from actorgraph.nlp.rules.deployments import troops_serving
from actorgraph.nlp.rules.host_city import meeting_in_host_city
from actorgraph.nlp.rules.participles import visiting_participle
from actorgraph.nlp.rules.referents import REFERENTS, conjuncts
from actorgraph.nlp.rules.second_trigger import shared_participants
from actorgraph.nlp.rules.stay import stay, stay_relative

if TYPE_CHECKING:
    from actorgraph.nlp.events import EventFinder

SentenceRule = Callable[["EventFinder", Span], list[Found]]

EventRule = Callable[["EventFinder", list[Found]], list[Found]]

SENTENCE_RULES: dict[str, SentenceRule] = {
    "stay": stay,
    "stay_relative": stay_relative,
    "delegation_heads": delegation_heads,
    "visiting_participle": visiting_participle,
    "troops_serving": troops_serving,
}

EVENT_RULES: dict[str, EventRule] = {
    "meeting_in_host_city": meeting_in_host_city,
    "shared_participants": shared_participants,
}

__all__ = [
    "EVENT_RULES",
    "EventRule",
    "REFERENTS",
    "SENTENCE_RULES",
    "Found",
    "SentenceRule",
    "conjuncts",
]
