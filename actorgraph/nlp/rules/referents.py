"""Referent rules: which mentions a noun phrase stands for, one construction per rule.

``EventFinder.core`` asks each rule of ``REFERENTS`` in turn; the first that answers (a list,
possibly empty, instead of ``None``) decides, and conjuncts are added after ("A, B and C").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from actorgraph.core.kb.countries import code_for_demonym
from actorgraph.core.kb.lexicon import titles
from actorgraph.nlp.entities import EXERCISE_WORDS, HONORIFICS
from actorgraph.nlp.rules.base import first, words

if TYPE_CHECKING:
    from actorgraph.nlp.events import EventFinder

Referent = Callable[["EventFinder", Token, int], "list[int] | None"]

PERSON_PRONOUNS = words("person_pronouns")
GROUP_PRONOUNS = words("group_pronouns")
GROUP_WORDS = words("group_words")
STATE_GROUP_WORDS = words("state_group_words")
LED_WORDS = words("led_words")
LEADING_VERBS = words("leading_verbs")
GROUP_NUMBERS = words("group_numbers")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
TROOPS = words("troops") | words("deployed_people")
POSSESSIVE_PRONOUNS = words("possessive_pronouns")
DELEGATION_WORDS = words("delegation_words")
TITLE_HEADS = frozenset(h.lower() for h in titles().heads)


def named(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "Mongolia", "Sergei Shoigu": the token is inside a mention."""
    m = f.token_mention.get(token.i)
    return [m] if m is not None else None


def apposition_of_name(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "Ganzorig, the minister": the descriptor in apposition to a name stands for the name."""
    m = f.token_mention.get(token.head.i)
    return [m] if token.dep_ == "appos" and m is not None else None


def place(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "in Ulaanbaatar, Mongolia", "to Tokyo, Batmunkh met": a place stands for nobody (the
    country after a city is part of the place), except the owner of a facility ("the Stevens
    Training Centre of the US Armed Forces")."""
    if token.ent_type_ != "LOCATION":
        return None
    return of_or_from(f, token, depth) or []


def exercise_anaphor(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "the exercise", "this drill": the exercise named last."""
    if (
        token.lower_ in EXERCISE_WORDS
        and f.state.last_exercise is not None
        and any(c.lower_ in {"the", "this"} for c in token.children)
    ):
        return [f.state.last_exercise]
    return None


def person_pronoun(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "he", "she": a person named earlier in the same sentence ("during the visit of X, he
    met Y"), else the person the previous sentences are about."""
    if token.lower_ not in PERSON_PRONOUNS:
        return None
    before = f.person_before(token)
    if before is not None:
        return [before]
    st = f.state
    if st.last_person is None:
        return None
    return [first(st.root_subject_person, st.last_subject_person, st.last_person)]


def possessive_pronoun(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "his visit", "her press conference with X": the person named before in the sentence,
    else the person the sentence's subject or the previous sentences are about."""
    if token.lower_ not in POSSESSIVE_PRONOUNS or token.dep_ != "poss":
        return None
    before = f.person_before(token)
    if before is not None:
        return [before]
    subj, passive = f.subject_of(f.root)
    people = [m for m in subj if f.types[m] == "PERSON" and not passive]
    if people:
        return people[:1]
    st = f.state
    return [first(st.last_subject_person, st.last_person)] if st.last_person is not None else None


def title_anaphor(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "X arrived in Tokyo. The (deputy) minister met Y": a bare title with "the", as a
    subject, stands for the person the previous sentences are about (not when the sentence
    names a person before it, nor "the Mongolian minister", which may be another)."""
    if (
        token.lower_ not in TITLE_HEADS
        or token.pos_ != "NOUN"
        or token.dep_ not in SUBJECT_DEPS
        or token.i in f.token_mention
    ):
        return None
    kids = list(token.children)
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in kids) or any(
        c.dep_ not in ("det", "amod", "compound") or c.ent_type_ or c.i in f.token_mention
        for c in kids
    ):
        return None
    st = f.state
    if f.person_before(token) is not None or st.last_person is None:
        return None
    return [first(st.root_subject_person, st.last_subject_person, st.last_person)]


def group_pronoun(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "they", "both", "the two" as a subject: the group of the last event."""
    st = f.state
    is_group = token.lower_ in GROUP_PRONOUNS or (
        token.lower_ == "two" and any(c.lower_ == "the" for c in token.children)
    )
    if not is_group or len(st.last_group) < 2 or token.dep_ not in SUBJECT_DEPS:
        return None
    return list(st.last_people if len(st.last_people) >= 2 else st.last_group)


def group_noun(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "the two sides", "both ministers" as a subject: the states or people of the last event."""
    st = f.state
    if (
        token.lower_ not in GROUP_WORDS
        or not any(c.lower_ in GROUP_NUMBERS for c in token.children)
        or len(st.last_group) < 2
        or token.dep_ not in SUBJECT_DEPS
    ):
        return None
    if token.lower_ in STATE_GROUP_WORDS:
        return list(st.last_states) if len(st.last_states) >= 2 else []
    return list(st.last_people if len(st.last_people) >= 2 else st.last_group)


def led_by(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "a delegation led by X" / "a team headed by X": X."""
    if token.lower_ not in LED_WORDS:
        return None
    for acl in token.children:
        if acl.dep_ == "acl" and acl.lemma_ in LEADING_VERBS:
            for agent in acl.children:
                if agent.dep_ == "agent":
                    for obj in agent.children:
                        if obj.dep_ == "pobj":
                            return f.core(obj, depth + 1) or None
    return None


def national_force(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "Mongolia's military contingents", "Mongolian troops": the country's armed forces, when
    the article names them (else the owner rule below gives the state)."""
    if token.lower_ not in TROOPS and token.lemma_ not in TROOPS:
        return None
    for c in token.children:
        if c.dep_ not in ("poss", "amod", "compound", "nmod"):
            continue
        m = f.token_mention.get(c.i)
        code = f.countries[m] if m is not None and f.types[m] == "STATE" else None
        code = code or (c.ent_kb_id_ if c.ent_type_ == "NORP" else None) or code_for_demonym(c.text)
        if code and code in f.military_of:
            return [f.military_of[code]]
    return None


def national_delegation(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "the Mongolian delegation", "the Korean side": the state, when the article names it
    (talks between delegations of states name the states)."""
    if token.lower_ not in DELEGATION_WORDS:
        return None
    for c in token.children:
        if c.dep_ in ("amod", "compound", "nmod") and c.i not in f.token_mention:
            code = (c.ent_kb_id_ if c.ent_type_ == "NORP" else None) or code_for_demonym(c.text)
            if code and code in f.state_of:
                return [f.state_of[code]]
    return None


def descriptor_apposition(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "the Commander of X, General Y": the name in apposition to a descriptor."""
    found = [m for c in token.children if c.dep_ == "appos" for m in f.core(c, depth + 1)]
    return found or None


def person_after_comma(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "the Commander of X, General Y" parsed without the apposition: Y."""
    doc = token.doc
    last = max(t.i for t in token.subtree)
    j = token.i + 1
    while j <= last and doc[j].text != ",":
        j += 1
    if j > last + 1 or j >= len(doc) or doc[j].text != ",":
        return None
    j += 1
    while j < len(doc) and (
        doc[j].ent_type_ == "TITLE" or doc[j].lower_ in HONORIFICS or doc[j].text == "."
    ):
        j += 1
    m = f.token_mention.get(j)
    return [m] if m is not None and f.types[m] == "PERSON" else None


def of_or_from(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "militaries from A, B and C", "the head of the Pentagon": the of/from object."""
    found = [
        m
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in {"of", "from"}
        for obj in c.children
        if obj.dep_ == "pobj"
        for m in f.core(obj, depth + 1)
    ]
    return found or None


def modifier(f: EventFinder, token: Token, depth: int) -> list[int] | None:
    """ "Mongolia's troops", "the Russia delegation": the named owner or compound."""
    found = [
        m
        for c in token.children
        if c.dep_ in ("poss", "compound", "nmod")
        and (c.i in f.token_mention or c.dep_ == "compound" and c.pos_ == "NOUN")
        for m in f.core(c, depth + 1)
    ]
    return found or None


def _owner(token: Token) -> bool:
    """ "Mongolia's" before a noun: the owner of the next conjunct, not a conjunct itself."""
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].tag_ == "POS"


def conjuncts(f: EventFinder, token: Token, depth: int) -> list[int]:
    """ "A, B and C": the conjuncts' referents; not alternatives ("Russia or the Soviet Union"
    names one party twice, or one of two: neither makes a pair)."""
    chain, node = [token], token
    while len(chain) < 12 and (nxt := [c for c in node.children if c.dep_ == "conj"]):
        node = nxt[0]
        chain.append(node)
    if any(c.dep_ == "cc" and c.lower_ == "or" for t in chain for c in t.children):
        return []
    own = f.token_mention.get(token.i)
    holders = [token]
    if own is not None:  # "the Ministry of Foreign Affairs of Mongolia, USA and Japan"
        holders = [
            t
            for t in token.doc[max(0, token.i - 12) : token.i + 12]
            if f.token_mention.get(t.i) == own
        ]
    return [
        m
        for h in holders
        for c in h.children
        if c.dep_ == "conj" and f.token_mention.get(c.i) != own and not _owner(c)
        for m in f.core(c, depth + 1)
    ] + misparsed_conjuncts(f, token, own, depth)


def misparsed_conjuncts(f: EventFinder, token: Token, own: int | None, depth: int) -> list[int]:
    """ "A and B met" parsed with A as a modifier of B, "A, <title>, and B met" with B in
    apposition to A: another person joined by "and" is a conjunct."""
    if own is None or f.types[own] != "PERSON":
        return []
    doc, found = token.doc, []
    for c in token.children:
        other = f.token_mention.get(c.i)
        if other is None or other == own or f.types[other] != "PERSON":
            continue
        if c.dep_ == "nmod" and any(k.dep_ == "cc" and k.lower_ == "and" for k in c.children):
            found += f.core(c, depth + 1)
        elif c.dep_ == "appos" and c.i > token.i:
            between = doc[token.i + 1 : c.left_edge.i]
            people = {f.token_mention.get(t.i) for t in between} - {None, own}
            if any(t.lower_ == "and" for t in between) and not any(
                m is not None and f.types[m] == "PERSON" for m in people
            ):
                found += f.core(c, depth + 1)
    return found


REFERENTS: tuple[Referent, ...] = (
    named,
    apposition_of_name,
    place,
    exercise_anaphor,
    person_pronoun,
    possessive_pronoun,
    title_anaphor,
    group_pronoun,
    group_noun,
    led_by,
    national_force,
    national_delegation,
    descriptor_apposition,
    person_after_comma,
    of_or_from,
    modifier,
)
