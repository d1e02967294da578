"""Delegation-heads rule: "The Mongolian side was led by X, and the Korean side by Y"."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from actorgraph.core.kb.countries import code_for_demonym
from actorgraph.nlp.rules.base import Found, unique, words

if TYPE_CHECKING:
    from actorgraph.nlp.events import EventFinder

DELEGATION_WORDS = words("delegation_words")


def _keys(sent: Span) -> list[Token]:
    """The "<demonym> side/delegation" nouns of the sentence."""
    doc = sent.doc
    return [
        t
        for t in sent
        if t.lower_ in DELEGATION_WORDS
        and t.i > sent.start
        and (doc[t.i - 1].ent_type_ == "NORP" or code_for_demonym(doc[t.i - 1].text))
    ]


def _head_after_by(f: EventFinder, by: Token, stop: int) -> int | None:
    return next(
        (
            f.token_mention[i]
            for i in range(by.i + 1, stop)
            if i in f.token_mention and f.types[f.token_mention[i]] == "PERSON"
        ),
        None,
    )


def delegation_heads(f: EventFinder, sent: Span) -> list[Found]:
    """The heads of two national delegations met. Each "<demonym> side/delegation" must be
    followed by "by" and a person before the next one; the verb's status ("will be led") is the
    meeting's."""
    keys = _keys(sent)
    if len(keys) < 2:
        return []
    heads: list[int] = []
    verb = None
    for n, key in enumerate(keys):
        stop = keys[n + 1].i if n + 1 < len(keys) else sent.end
        by = next((t for t in sent.doc[key.i + 1 : stop] if t.lower_ == "by"), None)
        if by is None:
            return []
        verb = verb or (by.head if by.head.pos_ in ("VERB", "AUX") else None)
        person = _head_after_by(f, by, stop)
        if person is None:
            return []
        heads.append(person)
    if verb is None or len({f.group[m] for m in heads}) < 2:
        return []
    parts = [(m, "participant") for m in unique(heads)]
    return [Found("MEET", f.status(verb), parts, verb, sent)]
