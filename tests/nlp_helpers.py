"""Helpers for the NLP tests: articles from text, and readable views of an Extraction."""

from __future__ import annotations

from actorgraph.core.records import Article, Extraction

PUBLISHED = "2026-05-28T08:00:00Z"  # a Thursday


def article(text: str, published: str | None = PUBLISHED, aid: str = "t1") -> Article:
    return Article(
        id=aid,
        url=f"file:///tmp/{aid}.txt",
        title="test",
        text=text,
        outlet="test",
        published=published,
        content_hash="",
        source="test",
        via="file",
    )


def actors(ex: Extraction) -> dict[str, str]:
    """name -> type over the article's mentions."""
    return {m.name: m.type for m in ex.mentions}


def mention(ex: Extraction, name: str):
    found = [m for m in ex.mentions if m.name == name]
    assert found, f"no mention named {name!r} in {[m.name for m in ex.mentions]}"
    return found[0]


def events(ex: Extraction) -> list[tuple[str, str, frozenset[tuple[str, str]]]]:
    """(type, status, {(name, role)}) per event."""
    return [
        (e.type, e.status, frozenset((ex.mentions[i].name, r) for i, r in e.participants))
        for e in ex.events
    ]


def pairs(ex: Extraction, status: str = "actual") -> set[frozenset[str]]:
    """Unordered name pairs of events with this status."""
    out = set()
    for e in ex.events:
        if e.status != status:
            continue
        names = sorted({ex.mentions[i].name for i, _ in e.participants})
        out |= {frozenset((a, b)) for k, a in enumerate(names) for b in names[k + 1 :]}
    return out
