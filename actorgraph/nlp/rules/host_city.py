"""Host-city rule for photo captions: "A and B review the honour guard in Ulaanbaatar", "A shakes
hands with B in Beijing" (present tense, the form of captions), where B is of the country whose
city it is and A of another: the caption shows A's visit to that country. Past-tense reports
("A held talks with B in Astana") are left to what the text states."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from actorgraph.nlp.rules.base import Found

if TYPE_CHECKING:
    from actorgraph.nlp.events import EventFinder

PLACE_PREPS = frozenset({"in", "at"})
CAPTION_TENSES = frozenset({"VBZ", "VBP"})


def _present(verb: Token) -> bool:
    """ "review", "meet", "shakes hands": a finite present verb (the tagger also gives a bare
    "VB" to a caption's main verb; one with an auxiliary or "to" is not finite present)."""
    if verb.tag_ in CAPTION_TENSES:
        return True
    return (
        verb.tag_ == "VB"
        and verb.dep_ == "ROOT"
        and not any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)
    )


def _place_country(found: Found) -> str | None:
    """The country of the first place named after "in"/"at" in the sentence."""
    for t in found.sent:
        if t.ent_type_ == "LOCATION" and t.ent_kb_id_ and t.head.lower_ in PLACE_PREPS:
            return str(t.ent_kb_id_)
    return None


def meeting_in_host_city(f: EventFinder, found: list[Found]) -> list[Found]:
    """A VISIT per foreign person of a MEET held in a city of another participant's country,
    when the article names that country."""
    out: list[Found] = []
    for ev in found:
        if ev.type != "MEET" or not _present(ev.trigger):
            continue
        code = _place_country(ev)
        if not code or code not in f.state_of:
            continue
        people = [m for m, _ in ev.participants if f.types[m] == "PERSON"]
        hosts = [m for m in people if f.countries[m] == code]
        guests = [m for m in people if f.countries[m] and f.countries[m] != code]
        host = f.state_of[code]
        for guest in guests if hosts else []:
            parts = [(guest, "actor"), (host, "recipient")]
            out.append(Found("VISIT", ev.status, parts, ev.trigger, ev.sent))
    return out
