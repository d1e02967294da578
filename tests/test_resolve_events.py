"""One interaction reported by several outlets is one event, even when their dates differ by the
publication-day fallback; two dated meetings on different days stay two events."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from actorgraph.core.records import Actor, Article, Event, EventView, Participant, ResolvedArticle
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.graph.pipeline import ingest
from actorgraph.resolve.events import EventIndex

SHOIGU = Actor("person:sergei-shoigu", "Sergei Shoigu", "PERSON", "RUS")
BYAM = Actor("person:a-byambajargal", "A. Byambajargal", "PERSON", "MNG")


def event(day: str, basis: str, article: str, kind: str = "MEET", status: str = "actual") -> Event:
    ids = [SHOIGU.id, BYAM.id]
    return Event(
        Event.make_id(kind, ids, day, status),
        kind,
        status,
        day,
        basis,
        None,
        [Participant(SHOIGU.id, "actor"), Participant(BYAM.id, "recipient")],
        article,
        "s",
        0,
        1,
    )


def doc(*events: Event) -> ResolvedArticle:
    art = Article(
        events[0].article_id,
        f"http://x/{events[0].article_id}",
        "t",
        "x",
        "o",
        None,
        events[0].article_id,
        "src",
    )
    return ResolvedArticle(art, [SHOIGU, BYAM], [], list(events))


def test_publication_day_fallback_joins_the_dated_report() -> None:
    index = EventIndex()
    first = index.unify(doc(event("2026-05-27", "text", "a1")))
    second = index.unify(doc(event("2026-05-28", "published", "a2")))
    assert second.events[0].id == first.events[0].id


def test_two_dated_meetings_on_different_days_stay_two() -> None:
    index = EventIndex()
    first = index.unify(doc(event("2026-05-27", "text", "a1")))
    second = index.unify(doc(event("2026-05-28", "text", "a2")))
    assert second.events[0].id != first.events[0].id


def test_other_type_status_or_distance_never_joins() -> None:
    index = EventIndex()
    base = index.unify(doc(event("2026-05-27", "text", "a1"))).events[0].id
    for other in (
        event("2026-05-28", "published", "a2", kind="VISIT"),
        event("2026-05-28", "published", "a3", status="future"),
        event("2026-05-30", "published", "a4"),
    ):
        assert index.unify(doc(other)).events[0].id != base


def test_known_events_from_the_store_are_matched() -> None:
    view = EventView(
        "known-1",
        "MEET",
        "actual",
        "2026-05-27",
        None,
        [(SHOIGU, "actor"), (BYAM, "recipient")],
        [],
        "text",
    )
    index = EventIndex([view])
    assert index.unify(doc(event("2026-05-26", "published", "a9"))).events[0].id == "known-1"


def test_same_meeting_in_two_runs_is_one_event_with_two_sources(tmp_path: Path, extractor) -> None:
    dated = tmp_path / "one" / "a.md"
    undated = tmp_path / "two" / "b.md"
    dated.parent.mkdir()
    undated.parent.mkdir()
    dated.write_text(
        "---\ntitle: A\ndate: 2026-05-27\nurl: https://one.example/a\noutlet: One\n"
        "---\nRussian Security Council Secretary Sergei Shoigu met Mongolian security "
        "chief A. Byambajargal in Moscow on 27 May.\n",
        encoding="utf-8",
    )
    undated.write_text(
        "---\ntitle: B\ndate: 2026-05-28\nurl: https://two.example/b\noutlet: Two\n"
        "---\nRussian Security Council Secretary Sergei Shoigu met Mongolian "
        "security chief A. Byambajargal in Moscow.\n",
        encoding="utf-8",
    )
    settings = replace(Settings(), store_path=tmp_path / "s.lbug")
    with open_store(settings) as store:
        ingest([str(dated)], store, settings, extractor)
        ingest([str(undated)], store, settings, extractor)
        meets = [e for e in store.events() if e.type == "MEET"]
    assert len(meets) == 1
    assert {s.outlet for s in meets[0].sources} == {"One", "Two"}
    assert meets[0].date == "2026-05-27"
