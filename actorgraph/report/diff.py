"""The weekly graph diff, computed on read-back events (pure: no store, no I/O).

An event is *this week* when its full ``YYYY-MM-DD`` date falls in the ISO week; year- or
month-only dates (historical references) never do. A pair of actors, one of the focus country and
one of another country, that interacted this week is ``new`` when no actual event before the week
links them, else ``continuing``. Pairs come from :func:`actorgraph.core.records.relation_pairs`, the
same pairwise view the export uses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from actorgraph.core.errors import ConfigError
from actorgraph.core.kb.countries import by_code, code_for_name, country_name
from actorgraph.core.records import Actor, EventView, SourceRef, relation_pairs
from actorgraph.report.model import WeeklyReport
from actorgraph.report.weeks import iso_week_bounds, parse_day, period_end, period_start

KEY_EVENTS = 5
_ISO3 = re.compile(r"^[A-Za-z]{3}$")


def country_code(value: str, what: str) -> str:
    """A validated ISO 3166 alpha-3 code (upper case); ConfigError naming ``what`` otherwise."""
    text = (value or "").strip()
    if not _ISO3.match(text):
        raise ConfigError(f"{what} {value!r} is not an ISO 3166 alpha-3 code like MNG")
    if by_code(text) is None:
        raise ConfigError(f"{what} {value!r} is not a known country code")
    return text.upper()


def actor_country(actor: Actor) -> str | None:
    """The actor's country; a STATE without one is its own country ("Russia" -> RUS)."""
    if actor.country:
        return actor.country.upper()
    if actor.type == "STATE":
        return code_for_name(actor.name)
    return None


def reported_after(event: EventView) -> bool:
    """Whether the event's date is not later than the latest article reporting it: an "actual"
    event dated after every report (mis-tagged plan: "is scheduled to open on 15 June") is an
    announcement, not news. Undated events and sources without dates pass."""
    start = period_start(event.date)
    published = [s.published[:10] for s in event.sources if s.published]
    return start is None or not published or start <= max(published)


def is_announced(event: EventView) -> bool:
    """A future-status event, or an actual one dated after every article that reports it."""
    return event.status == "future" or (event.status == "actual" and not reported_after(event))


def _in_week(day: str | None, lo: str, hi: str) -> bool:
    return parse_day(day) is not None and lo <= day[:10] < hi  # type: ignore[index]


def _source(s: SourceRef) -> dict[str, Any]:
    return {"url": s.url, "title": s.title, "outlet": s.outlet}


def _actor(a: Actor) -> dict[str, Any]:
    return {"id": a.id, "name": a.name, "country": actor_country(a)}


def _ordered_sources(events: Iterable[EventView]) -> list[SourceRef]:
    """Each source article once (by URL), oldest first."""
    seen: dict[str, SourceRef] = {}
    for e in events:
        for s in e.sources:
            seen.setdefault(s.url, s)
    return sorted(seen.values(), key=lambda s: (s.published or "", s.outlet, s.title, s.url))


def _unique_sources(events: Iterable[EventView]) -> list[dict[str, Any]]:
    return [_source(s) for s in _ordered_sources(events)]


def _evidence(events: Iterable[EventView]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for e in events:
        for s in e.sources:
            if s.sentence and (s.sentence, s.url) not in seen:
                seen.add((s.sentence, s.url))
                out.append({"sentence": s.sentence, "url": s.url, "date": e.date, "type": e.type})
    return out


def focus_pairs(event: EventView, focus: str) -> list[tuple[Actor, Actor]]:
    """(focus actor, foreign actor) for each relation pair of ``event`` crossing the border."""
    by_id = {a.id: a for a, _ in event.participants}
    pairs = relation_pairs([(a.id, role) for a, role in event.participants])
    out: list[tuple[Actor, Actor]] = []
    for x, y in pairs:
        a, b = by_id[x], by_id[y]
        ca, cb = actor_country(a), actor_country(b)
        if ca == focus and cb and cb != focus:
            out.append((a, b))
        elif cb == focus and ca and ca != focus:
            out.append((b, a))
    return out


def involves(event: EventView, focus: str) -> bool:
    """Whether any participant belongs to the focus country."""
    return any(actor_country(a) == focus for a, _ in event.participants)


def event_dict(event: EventView) -> dict[str, Any]:
    """One event for the report: type, date, place, participants, sentence, sources."""
    first = next((s.sentence for s in event.sources if s.sentence), "")
    return {
        "id": event.id,
        "type": event.type,
        "status": event.status,
        "date": event.date,
        "place": event.place,
        "participants": [
            {**_actor(a), "type": a.type, "title": a.title, "role": role}
            for a, role in event.participants
        ],
        "sentence": first,
        "sources": _unique_sources([event]),
        "evidence": _evidence([event]),
    }


@dataclass
class _Pair:
    focus_actor: Actor
    other: Actor
    events: list[EventView] = field(default_factory=list)

    def entry(self, history: list[EventView]) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "actors": [_actor(self.focus_actor), _actor(self.other)],
            "types": sorted({e.type for e in self.events}),
            "dates": sorted({e.date[:10] for e in self.events if e.date}),
            "sources": _unique_sources(self.events),
            "evidence": _evidence(self.events),
            "event_ids": [e.id for e in self.events],
        }
        if history:
            first = min(e.date or "" for e in history)
            entry["first_seen"] = first
            entry["first_seen_sources"] = _unique_sources(e for e in history if e.date == first)
            entry["previous_events"] = len(history)
        return entry


def _pair_sort(entry: dict[str, Any]) -> tuple[Any, ...]:
    names = tuple(a["name"].casefold() for a in entry["actors"])
    return (-len(entry["sources"]), -len(entry["dates"]), names)


def _counterpart_sections(
    week_events: list[EventView], prior: list[EventView], focus: str
) -> tuple[dict[str, dict[str, list[dict[str, Any]]]], list[EventView]]:
    """Pairs per counterpart country, and the earlier events that first linked continuing
    pairs (their articles are cited too)."""
    history: dict[frozenset[str], list[EventView]] = {}
    for e in prior:
        for a, b in focus_pairs(e, focus):
            history.setdefault(frozenset((a.id, b.id)), []).append(e)
    pairs: dict[frozenset[str], _Pair] = {}
    for e in week_events:
        for a, b in focus_pairs(e, focus):
            pair = pairs.setdefault(frozenset((a.id, b.id)), _Pair(a, b))
            if e not in pair.events:
                pair.events.append(e)
    sections: dict[str, dict[str, list[dict[str, Any]]]] = {}
    first_events: dict[str, EventView] = {}
    for key, pair in pairs.items():
        code = actor_country(pair.other) or ""
        section = sections.setdefault(code, {"new": [], "continuing": []})
        past = history.get(key, [])
        section["continuing" if past else "new"].append(pair.entry(past))
        if past:
            first = min(e.date or "" for e in past)
            first_events.update((e.id, e) for e in past if e.date == first)
    for section in sections.values():
        section["new"].sort(key=_pair_sort)
        section["continuing"].sort(key=_pair_sort)
    return sections, list(first_events.values())


def _exercises(events: list[EventView]) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    members: dict[str, list[EventView]] = {}
    for e in events:
        drills = [a for a, _ in e.participants if a.type == "EXERCISE"]
        if e.type != "PARTICIPATE" and not drills:
            continue
        for drill in drills or [None]:
            key = drill.id if drill else f"event:{e.id}"
            group = groups.setdefault(
                key,
                {
                    "exercise": _actor(drill) if drill else None,
                    "participants": {},
                },
            )
            members.setdefault(key, []).append(e)
            for a, _ in e.participants:
                if a.type != "EXERCISE":
                    group["participants"][a.id] = {**_actor(a), "type": a.type}
    out = []
    for key, group in groups.items():
        evs = members[key]
        out.append(
            {
                "exercise": group["exercise"],
                "participants": sorted(group["participants"].values(), key=lambda a: a["name"]),
                "types": sorted({e.type for e in evs}),
                "dates": sorted({e.date[:10] for e in evs if e.date}),
                "places": sorted({e.place for e in evs if e.place}),
                "event_ids": [e.id for e in evs],
                "sources": _unique_sources(evs),
            }
        )
    out.sort(key=lambda x: ((x["exercise"] or {}).get("name") or "", x["dates"]))
    return out


def _key_events(events: list[EventView], new_ids: set[str]) -> list[dict[str, Any]]:
    def score(e: EventView) -> tuple[Any, ...]:
        return (
            -len({s.url for s in e.sources}),
            -len({a.id for a, _ in e.participants}),
            0 if e.id in new_ids else 1,
            e.date or "",
            e.id,
        )

    return [event_dict(e) for e in sorted(events, key=score)[:KEY_EVENTS]]


def _annex(events: Iterable[EventView]) -> list[dict[str, Any]]:
    return [
        {"ref": i + 1, "url": s.url, "title": s.title, "outlet": s.outlet, "published": s.published}
        for i, s in enumerate(_ordered_sources(events))
    ]


def _select(
    found: dict[str, dict[str, list[dict[str, Any]]]], wanted: list[str] | None
) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """The requested counterparts in the requested order (empty ones too), or every one that
    has interactions, busiest first."""
    if wanted is not None:
        return {c: found.get(c, {"new": [], "continuing": []}) for c in wanted}
    busiest = sorted(found, key=lambda c: (-sum(len(v) for v in found[c].values()), c))
    return {c: found[c] for c in busiest if c}


def _pair_counts(sections: dict[str, dict[str, list[dict[str, Any]]]]) -> dict[str, Any]:
    return {
        "new_pairs": sum(len(s["new"]) for s in sections.values()),
        "continuing_pairs": sum(len(s["continuing"]) for s in sections.values()),
        "counterparts": {
            c: {"new": len(s["new"]), "continuing": len(s["continuing"])}
            for c, s in sections.items()
        },
    }


def weekly_diff(
    events: list[EventView],
    week: str,
    focus: str,
    counterparts: Sequence[str] | None = None,
    upcoming: list[EventView] | None = None,
    generated_at: str | None = None,
) -> WeeklyReport:
    """The weekly report of ``focus`` from every actual event up to the end of ``week``.

    ``counterparts`` restricts (and always lists, even when empty) the counterpart countries;
    ``upcoming`` are candidate announcements (see :func:`is_announced`), kept when one of their
    articles was published this week and their date is not before the week. Actual events
    dated after every article that reports them are never counted as having happened.
    """
    monday, next_monday = iso_week_bounds(week)
    lo, hi = monday.isoformat(), next_monday.isoformat()
    focus = country_code(focus, "focus country")
    wanted = [country_code(c, "counterpart") for c in counterparts] if counterparts else None

    actual = [e for e in events if e.status == "actual" and reported_after(e)]
    this_week = [e for e in actual if _in_week(e.date, lo, hi)]
    prior = [
        e for e in actual if not _in_week(e.date, lo, hi) and (period_start(e.date) or "9999") < lo
    ]
    focus_week = [e for e in this_week if involves(e, focus)]
    found, first_seen = _counterpart_sections(focus_week, prior, focus)
    sections = _select(found, wanted)
    kept = {
        s["url"]
        for section in sections.values()
        for entry in section["continuing"]
        for s in entry["first_seen_sources"]
    }
    first_seen = [e for e in first_seen if any(s.url in kept for s in e.sources)]

    cited_ids = {
        i
        for s in sections.values()
        for k in ("new", "continuing")
        for entry in s[k]
        for i in entry["event_ids"]
    }
    report_events = [
        e for e in focus_week if wanted is None or e.id in cited_ids or not focus_pairs(e, focus)
    ]
    new_ids = {i for s in sections.values() for entry in s["new"] for i in entry["event_ids"]}
    announced = [
        e
        for e in (upcoming or [])
        if is_announced(e)
        and (period_end(e.date) or hi) >= lo  # not a plan for a day already past
        and involves(e, focus)
        and any(_in_week(s.published, lo, hi) for s in e.sources)
    ]
    exercises = _exercises(report_events)
    annex = _annex([*report_events, *announced, *first_seen])
    codes = {focus, *sections}
    for e in [*report_events, *announced]:
        codes.update(c for c in (actor_country(a) for a, _ in e.participants) if c)
    summary = {
        "events": len(report_events),
        "articles": len({s.url for e in report_events for s in e.sources}),
        "cited_articles": len(annex),
        **_pair_counts(sections),
        "exercises": len(exercises),
        "upcoming": len(announced),
    }
    return WeeklyReport(
        week=week.strip(),
        focus=focus,
        start=lo,
        end=(next_monday - timedelta(days=1)).isoformat(),
        counterparts=sections,
        events=[event_dict(e) for e in report_events],
        exercises=exercises,
        key_events=_key_events(report_events, new_ids),
        upcoming=[event_dict(e) for e in announced],
        sources=annex,
        summary=summary,
        names={c: country_name(c) for c in sorted(codes)},
        generated_at=generated_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
