"""A small hand-built graph for the store contract suite and the saved-query tests.

Built from ResolvedArticle records directly (no NLP), so every expected answer below can be read
off this file. ISO weeks: 2026-05-04, 2026-05-11 and 2026-05-18 are Mondays (W19, W20, W21).
"""

from __future__ import annotations

from actorgraph.core.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    Participant,
    ResolvedArticle,
    stable_id,
)

BAT = Actor(
    "p-bat",
    "Batmunkh Battsetseg",
    "PERSON",
    "MNG",
    "Minister of Foreign Affairs",
    ["B. Battsetseg"],
)
EVS = Actor("p-evs", "Alexei Evsikov", "PERSON", "RUS", "Ambassador", [])
DONG = Actor("p-dong", "Dong Jun", "PERSON", "CHN", "Minister of National Defense", [])
CLARK = Actor("p-clark", "Ronald Clark", "PERSON", "USA", "General", [])
MNG = Actor("s-mng", "Mongolia", "STATE", "MNG", None, [])
RUS = Actor("s-rus", "Russia", "STATE", "RUS", None, ["Moscow"])
MAF = Actor("m-maf", "Mongolian Armed Forces", "MILITARY", "MNG", None, [])
USARPAC = Actor("m-usarpac", "US Army Pacific", "MILITARY", "USA", None, [])
JGSDF = Actor("m-jgsdf", "Japan Ground Self-Defense Force", "MILITARY", "JPN", None, [])
KQ24 = Actor("x-kq24", "Khaan Quest 2024", "EXERCISE", None, None, [], "Khaan Quest")
KQ26 = Actor(
    "x-kq26", "Khaan Quest 2026", "EXERCISE", None, None, ["Khaan Quest-2026"], "Khaan Quest"
)

# Injection-looking text stays data: it is only ever passed as a parameter.
HOSTILE_TITLE = "Talks'}) DETACH DELETE n //<script>alert(1)</script>"


def article(key: str, outlet: str, published: str, title: str = "") -> Article:
    url = f"https://{outlet}.example/{key}"
    return Article(
        id=stable_id(url),
        url=url,
        title=title or f"Story {key}",
        text=f"text of {key}",
        outlet=outlet,
        published=published,
        content_hash=stable_id("hash", key, length=64),
        source=f"https://{outlet}.example/rss",
        via="page",
    )


def event(
    kind: str,
    parts: list[tuple[Actor, str]],
    date: str,
    art: Article,
    sentence: str,
    status: str = "actual",
    place: str | None = None,
) -> Event:
    ids = [a.id for a, _ in parts]
    return Event(
        id=Event.make_id(kind, ids, date, status),
        type=kind,
        status=status,
        date=date,
        date_basis="text",
        place=place,
        participants=[Participant(a.id, role, a.name) for a, role in parts],
        article_id=art.id,
        sentence=sentence,
        start=0,
        end=len(sentence),
    )


def doc(art: Article, actors: list[Actor], events: list[Event]) -> ResolvedArticle:
    mentions = [
        ActorMention(a.id, a.name, 10 * i, 10 * i + len(a.name)) for i, a in enumerate(actors)
    ]
    return ResolvedArticle(article=art, actors=actors, mentions=mentions, events=events)


A1 = article("a1", "montsame", "2026-05-05T08:00:00Z", HOSTILE_TITLE)
A2 = article("a2", "newsmn", "2026-05-06T09:00:00Z")
A3 = article("a3", "montsame", "2026-05-12T07:00:00Z")
A4 = article("a4", "ubpost", "2026-05-13T10:00:00Z")
A5 = article("a5", "montsame", "2026-05-19T08:00:00Z")
A6 = article("a6", "ubpost", "2024-06-10T06:00:00Z")
A7 = article("a7", "montsame", "2026-06-16T12:00:00Z")

E1 = event(
    "MEET",
    [(BAT, "actor"), (EVS, "recipient")],
    "2026-05-05",
    A1,
    "Foreign Minister B. Battsetseg received Russian Ambassador Alexei Evsikov.",
    place="Ulaanbaatar",
)
E_NEG = event(
    "MEET",
    [(BAT, "actor"), (DONG, "recipient")],
    "2026-05-05",
    A1,
    "Battsetseg did not meet Dong Jun.",
    status="negated",
)
E2 = event(
    "MEET",
    [(BAT, "actor"), (DONG, "recipient")],
    "2026-05-06",
    A2,
    "Battsetseg met Chinese Defence Minister Dong Jun in Beijing.",
    place="Beijing",
)
E3 = event(
    "MEET",
    [(BAT, "actor"), (CLARK, "recipient")],
    "2026-05-12",
    A3,
    "Battsetseg met General Ronald Clark.",
)
E3_BIS = event(
    "MEET",
    [(BAT, "actor"), (CLARK, "recipient")],
    "2026-05-12",
    A4,
    "General Clark held talks with Minister Battsetseg on Tuesday.",
)
E4 = event(
    "AGREE",
    [(MNG, "actor"), (RUS, "recipient")],
    "2026-05-13",
    A4,
    "Mongolia and Russia signed a memorandum.",
)
E5 = event(
    "MEET",
    [(BAT, "actor"), (EVS, "recipient")],
    "2026-05-19",
    A5,
    "Battsetseg again met Ambassador Evsikov.",
)
E6 = event(
    "PARTICIPATE",
    [(KQ24, "participant"), (MAF, "participant"), (USARPAC, "participant")],
    "2024-06-10",
    A6,
    "Khaan Quest 2024 opened with Mongolian and US troops.",
)
E7 = event(
    "PARTICIPATE",
    [(KQ26, "participant"), (MAF, "participant"), (USARPAC, "participant"), (JGSDF, "participant")],
    "2026-06-15",
    A7,
    "Khaan Quest 2026 brought together Mongolian, US and Japanese units.",
)
E8 = event(
    "VISIT",
    [(CLARK, "actor"), (USARPAC, "recipient")],
    "2026-06-16",
    A7,
    "General Clark visited the US Army Pacific contingent.",
)

DOCS: list[ResolvedArticle] = [
    doc(A1, [BAT, EVS, DONG], [E1, E_NEG]),
    doc(A2, [BAT, DONG], [E2]),
    doc(A3, [BAT, CLARK], [E3]),
    doc(A4, [BAT, CLARK, MNG, RUS], [E3_BIS, E4]),
    doc(A5, [BAT, EVS], [E5]),
    doc(A6, [KQ24, MAF, USARPAC], [E6]),
    doc(A7, [KQ26, MAF, USARPAC, JGSDF, CLARK], [E7, E8]),
]

ACTORS = [BAT, EVS, DONG, CLARK, MNG, RUS, MAF, USARPAC, JGSDF, KQ24, KQ26]
ACTUAL_EVENTS = [E6, E1, E2, E3, E4, E5, E7, E8]
COUNTS = {"Actor": 11, "Article": 7, "Event": 9, "Place": 2, "Feed": 0}


# Backends ----------------------------------------------------------------------------------------
BACKENDS = ["ladybug", "neo4j"]


def open_backend(name: str, tmp_path):  # noqa: ANN001, ANN201 - test helper
    """A fresh, empty store of the named backend (Neo4j only when NEO4J_URI is set).

    Warning: on Neo4j this empties the configured database (use a scratch database).
    """
    import dataclasses
    import os

    import pytest

    from actorgraph.core.settings import Settings
    from actorgraph.graph import open_store

    if name == "neo4j":
        if not os.environ.get("NEO4J_URI"):
            pytest.skip("NEO4J_URI not set")
        store = open_store(Settings.from_env())
        store.clear()
        return store
    settings = dataclasses.replace(Settings(), store_path=tmp_path / "contract.lbug")
    return open_store(settings)
