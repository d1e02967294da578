"""Participle rule: "Visiting X held talks with Y": X visits the country of the other side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from actorgraph.nlp.entities import HONORIFICS
from actorgraph.nlp.rules.base import Found, words

if TYPE_CHECKING:
    from actorgraph.nlp.events import EventFinder

VISITING = words("visiting_words")


def _opening_participle(sent: Span) -> Token | None:
    """ "Visiting" as the first word of the sentence (after a dateline dash or quote)."""
    for t in sent:
        if t.is_punct or t.is_space:
            continue
        return t if t.lower_ in VISITING else None
    return None


def _named_after(f: EventFinder, token: Token) -> int | None:
    """The mention right after ``token``, over titles, ranks and demonyms."""
    doc = token.doc
    for i in range(token.i + 1, min(token.i + 9, len(doc))):
        m = f.token_mention.get(i)
        if m is not None:
            return m
        t = doc[i]
        if not (t.ent_type_ in ("TITLE", "NORP") or t.lower_ in HONORIFICS or t.text == "."):
            return None
    return None


def visiting_participle(f: EventFinder, sent: Span) -> list[Found]:
    """A VISIT of the person after "Visiting" to the state of the first person of another
    country named later in the sentence, or the first state named after that person."""
    visiting = _opening_participle(sent)
    if visiting is None:
        return []
    visitor = _named_after(f, visiting)
    if visitor is None or f.types[visitor] not in ("PERSON", "ORGANIZATION"):
        return []
    home = f.countries[visitor]
    later = sorted(
        {m for i, m in f.token_mention.items() if sent.start <= i < sent.end and m != visitor}
    )
    host = None
    for m in later:
        code = f.countries[m]
        if f.types[m] == "STATE" and code != home:
            host = m
        elif f.types[m] == "PERSON" and code and code != home and code in f.state_of:
            host = f.state_of[code]
        if host is not None:
            break
    if host is None or f.group[host] == f.group[visitor]:
        return []
    parts = [(visitor, "actor"), (host, "recipient")]
    return [Found("VISIT", f.status(f.root), parts, visiting, sent)]
