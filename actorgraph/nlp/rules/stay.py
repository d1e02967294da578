"""Stay rules: a person staying in a state visits it.

* ``stay``: "Byambajargal is in Russia for talks" (the sentence's main verb is "be");
* ``stay_relative``: "… met Prime Minister X, who is in Russia for the summit" (a relative
  clause on the person), the readout form of wire services and ministries.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from actorgraph.nlp.rules.base import Found

if TYPE_CHECKING:
    from actorgraph.nlp.events import EventFinder


def _visit_in(f: EventFinder, be: Token, people: list[int], sent: Span) -> list[Found]:
    hosts = [m for _, m in f.prep_objects(be, {"in"}) if f.types[m] == "STATE"]
    if len(people) != 1 or len(hosts) != 1 or f.group[people[0]] == f.group[hosts[0]]:
        return []
    parts = [(people[0], "actor"), (hosts[0], "recipient")]
    return [Found("VISIT", f.status(be), parts, be, sent)]


def stay(f: EventFinder, sent: Span) -> list[Found]:
    """One PERSON subject of "be" and one STATE after "in": a VISIT of the person to it."""
    root = f.root
    if root.lemma_ != "be":
        return []
    subj = [m for c in root.children if c.dep_ == "nsubj" for m in f.core(c)]
    return _visit_in(f, root, [m for m in subj if f.types[m] == "PERSON"], sent)


def stay_relative(f: EventFinder, sent: Span) -> list[Found]:
    """ "X, who is (was) in Y for/on …": a VISIT of X to the state Y."""
    found: list[Found] = []
    for be in sent:
        if be.lemma_ != "be" or be.dep_ != "relcl":
            continue
        if not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in be.children):
            continue
        person = f.token_mention.get(be.head.i)
        if person is not None and f.types[person] == "PERSON":
            found += _visit_in(f, be, [person], sent)
    return found
