"""Build extractions for the resolver tests directly from records (no spaCy needed)."""

from __future__ import annotations

from itertools import count

from actorgraph.core.records import Article, EventMention, Extraction, Mention

_numbers = count(1)


def mention(
    name: str,
    actor_type: str,
    country: str | None = None,
    title: str | None = None,
    acronym: str | None = None,
    text: str | None = None,
) -> Mention:
    """A mention whose surface text defaults to its name."""
    return Mention(text or name, name, actor_type, 0, len(text or name), country, title, acronym)


def meet(
    *participants: tuple[int, str],
    date: str = "2026-05-27",
    status: str = "actual",
    event_type: str = "MEET",
) -> EventMention:
    """An event mention over mention indexes with roles."""
    return EventMention(
        event_type, status, list(participants), date, "text", None, "They met.", 0, 10
    )


def doc(
    *mentions: Mention, events: list[EventMention] | None = None, outlet: str = "test"
) -> Extraction:
    """An extraction of one fresh article."""
    n = next(_numbers)
    article = Article(
        f"art-{n}",
        f"https://news.test/{n}",
        f"Article {n}",
        "text",
        outlet,
        "2026-05-28T08:00:00Z",
        f"hash-{n}",
        "test",
    )
    return Extraction(article, list(mentions), events or [])
