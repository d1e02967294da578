"""The contract every GraphStore backend must pass: embedded Ladybug always, Neo4j when
NEO4J_URI is set. Fixture graph and expected values: tests/graph_fixture_data.py."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

import pytest
from graph_fixture_data import (
    A1,
    ACTUAL_EVENTS,
    BACKENDS,
    BAT,
    COUNTS,
    DOCS,
    DONG,
    E3,
    E_NEG,
    EVS,
    HOSTILE_TITLE,
    MNG,
    article,
    doc,
    open_backend,
)

from actorgraph.core.errors import QueryError, ResolutionError, StoreError
from actorgraph.core.records import Actor, FeedState
from actorgraph.graph.base import GraphStore
from actorgraph.queries import run_query

REL_COUNT = """MATCH ()-[r:{}]->() RETURN count(r) AS n"""


@pytest.fixture(params=BACKENDS)
def empty_store(request: pytest.FixtureRequest, tmp_path) -> Iterator[GraphStore]:  # noqa: ANN001
    store = open_backend(request.param, tmp_path)
    yield store
    store.close()


@pytest.fixture
def store(empty_store: GraphStore) -> GraphStore:
    empty_store.write(DOCS[:3])
    empty_store.write(DOCS[3:])
    return empty_store


def rel_counts(store: GraphStore) -> dict[str, int]:
    return {
        t: store.run(REL_COUNT.format(t))[0]["n"]
        for t in ("PARTICIPANT", "REPORTED_IN", "HELD_IN", "MENTIONED_IN")
    }


def test_write_counts(store: GraphStore) -> None:
    assert store.counts() == COUNTS
    assert rel_counts(store) == {
        "PARTICIPANT": 21,
        "REPORTED_IN": 10,
        "HELD_IN": 2,
        "MENTIONED_IN": 21,
    }


def test_rewrite_is_idempotent(store: GraphStore) -> None:
    before = (store.counts(), rel_counts(store), store.actors(), store.events())
    store.write(DOCS)  # one batch this time, every key already stored
    store.write(DOCS[::-1][:2])
    after = (store.counts(), rel_counts(store), store.actors(), store.events())
    assert after == before


def test_one_event_two_sources(store: GraphStore) -> None:
    (view,) = [e for e in store.events() if e.id == E3.id]
    assert [s.outlet for s in view.sources] == ["montsame", "ubpost"]
    assert view.sources[0].sentence == "Battsetseg met General Ronald Clark."
    assert view.sources[1].sentence.startswith("General Clark held talks")
    assert (view.sources[1].start, view.sources[1].end) == (0, len(view.sources[1].sentence))
    assert [(a.name, role) for a, role in view.participants] == [
        ("Batmunkh Battsetseg", "actor"),
        ("Ronald Clark", "recipient"),
    ]


def test_events_filtering(store: GraphStore) -> None:
    assert [e.id for e in store.events()] == [e.id for e in ACTUAL_EVENTS]
    week = store.events(since="2026-05-11", until="2026-05-18")
    assert [(e.date, e.type) for e in week] == [("2026-05-12", "MEET"), ("2026-05-13", "AGREE")]
    assert [e.date for e in store.events(until="2026-01-01")] == ["2024-06-10"]
    assert [e.date for e in store.events(since="2026-06-01")] == ["2026-06-15", "2026-06-16"]
    negated = store.events(since="2026-05-04", until="2026-05-11", statuses=("negated",))
    assert [e.id for e in negated] == [E_NEG.id]
    both = store.events(since="2026-05-04", until="2026-05-11", statuses=("actual", "negated"))
    assert len(both) == 3


def test_export_like_reads(store: GraphStore) -> None:
    actors = {a.id: a for a in store.actors()}
    assert len(actors) == 11
    assert actors[BAT.id] == BAT
    articles = store.articles()
    assert [a.published[:10] for a in articles][:2] == ["2024-06-10", "2026-05-05"]
    assert articles[1].title == HOSTILE_TITLE  # stored verbatim, never interpreted
    urls, hashes = store.known_articles()
    assert A1.url in urls and A1.content_hash in hashes and len(urls) == 7
    places = {e.place for e in store.events() if e.place}
    assert places == {"Ulaanbaatar", "Beijing"}


def test_store_and_resolver_apply_judgements_by_one_rule(store: GraphStore) -> None:
    """same(A,B), same(B,C), not_same(A,C): the store keeps C apart, and so must the resolver
    (else the next ingest writes C's new mentions on A, against the person's decision)."""
    from actorgraph.core.judgements import Judgement
    from actorgraph.resolve import Resolver

    a, b, c = BAT.id, EVS.id, DONG.id
    store.add_judgements(
        [Judgement(a, b, "same"), Judgement(b, c, "same"), Judgement(a, c, "not_same")]
    )
    merged = store.merged_into()
    assert merged == {b: a}
    actors = store.actors()
    existing = {x.id for x in actors} | set(merged)
    resolver = Resolver(actors, judgements=store.judgements(), existing=existing)
    book = resolver._book
    assert {x: book.canonical(x) for x in (a, b, c)} == {a: a, b: a, c: c}
    # a later "unsure" on a pair decides nothing, in both
    store.add_judgement(Judgement(a, b, "unsure"))
    assert store.merged_into() == {b: a}
    book.add(Judgement(a, b, "unsure"))
    assert book.canonical(b) == a and not book.not_same(a, b)


def test_article_text_is_stored_and_read_back(store: GraphStore) -> None:
    stored = store.article(A1.id)
    assert stored is not None
    assert stored.text == A1.text and stored.url == A1.url and stored.published == A1.published
    assert store.article("no-such-article") is None


def test_aliases_are_unioned_and_country_kept(store: GraphStore) -> None:
    variant = dataclasses.replace(BAT, aliases=["Battsetseg"], country=None, title=None)
    later = article("a9", "montsame", "2026-05-20T08:00:00Z")
    store.write([doc(later, [variant], [])])
    (bat,) = [a for a in store.actors() if a.id == BAT.id]
    assert bat.aliases == ["B. Battsetseg", "Battsetseg"]
    assert (bat.country, bat.title) == ("MNG", "Minister of Foreign Affairs")


def test_feed_state_roundtrip(empty_store: GraphStore) -> None:
    assert empty_store.feed_state("https://montsame.example/rss") is None
    empty_store.save_feed_state(FeedState("https://montsame.example/rss", '"abc"', None))
    empty_store.save_feed_state(FeedState("https://montsame.example/rss", '"def"', "Tue, 1 Jan"))
    state = empty_store.feed_state("https://montsame.example/rss")
    assert state == FeedState("https://montsame.example/rss", '"def"', "Tue, 1 Jan")
    assert empty_store.counts()["Feed"] == 1


def test_failed_batch_leaves_nothing(store: GraphStore) -> None:
    before = (store.counts(), rel_counts(store))
    fresh = article("bad", "newsmn", "2026-05-21T08:00:00Z")
    broken = Actor("p-broken", "Broken \ud800 name", "PERSON", "MNG")  # not encodable
    # The articles statement runs first and succeeds; the actors statement fails.
    with pytest.raises(StoreError, match="rolled back"):
        store.write([doc(fresh, [MNG], []), doc(article("bad2", "x", None), [broken], [])])
    assert (store.counts(), rel_counts(store)) == before
    assert fresh.url not in store.known_articles()[0]


def test_clear(store: GraphStore) -> None:
    store.clear()
    assert store.counts() == {k: 0 for k in COUNTS}
    store.write(DOCS)
    assert store.counts() == COUNTS


def test_run_is_read_only_unless_write(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="pass --write"):
        store.run("MATCH (n:Actor {id: $id}) SET n.name = 'x'", {"id": BAT.id})
    with pytest.raises(QueryError, match="pass --write"):
        run_query(store, "MATCH (n) DETACH DELETE n")
    assert store.counts() == COUNTS
    store.run("MERGE (p:Place {name: $name})", {"name": "Zamyn-Uud"}, write=True)
    assert store.counts()["Place"] == COUNTS["Place"] + 1


def test_injection_looking_values_stay_parameters(store: GraphStore) -> None:
    hostile = "x' OR 1=1 RETURN a //"
    with pytest.raises(ResolutionError, match="no actor"):  # looked up as a value, never run
        run_query(store, "actor_timeline", {"actor": hostile})
    assert run_query(store, "MATCH (a:Actor) WHERE a.name = $n RETURN a.id", {"n": hostile}) == []
    rows = run_query(
        store, "MATCH (s:Article) WHERE s.title = $t RETURN s.url AS url", {"t": HOSTILE_TITLE}
    )
    assert rows == [{"url": A1.url}]
    assert store.counts() == COUNTS


def test_bad_cypher_is_a_query_error(store: GraphStore) -> None:
    with pytest.raises(QueryError, match="query failed"):
        store.run("MATCH (n:Actor RETURN n")
    with pytest.raises(QueryError, match="one statement"):
        store.run("MATCH (n) RETURN n; MATCH (m) RETURN m")


def test_copy_store_is_idempotent(store: GraphStore, tmp_path) -> None:  # noqa: ANN001
    from actorgraph.core.judgements import judge
    from actorgraph.graph.ladybug_store import LadybugStore
    from actorgraph.graph.sync import copy_store

    every = ("actual", "future", "negated", "hypothetical")
    ids = sorted(a.id for a in store.actors() if a.type == "PERSON")[:2]
    store.add_judgement(judge(ids[0], ids[1], "not_same", "analyst", "two people"))
    with LadybugStore(tmp_path / "copy.lbug") as dst:
        assert copy_store(store, dst) == COUNTS
        assert copy_store(store, dst) == COUNTS
        assert dst.judgements() == store.judgements()
        assert dst.events(statuses=every) == store.events(statuses=every)
        assert dst.actors() == store.actors()
        assert dst.articles() == store.articles()
        assert rel_counts(dst) == rel_counts(store)


def test_export(store: GraphStore) -> None:
    from actorgraph.graph.export import store_dict

    data = store_dict(store)
    assert (len(data["actors"]), len(data["events"]), len(data["articles"])) == (11, 9, 7)
    assert len(data["relations"]) == 15  # 3 + 6 pairs from the exercises, 1 per other event
    (meeting,) = [r for r in data["relations"] if r["date"] == "2026-05-12"]
    assert (meeting["source"], meeting["target"]) == (BAT.id, "p-clark")
    assert meeting["sources"] == sorted(
        [article("a3", "montsame", "").url, article("a4", "ubpost", "").url]
    )


def test_weekly_diff(store: GraphStore) -> None:
    import json

    from actorgraph.report import build_weekly, render

    def pairs(week: str) -> dict[str, dict[str, list[list[str]]]]:
        report = json.loads(render(build_weekly(store, week, "MNG"), "json"))
        return {
            country: {
                kind: [[a["name"] for a in entry["actors"]] for entry in section[kind]]
                for kind in ("new", "continuing")
            }
            for country, section in report["counterparts"].items()
            if section["new"] or section["continuing"]  # not the lapsed-only counterparts
        }

    assert pairs("2026-W20") == {
        "RUS": {"new": [["Mongolia", "Russia"]], "continuing": []},
        "USA": {"new": [["Batmunkh Battsetseg", "Ronald Clark"]], "continuing": []},
    }
    assert pairs("2026-W21") == {
        "RUS": {"new": [], "continuing": [["Batmunkh Battsetseg", "Alexei Evsikov"]]}
    }
