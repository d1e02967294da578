"""The weekly graph diff, computed on read-back events (pure: no store, no I/O).

An event is *this week* when its full ``YYYY-MM-DD`` date falls in the ISO week; year- or
month-only dates (historical references) never do. A pair of actors, one of the focus country and
one of another country, that interacted this week is ``new`` when no actual event before the week
links them, else ``continuing``. Pairs come from :func:`actorgraph.core.records.relation_pairs`, the
same pairwise view the export uses.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from actorgraph.core.errors import ConfigError
from actorgraph.core.kb.countries import by_code, code_for_name, country_name
from actorgraph.core.records import Actor, EventView, SourceRef, relation_pairs
from actorgraph.report import relations as rel
from actorgraph.report.assessment import indicators
from actorgraph.report.hotspots import hotspots as week_hotspots
from actorgraph.report.model import WeeklyReport
from actorgraph.report.outlook import is_local, outlook_entries
from actorgraph.report.weeks import iso_week_bounds, parse_day, period_end, period_start, week_of

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


def event_dict(event: EventView, origins: Mapping[str, str] | None = None) -> dict[str, Any]:
    """One event for the report: type, date, place, participants, sentence, sources and the
    number of independent origins among them."""
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
        "origins": count_origins([event], origins or {}),
        "evidence": _evidence([event]),
    }


class History(Protocol):
    """What the diff asks about the time before the week (a store answers with bounded
    queries, :class:`EventsHistory` from a list of events)."""

    def pairs(
        self, pairs: Sequence[tuple[str, str]], before: str
    ) -> dict[tuple[str, str], tuple[int, str, str]]:
        """``{(focus actor, other): (events, first date, last date)}`` before ``before``."""
        ...

    def first_events(
        self, firsts: dict[tuple[str, str], str]
    ) -> dict[tuple[str, str], list[EventView]]:
        """``{pair: events}`` on each pair's first date that link the pair (with sources)."""
        ...

    def countries(self, focus: str, codes: Sequence[str], before: str) -> dict[str, str]:
        """``{ISO3: last date}`` of the last event linking ``focus`` with each counterpart."""
        ...


class EventsHistory:
    """:class:`History` over a list of (earlier) actual events."""

    def __init__(self, events: Iterable[EventView], focus: str) -> None:
        self._events = list(events)
        self._focus = focus

    def pairs(
        self, pairs: Sequence[tuple[str, str]], before: str
    ) -> dict[tuple[str, str], tuple[int, str, str]]:
        wanted = {frozenset(p): p for p in pairs}
        found: dict[tuple[str, str], list[str]] = {}
        for e in self._events:
            if (period_start(e.date) or "9999") >= before:
                continue
            for a, b in focus_pairs(e, self._focus):
                key = wanted.get(frozenset((a.id, b.id)))
                if key is not None and e.date:
                    found.setdefault(key, []).append(e.date)
        return {k: (len(v), min(v), max(v)) for k, v in found.items()}

    def first_events(
        self, firsts: dict[tuple[str, str], str]
    ) -> dict[tuple[str, str], list[EventView]]:
        out: dict[tuple[str, str], list[EventView]] = {}
        for e in self._events:
            for a, b in focus_pairs(e, self._focus):
                key = (a.id, b.id) if (a.id, b.id) in firsts else (b.id, a.id)
                if firsts.get(key) == e.date and e not in out.setdefault(key, []):
                    out[key].append(e)
        return out

    def countries(self, focus: str, codes: Sequence[str], before: str) -> dict[str, str]:
        out: dict[str, str] = {}
        for e in self._events:
            if not e.date or (period_start(e.date) or "9999") >= before:
                continue
            for code in counterpart_codes(e, focus):
                if code in codes and e.date > out.get(code, ""):
                    out[code] = e.date
        return out


def counterpart_codes(event: EventView, focus: str) -> list[str]:
    """The countries ``event`` links to the focus country (through its relation pairs)."""
    return sorted({actor_country(b) or "" for _, b in focus_pairs(event, focus)} - {""})


@dataclass
class _Pair:
    focus_actor: Actor
    other: Actor
    events: list[EventView] = field(default_factory=list)

    def entry(
        self,
        past: tuple[int, str, str] | None,
        first_events: list[EventView],
        origins: Mapping[str, str],
    ) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "actors": [_actor(self.focus_actor), _actor(self.other)],
            "types": sorted({e.type for e in self.events}),
            "dates": sorted({e.date[:10] for e in self.events if e.date}),
            "sources": _unique_sources(self.events),
            "origins": count_origins(self.events, origins),
            "evidence": _evidence(self.events),
            "event_ids": [e.id for e in self.events],
        }
        if past:
            entry["first_seen"] = past[1]
            entry["last_before"] = past[2]
            entry["first_seen_sources"] = _unique_sources(first_events)
            entry["previous_events"] = past[0]
        return entry


def count_origins(events: Iterable[EventView], origins: Mapping[str, str]) -> int:
    """Independent origins among the events' articles (a near-duplicate counts as its origin)."""
    return len({origins.get(s.url, s.url) for e in events for s in e.sources})


def _pair_sort(entry: dict[str, Any]) -> tuple[Any, ...]:
    names = tuple(a["name"].casefold() for a in entry["actors"])
    return (-entry["origins"], -len(entry["sources"]), -len(entry["dates"]), names)


def _pairs_of(events: Iterable[EventView], focus: str) -> dict[tuple[str, str], _Pair]:
    pairs: dict[tuple[str, str], _Pair] = {}
    for e in events:
        for a, b in focus_pairs(e, focus):
            pair = pairs.setdefault((a.id, b.id), _Pair(a, b))
            if e not in pair.events:
                pair.events.append(e)
    return pairs


def _counterpart_sections(
    week_events: list[EventView],
    recent: list[EventView],
    history: History,
    focus: str,
    lo: str,
    origins: Mapping[str, str],
) -> tuple[dict[str, dict[str, list[dict[str, Any]]]], list[EventView]]:
    """New, continuing and lapsed pairs per counterpart country (``recent``: the events of the
    weeks before, for lapsed pairs), and the earlier events that first linked continuing pairs
    (their articles are cited too)."""
    pairs = _pairs_of(week_events, focus)
    past = history.pairs(sorted(pairs), lo)
    sections: dict[str, dict[str, list[dict[str, Any]]]] = {}
    first_events: dict[str, EventView] = {}
    firsts_of = history.first_events({k: v[1] for k, v in past.items()})
    for key, pair in pairs.items():
        code = actor_country(pair.other) or ""
        section = sections.setdefault(code, {"new": [], "continuing": [], "lapsed": []})
        seen = past.get(key)
        firsts = firsts_of.get(key, []) if seen else []
        first_events.update((e.id, e) for e in firsts)
        section["continuing" if seen else "new"].append(pair.entry(seen, firsts, origins))
    for key, pair in _pairs_of(recent, focus).items():
        if key in pairs:
            continue
        code = actor_country(pair.other) or ""
        section = sections.setdefault(code, {"new": [], "continuing": [], "lapsed": []})
        entry = pair.entry(None, [], origins)
        entry["last_seen"] = entry["dates"][-1] if entry["dates"] else None
        section["lapsed"].append(entry)
    for section in sections.values():
        for kind in ("new", "continuing", "lapsed"):
            section[kind].sort(key=_pair_sort)
    return sections, list(first_events.values())


def _exercises(events: list[EventView]) -> list[dict[str, Any]]:
    groups: dict[str, dict[str, Any]] = {}
    members: dict[str, list[EventView]] = {}
    for e in events:
        drills: list[Actor | None] = [a for a, _ in e.participants if a.type == "EXERCISE"]
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


def _key_events(
    events: list[EventView], new_ids: set[str], origins: Mapping[str, str]
) -> list[dict[str, Any]]:
    def score(e: EventView) -> tuple[Any, ...]:
        return (
            -count_origins([e], origins),
            -len({s.url for s in e.sources}),
            -len({a.id for a, _ in e.participants}),
            0 if e.id in new_ids else 1,
            e.date or "",
            e.id,
        )

    return [event_dict(e, origins) for e in sorted(events, key=score)[:KEY_EVENTS]]


def _annex(events: Iterable[EventView]) -> list[dict[str, Any]]:
    return [
        {"ref": i + 1, "url": s.url, "title": s.title, "outlet": s.outlet, "published": s.published}
        for i, s in enumerate(_ordered_sources(events))
    ]


def _select(
    found: dict[str, dict[str, Any]], wanted: list[str] | None
) -> dict[str, dict[str, Any]]:
    """The requested counterparts in the requested order (empty ones too), or every one that
    has interactions or lapsed pairs, busiest first."""
    if wanted is not None:
        return {c: found.get(c, _empty_section()) for c in wanted}
    busiest = sorted(found, key=lambda c: (-len(found[c]["new"]) - len(found[c]["continuing"]), c))
    return {c: found[c] for c in busiest if c}


def _empty_section() -> dict[str, Any]:
    return {"new": [], "continuing": [], "lapsed": []}


def _pair_counts(sections: dict[str, dict[str, Any]]) -> dict[str, Any]:
    return {
        "new_pairs": sum(len(s["new"]) for s in sections.values()),
        "continuing_pairs": sum(len(s["continuing"]) for s in sections.values()),
        "lapsed_pairs": sum(len(s["lapsed"]) for s in sections.values()),
        "counterparts": {
            c: {
                "new": len(s["new"]),
                "continuing": len(s["continuing"]),
                "lapsed": len(s["lapsed"]),
                "status": s["relationship"]["status"],
            }
            for c, s in sections.items()
        },
    }


def _relationships(
    sections: dict[str, dict[str, Any]],
    focus_week: list[EventView],
    window: list[EventView],
    history: History,
    focus: str,
    monday: date,
    wanted: list[str] | None,
) -> dict[str, list[dict[str, Any]]]:
    """Adds each counterpart's ``relationship`` (and the lapsed counterparts, unless a list
    was asked for); returns the trends."""
    lo = monday.isoformat()
    known: dict[str, list[str]] = {}  # each event's counterparts, worked out once

    def codes_of(e: EventView) -> list[str]:
        found = known.get(e.id)
        if found is None:
            found = known[e.id] = counterpart_codes(e, focus)
        return found

    now = rel.per_counterpart(focus_week, codes_of, [week_of(monday)])
    before = rel.per_counterpart(window, codes_of, rel.weeks_back(monday, rel.BASELINE_WEEKS))
    if wanted is None:
        for code, weeks in before.items():
            if code not in sections and rel.recently_active(weeks, monday):
                sections[code] = _empty_section()
    codes = sorted(sections)
    last: dict[str, str] = {}
    for e in window:
        for code in codes_of(e):
            if e.date and e.date > last.get(code, ""):
                last[code] = e.date
    missing = [c for c in codes if c not in last]
    if missing:
        last.update(history.countries(focus, missing, lo))
    trends: dict[str, list[dict[str, Any]]] = {}
    for code in codes:
        this = now.get(code, {}).get(week_of(monday), Counter())
        past = before.get(code, {})
        sections[code]["relationship"] = rel.relationship(this, past, last.get(code), monday)
        trends[code] = rel.trend(this, past, monday)
    return trends


def _paragraph(text: str, sentence: str) -> str | None:
    """The paragraph (block between line breaks) of ``text`` that holds ``sentence``."""
    at = text.find(sentence) if sentence and text else -1
    if at < 0:
        return None
    lo = text.rfind("\n", 0, at) + 1
    hi = text.find("\n", at + len(sentence))
    return " ".join(text[lo : hi if hi >= 0 else len(text)].split())


def _add_paragraphs(items: Iterable[dict[str, Any]], texts: Mapping[str, str]) -> None:
    for item in items:
        for ev in item.get("evidence", []):
            ev["paragraph"] = _paragraph(texts.get(ev["url"], ""), ev["sentence"])


def _filter(events: Iterable[EventView], focus: str, wanted: list[str] | None) -> list[EventView]:
    """Events involving the focus country (and, when asked, one of the counterparts)."""
    out = [e for e in events if involves(e, focus)]
    if wanted is None:
        return out
    return [e for e in out if any(actor_country(a) in wanted for a, _ in e.participants)]


def _non_events(
    negated: Iterable[EventView], focus: str, wanted: list[str] | None, lo: str, hi: str
) -> list[EventView]:
    """Negated events ("did not meet") dated or reported this week."""
    return [
        e
        for e in _filter(negated, focus, wanted)
        if e.status == "negated"
        and (_in_week(e.date, lo, hi) or any(_in_week(s.published, lo, hi) for s in e.sources))
    ]


def weekly_diff(
    events: list[EventView],
    week: str,
    focus: str,
    counterparts: Sequence[str] | None = None,
    upcoming: list[EventView] | None = None,
    generated_at: str | None = None,
    *,
    negated: list[EventView] | None = None,
    history: History | None = None,
    articles: Mapping[str, dict[str, str]] | None = None,
) -> WeeklyReport:
    """The weekly report of ``focus`` for ``week``.

    ``events`` are the actual events up to the end of the week: all of them, or (with a
    ``history`` that answers for earlier times) those of the week and of the
    :data:`~actorgraph.report.relations.BASELINE_WEEKS` weeks before. ``counterparts``
    restricts every section (and always lists them, even when empty); ``upcoming`` are
    candidate announcements (see :func:`is_announced`), kept when one of their articles was
    published this week and their date is not before the week; ``negated`` candidate
    non-events. ``articles`` maps URLs to their stored ``origin`` and ``text``. Actual events
    dated after every article that reports them are never counted as having happened.
    """
    monday, next_monday = iso_week_bounds(week)
    lo, hi = monday.isoformat(), next_monday.isoformat()
    focus = country_code(focus, "focus country")
    wanted = [country_code(c, "counterpart") for c in counterparts] if counterparts else None
    articles = articles or {}
    origins = {u: a["origin"] for u, a in articles.items() if a.get("origin")}

    actual = [e for e in events if e.status == "actual" and reported_after(e)]
    this_week = [e for e in actual if _in_week(e.date, lo, hi)]
    prior = [
        e for e in actual if not _in_week(e.date, lo, hi) and (period_start(e.date) or "9999") < lo
    ]
    history = history or EventsHistory(prior, focus)
    window_lo = (monday - timedelta(weeks=rel.BASELINE_WEEKS)).isoformat()
    window = [e for e in prior if _in_week(e.date, window_lo, lo) and involves(e, focus)]
    recent_lo = (monday - timedelta(weeks=rel.SILENCE_WEEKS)).isoformat()
    recent = [e for e in window if (e.date or "") >= recent_lo]
    focus_week = [e for e in this_week if involves(e, focus)]
    found, first_seen = _counterpart_sections(focus_week, recent, history, focus, lo, origins)
    sections = _select(found, wanted)
    trends = _relationships(sections, focus_week, window, history, focus, monday, wanted)
    kept = {
        s["url"]
        for section in sections.values()
        for entry in section["continuing"]
        for s in entry["first_seen_sources"]
    }
    first_seen = [e for e in first_seen if any(s.url in kept for s in e.sources)]

    report_events = _filter(focus_week, focus, wanted)
    new_ids = {i for s in sections.values() for entry in s["new"] for i in entry["event_ids"]}
    announced = [
        e
        for e in _filter(upcoming or [], focus, wanted)
        if is_announced(e)
        and (period_end(e.date) or hi) >= lo  # not a plan for a day already past
        and any(_in_week(s.published, lo, hi) for s in e.sources)
    ]
    non_events = _non_events(negated or [], focus, wanted, lo, hi)
    at = {e.id: i for i, e in enumerate(recent)}  # recent order, found by id (not a scan each)
    lapsed_events = [
        recent[i]
        for s in sections.values()
        for entry in s["lapsed"]
        for i in sorted({at[x] for x in entry["event_ids"] if x in at})
    ]
    exercises = _exercises(report_events)
    annex = _annex([*report_events, *announced, *non_events, *first_seen, *lapsed_events])
    for s in annex:
        s["origin"] = origins.get(s["url"], s["url"])
        s["local"] = is_local(s["url"])
    codes = {focus, *sections}
    for e in [*report_events, *announced, *non_events]:
        codes.update(c for c in (actor_country(a) for a, _ in e.participants) if c)
    outlook = outlook_entries(announced, next_monday)
    summary = {
        "events": len(report_events),
        "articles": len({s.url for e in report_events for s in e.sources}),
        "origins": count_origins(report_events, origins),
        "cited_articles": len(annex),
        **_pair_counts(sections),
        "exercises": len(exercises),
        "upcoming": len(announced),
        "non_events": len(non_events),
    }
    event_entries = [event_dict(e, origins) for e in report_events]
    non_event_entries = [event_dict(e, origins) for e in non_events]
    upcoming_entries = [event_dict(e, origins) for e in announced]
    texts = {u: a.get("text", "") for u, a in articles.items()}
    for group in (event_entries, non_event_entries, upcoming_entries):
        _add_paragraphs(group, texts)
    for section in sections.values():
        for kind in ("new", "continuing", "lapsed"):
            _add_paragraphs(section[kind], texts)
    hotspots = week_hotspots(report_events)
    return WeeklyReport(
        week=week_of(monday),
        focus=focus,
        start=lo,
        end=(next_monday - timedelta(days=1)).isoformat(),
        counterparts=sections,
        events=event_entries,
        exercises=exercises,
        key_events=_key_events(report_events, new_ids, origins),
        upcoming=upcoming_entries,
        sources=annex,
        summary=summary,
        names={c: country_name(c) for c in sorted(codes)},
        generated_at=generated_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        trends=trends,
        outlook=outlook,
        non_events=non_event_entries,
        hotspots=hotspots,
        assessment={"indicators": indicators(sections, report_events, hotspots)},
    )
