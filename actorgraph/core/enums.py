"""The closed vocabularies, one ``StrEnum`` each. Members compare equal to their strings, so
records and the store keep plain text."""

from __future__ import annotations

from enum import StrEnum


class ActorType(StrEnum):
    PERSON = "PERSON"
    STATE = "STATE"
    MILITARY = "MILITARY"
    EXERCISE = "EXERCISE"
    ORGANIZATION = "ORGANIZATION"


class EventType(StrEnum):
    MEET = "MEET"
    VISIT = "VISIT"
    PARTICIPATE = "PARTICIPATE"
    AGREE = "AGREE"
    COOPERATE = "COOPERATE"
    AID = "AID"
    ACCUSE = "ACCUSE"
    THREATEN = "THREATEN"
    ATTACK = "ATTACK"
    DEPLOY = "DEPLOY"


class Role(StrEnum):
    ACTOR = "actor"
    RECIPIENT = "recipient"
    PARTICIPANT = "participant"


class Status(StrEnum):
    ACTUAL = "actual"
    FUTURE = "future"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"


class DateBasis(StrEnum):
    TEXT = "text"
    PUBLISHED = "published"


class Verdict(StrEnum):
    """About two actors: same, not_same, unsure. About one actor: edit (its type, country or
    title, as ``changes``) and drop (not an actor at all)."""

    SAME = "same"
    NOT_SAME = "not_same"
    UNSURE = "unsure"
    EDIT = "edit"
    DROP = "drop"


def values(enum: type[StrEnum]) -> tuple[str, ...]:
    """The members' strings, in declaration order (for CLI choices and messages)."""
    return tuple(member.value for member in enum)
