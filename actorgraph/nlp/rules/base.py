"""What every event rule shares: the event found, and the word lists of ``core/kb/en/``."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from actorgraph.core.kb.lexicon import event_words


@dataclass
class Found:
    """One event found in one sentence (participants as mention indexes)."""

    type: str
    status: str
    participants: list[tuple[int, str]]
    trigger: Token
    sent: Span


def words(name: str) -> frozenset[str]:
    """One word list of ``core/kb/en/event_words.txt``."""
    return event_words(name)


def unique(items: list[int]) -> list[int]:
    """``items`` without repeats, in first-seen order."""
    return list(dict.fromkeys(items))


def first(*items: int | None) -> int:
    """The first item that is not None (mention index 0 is a real mention)."""
    return next(i for i in items if i is not None)
