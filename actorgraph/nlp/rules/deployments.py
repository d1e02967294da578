"""Deployment rule: "Over 250 Mongolian military personnel are serving in Afghanistan",
"Mongolian peacekeepers serve with the UN mission in South Sudan": troops serving abroad are a
DEPLOY of their force (or state) to the place or mission."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from actorgraph.nlp.rules.base import Found, unique, words

if TYPE_CHECKING:
    from actorgraph.nlp.events import EventFinder

TROOPS = words("troops") | words("deployed_people")
SERVING = words("serving_verbs")
DESTINATIONS = frozenset({"in", "with"})


def troops_serving(f: EventFinder, sent: Span) -> list[Found]:
    """A DEPLOY of the owner of the troops subject of "serve" to the states and organisations
    after "in"/"with" (not to the owner's own country)."""
    found: list[Found] = []
    for verb in sent:
        if verb.lemma_ not in SERVING or verb.pos_ != "VERB":
            continue
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lemma_ in TROOPS]
        owners = [m for s in subjects for m in f.core(s)]
        owners = [m for m in owners if f.types[m] in ("STATE", "MILITARY")]
        if not owners:
            continue
        homes = {f.countries[m] for m in owners}
        inner = [  # "serving alongside the US militaries in Afghanistan"
            ("in", m)
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ not in DESTINATIONS
            for o in c.children
            if o.dep_ == "pobj"
            for p, m in f.prep_objects(o, {"in"})
        ]
        places = [
            m
            for p, m in f.prep_objects(verb, DESTINATIONS) + inner
            if f.types[m] in ("STATE", "ORGANIZATION")
            and f.countries[m] not in homes
            and not (p == "with" and f.types[m] == "STATE")
        ]
        if places:
            parts = [(m, "actor") for m in unique(owners)] + [
                (m, "recipient") for m in unique(places)
            ]
            found.append(Found("DEPLOY", f.status(verb), parts, verb, sent))
    return found
