"""Stay rule: "Byambajargal is in Russia for talks": a person staying in a state visits it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from actorgraph.nlp.rules.base import Found

if TYPE_CHECKING:
    from actorgraph.nlp.events import EventFinder


def stay(f: EventFinder, sent: Span) -> list[Found]:
    """One PERSON subject of "be" and one STATE after "in": a VISIT of the person to it."""
    root = f.root
    if root.lemma_ != "be":
        return []
    subj = [m for c in root.children if c.dep_ == "nsubj" for m in f.core(c)]
    people = [m for m in subj if f.types[m] == "PERSON"]
    hosts = [m for _, m in f.prep_objects(root, {"in"}) if f.types[m] == "STATE"]
    if len(people) != 1 or len(hosts) != 1:
        return []
    parts = [(people[0], "actor"), (hosts[0], "recipient")]
    return [Found("VISIT", f.status(root), parts, root, sent)]
