"""Second-trigger rule: "A met B in Seoul and signed an agreement on customs cooperation" (a
second verb sharing the first one's subject, with no participant of its own, has the first
one's participants too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actorgraph.nlp.rules.base import Found

if TYPE_CHECKING:
    from actorgraph.nlp.events import EventFinder

SHARED_KINDS = frozenset({"MEET", "AGREE"})


def shared_participants(f: EventFinder, found: list[Found]) -> list[Found]:
    """An AGREE or MEET of a verb conjoined to a MEET or AGREE trigger, with no subject or
    participant of its own, between the same participants (another type only)."""
    out: list[Found] = []
    for ev in found:
        if ev.type not in SHARED_KINDS or ev.trigger.pos_ != "VERB":
            continue
        for verb in ev.trigger.children:
            if verb.dep_ != "conj" or verb.pos_ != "VERB":
                continue
            kind = f.trigger_type(verb)
            if kind not in SHARED_KINDS or kind == ev.type:
                continue
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
                continue
            if f.participants(verb, kind)[1]:
                continue  # "… and signed an agreement with C": its own event
            out.append(Found(kind, f.status(verb), list(ev.participants), verb, ev.sent))
    return out
