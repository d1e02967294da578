"""The read pages: week, actor, event, article, search, network explorer, healthz."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from actorgraph.core.errors import ActorgraphError
from actorgraph.core.records import Actor, EventView
from actorgraph.graph.search import search
from actorgraph.report import build_weekly, iso_week_bounds, latest_week, week_of
from actorgraph.report.diff import actor_country
from actorgraph.report.weeks import parse_day
from actorgraph.web import network
from actorgraph.web.render import env, page
from actorgraph.web.review import queue
from actorgraph.web.state import AppState

ISO3 = re.compile(r"^[A-Za-z]{3}$")
TIMELINE = 100  # events per page of an actor's timeline (newest first, "older" pages back)
MENTIONS = 50  # mentions shown on an actor's page (automatic merges first, then the latest)
COUNTERPARTS = 200  # counterparts shown on an actor's page (most events in common first)
ACTOR_TYPES = ("PERSON", "STATE", "MILITARY", "EXERCISE", "ORGANIZATION")


def state_of(request: Request) -> AppState:
    return request.app.state.web  # type: ignore[no-any-return]


def error(request: Request, status: int, message: str) -> Response:
    return page(request, "error.html", status, title=f"{status}", message=message)


def focus_of(request: Request) -> str | None:
    focus = request.query_params.get("focus") or state_of(request).config.focus
    return focus.upper() if ISO3.match(focus) else None


# week -------------------------------------------------------------------------------------------
def home(request: Request) -> Response:
    """The latest week of the focus country: its report is made in the background (at start,
    after each ingest or review decision); until it is ready a page that reloads itself."""
    state = state_of(request)
    focus = focus_of(request)
    if focus is None:
        return error(request, 400, "focus must be an ISO 3166 alpha-3 code such as MNG")
    try:
        latest, current = state.prepared(("home", focus), lambda: _latest(state, focus))
    except ActorgraphError as exc:
        return page(request, "home.html", report=None, message=str(exc), alerts=_alerts(state))
    if latest is None:
        return _preparing(request, "home.html", "the latest week", alerts=_alerts(state)[:10])
    week, view = latest
    return _week(request, week, focus, home=True, ready=(view, current))


def week_page(request: Request) -> Response:
    focus = focus_of(request)
    if focus is None:
        return error(request, 400, "focus must be an ISO 3166 alpha-3 code such as MNG")
    return _week(request, request.path_params["week"], focus)


def _latest(state: AppState, focus: str) -> tuple[str, dict[str, Any]]:
    """The latest week of ``focus`` and its view (made in the background)."""
    week = latest_week(state.store, focus)
    return week, state.cached(("week", week, focus), lambda: _week_view(state, week, focus))


def _week_view(state: AppState, week: str, focus: str) -> dict[str, Any]:
    """A week's report and its rendered body (made once per store generation)."""
    monday, _ = iso_week_bounds(week)
    report = build_weekly(state.store, week, focus).to_dict()
    urls = sorted({s["url"] for s in report.get("sources", []) if s.get("url")})
    body = env.get_template("week_body.html").render(
        report=report,
        articles=state.store.article_ids(urls),
        previous=week_of(_shift(monday, -7)),
        next=week_of(_shift(monday, 7)),
    )
    return {"report": report, "body": Markup(body)}


def _preparing(request: Request, template: str, what: str, **context: Any) -> Response:
    """The page shown while a view is made in the background: it reloads itself."""
    return page(
        request, template, report=None, preparing=what, title=f"preparing {what}", **context
    )


def _week(
    request: Request,
    week: str,
    focus: str,
    home: bool = False,
    ready: tuple[dict[str, Any], bool] | None = None,
) -> Response:
    state = state_of(request)
    try:
        iso_week_bounds(week)
        view, current = ready or state.prepared(
            ("week", week, focus), lambda: _week_view(state, week, focus)
        )
    except ActorgraphError as exc:
        return error(request, 400, str(exc))
    if view is None and request.query_params.get("format") == "json":
        return JSONResponse({"preparing": week}, 503, headers={"retry-after": "2"})
    if view is None:
        return _preparing(request, "week.html", f"the report of {week}")
    if request.query_params.get("format") == "json":
        return JSONResponse(view["report"])
    context: dict[str, Any] = {
        "report": view["report"],
        "body": view["body"],
        "week": week,
        "updating": not current,
        "title": f"{week} \u00b7 {focus}",
    }
    if home:
        context["alerts"] = _alerts(state)[:10]
        return page(request, "home.html", **context)
    return page(request, "week.html", **context)


def warm(state: AppState) -> None:
    """Start making the home page's views, the explorer's default graph and the review queue
    ahead of the first visitor (background threads, one after the other)."""
    focus = state.config.focus
    home = state.prepare(("home", focus), lambda: _latest(state, focus), pin=True)

    def network_after_home() -> list[str]:  # one after the other: the home page is first
        if home is not None:
            home.join()
        return _latest_network(state)

    network = state.prepare("network", network_after_home, pin=True)

    def review_after_network() -> list[Any]:  # then the review queue (served stale after)
        if network is not None:
            network.join()
        return queue(state.store)

    if not state.made("review"):  # at start only: after a write, its page makes it again
        state.prepare("review", review_after_network)


def _shift(day: Any, days: int) -> Any:
    from datetime import timedelta

    return day + timedelta(days=days)


def _weeks(state: AppState) -> list[str]:
    rows = state.store.run("MATCH (e:Event) WHERE e.status = 'actual' RETURN DISTINCT e.date AS d")
    out = set()
    for r in rows:
        day = parse_day(r["d"])
        if day is not None:
            out.add(week_of(day))
    return sorted(out)


def _alerts(state: AppState) -> list[dict[str, Any]]:
    alerts = state.load_json("alerts.json", [])
    return alerts if isinstance(alerts, list) else []


# actor ------------------------------------------------------------------------------------------
def actor_page(request: Request) -> Response:
    """One actor: every read is a page, a total or an engine aggregate (bounded for an actor in
    thousands of events); the timeline pages back by a ``(date, id)`` cursor."""
    state = state_of(request)
    actor_id = request.path_params["id"]
    actor = state.store.actor(actor_id)
    if actor is None:
        return error(request, 404, f"no actor {actor_id!r}")
    merged = state.store.merged_into()
    if actor_id in merged:
        root = merged[actor_id]
        return page(request, "merged.html", actor=actor, root=root, title=actor.name)
    before = _cursor(request.query_params.get("before", ""), request.query_params.get("id", ""))
    if isinstance(before, str):
        return error(request, 400, before)
    summary = state.cached(("actor", actor_id), lambda: _actor_summary(state, actor_id))
    for extra in summary["member_actors"]:  # the names merged here are this actor's aliases too
        actor.aliases += [n for n in (extra.name, *extra.aliases) if n and n not in actor.aliases]
    ids = [actor_id, *summary["members"]]
    events = state.cached(  # a page of the timeline, kept per store generation
        ("timeline", actor_id, before, TIMELINE),
        lambda: state.store.actor_timeline(ids, before=before, limit=TIMELINE + 1),
    )
    older = None
    if len(events) > TIMELINE:  # one more than a page was read: there are older events
        events = events[:TIMELINE]
        older = {"before": events[-1].date or "", "id": events[-1].id}
    return page(
        request,
        "actor.html",
        title=actor.name,
        actor=actor,
        events=events,
        paged=before is not None,
        older=older,
        **{k: v for k, v in summary.items() if k != "member_actors"},
    )


def _actor_summary(state: AppState, actor_id: str) -> dict[str, Any]:
    """What an actor's page shows on every page of its timeline (kept per store generation):
    members, totals, the names and mentions, counterparts by country, judgements."""
    member_actors = state.store.merged_members(actor_id)
    members = [m.id for m in member_actors]
    ids = [actor_id, *members]
    mentions, mention_total = state.store.mentions_page(actor_id, MENTIONS)
    every = state.store.counterparts(ids, statuses=None)
    shown = every[:COUNTERPARTS]
    by_country: dict[str, list[tuple[Any, int]]] = defaultdict(list)
    for other, n in shown:
        by_country[actor_country(other) or ""].append((other, n))
    counterparts = sorted(
        ((code, people) for code, people in by_country.items()),
        key=lambda t: (-sum(n for _, n in t[1]), t[0]),
    )
    return {
        "member_actors": member_actors,
        "members": members,
        "total": state.store.actor_event_total(ids),
        "mentions": mentions,
        "mention_total": mention_total,
        "reported": state.store.mention_names(actor_id),
        "judgements": [j for j in state.store.judgements() if actor_id in (j.a, j.b)],
        "counterparts": counterparts,
        "counterpart_total": len(every),
        "counterparts_shown": len(shown),
    }


def _cursor(day: str, event_id: str) -> tuple[str, str] | None | str:
    """The timeline cursor of ``?before=DATE&id=EVENT`` (None without one), or what is wrong."""
    if not day and not event_id:
        return None
    if day and not re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", day):
        return f"before must be a date like 2026-05-27, not {day[:40]!r}"
    if len(event_id) > 64:
        return "id is too long"
    return day, event_id


# event and article ------------------------------------------------------------------------------
def event_page(request: Request) -> Response:
    state = state_of(request)
    found = state.store.events_by_id([request.path_params["id"]])
    if not found:
        return error(request, 404, f"no event {request.path_params['id']!r}")
    event = found[0]
    return page(request, "event.html", title=f"{event.type} {event.date or ''}", event=event)


def paragraphs(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph (blank-line separated) of ``text``."""
    out, pos = [], 0
    for match in re.finditer(r"\n\s*\n", text):
        if match.start() > pos:
            out.append((pos, match.start()))
        pos = match.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out


def article_page(request: Request) -> Response:
    from actorgraph.web.render import highlight

    state = state_of(request)
    article = state.store.article(request.path_params["id"])
    if article is None:
        return error(request, 404, f"no article {request.path_params['id']!r}")
    events = state.store.article_events(article.id)
    text = article.text
    spans: list[tuple[int, int, str]] = []
    for event in events:
        for s in event.sources:
            if s.article != article.id:
                continue
            start, end = s.start, s.end
            if text[start:end].strip() != s.sentence.strip():
                found = text.find(s.sentence.strip()) if s.sentence.strip() else -1
                start, end = (found, found + len(s.sentence.strip())) if found >= 0 else (0, 0)
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append((start, end, f"ev-{event.id}"))
    seen: set[int] = set()
    unique = []
    for span in sorted(spans):
        if span[0] not in seen:
            seen.add(span[0])
            unique.append(span)
    blocks = []
    for start, end in paragraphs(text, unique):
        inner = [
            (max(a, start) - start, min(b, end) - start, k)
            for a, b, k in unique
            if a < end and b > start
        ]
        blocks.append(highlight(text[start:end], inner))
    return page(
        request,
        "article.html",
        title=article.title or article.url,
        article=article,
        blocks=blocks,
        events=events,
        focus_event=request.query_params.get("event", ""),
    )


# search -----------------------------------------------------------------------------------------
def search_page(request: Request) -> Response:
    state = state_of(request)
    q = request.query_params.get("q", "").strip()
    kind = request.query_params.get("type", "").upper()
    country = request.query_params.get("country", "").upper()
    if kind and kind not in ACTOR_TYPES:
        return error(request, 400, f"type must be one of {', '.join(ACTOR_TYPES)}")
    if country and not ISO3.match(country):
        return error(request, 400, "country must be an ISO 3166 alpha-3 code such as MNG")
    if len(q) > 200:
        return error(request, 400, "search text is too long (200 characters at most)")
    # the live actors read once per store generation; the matching is the store's own
    actors = state.cached("actors", state.store.actors) if q else []
    every = search(actors, q, limit=500) if q else []
    facets_type = Counter(a.type for a, _, _ in every)
    facets_country = Counter(a.country or "" for a, _, _ in every)
    hits = [
        h
        for h in every
        if (not kind or h[0].type == kind) and (not country or h[0].country == country)
    ][:100]
    return page(
        request,
        "search.html",
        title=f"search {q}",
        q=q,
        kind=kind,
        country=country,
        hits=hits,
        facets_type=sorted(facets_type.items()),
        facets_country=sorted(facets_country.items(), key=lambda t: (-t[1], t[0])),
    )


# network ----------------------------------------------------------------------------------------
def network_page(request: Request) -> Response:
    state = state_of(request)
    weeks = state.cached("weeks", lambda: _weeks(state))
    week = request.query_params.get("week") or (weeks[-1] if weeks else "")
    return page(
        request,
        "network.html",
        title="network",
        weeks=weeks,
        week=week,
        types=ACTOR_TYPES,
        colors=network.TYPE_COLORS,
        new_color=network.NEW_COLOR,
        net_focus=(request.query_params.get("focus") or "").upper(),
    )


def _list(request: Request, key: str) -> list[str]:
    out = []
    for value in request.query_params.getlist(key):
        out += [v.strip() for v in value.split(",") if v.strip()]
    return out


def network_json(request: Request) -> Response:
    state = state_of(request)
    q = request.query_params
    types = [t.upper() for t in _list(request, "type")]
    countries = [c.upper() for c in _list(request, "country")]
    event_types = [t.upper() for t in _list(request, "event_type")]
    if any(t not in ACTOR_TYPES for t in types):
        return JSONResponse({"error": f"type must be among {', '.join(ACTOR_TYPES)}"}, 400)
    if any(not ISO3.match(c) for c in countries):
        return JSONResponse({"error": "country must be ISO 3166 alpha-3 codes"}, 400)
    focus = (q.get("focus") or "").upper()
    if focus and not ISO3.match(focus):
        return JSONResponse({"error": "focus must be an ISO 3166 alpha-3 code"}, 400)
    since, until, week = q.get("since", ""), q.get("until", ""), q.get("week", "")
    try:
        if week:
            monday, sunday_next = iso_week_bounds(week)
            since, until = monday.isoformat(), sunday_next.isoformat()
        for value in (since, until):
            if value and not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
                return JSONResponse({"error": f"date {value!r} is not YYYY-MM-DD"}, 400)
    except ActorgraphError as exc:
        return JSONResponse({"error": str(exc)}, 400)
    expand = q.get("expand", "")
    filters: dict[str, Any] = {"types": types, "countries": countries, "event_types": event_types}
    if expand:
        if state.store.actor(expand) is None:
            return JSONResponse({"error": f"no actor {expand!r}"}, 404)

        def expansion() -> dict[str, Any]:
            data = _expansion(state, expand, types, countries, event_types)
            data["expanded"] = expand
            return _link_articles(state, data)

        held = ("expand", expand, tuple(types), tuple(countries), tuple(event_types))
        return JSONResponse(state.cached(held, expansion))
    key = _net_key(since, until, focus, types, countries, event_types)
    return JSONResponse(
        state.cached(key, lambda: _period(state, since, until, week, focus, filters))
    )


def _net_key(
    since: str, until: str, focus: str, types: list[str], c: list[str], e: list[str]
) -> tuple[Any, ...]:
    return ("net", since, until, focus, tuple(types), tuple(c), tuple(e))


def _period(
    state: AppState, since: str, until: str, week: str, focus: str, filters: dict[str, Any]
) -> dict[str, Any]:
    """The explorer's graph of a period (the actors of ``focus`` only when given)."""
    events = state.store.events(since=since or None, until=until or None)
    if focus:
        events = [e for e in events if _involves(e, focus)]
    data = network.build(events, **filters)
    if since:  # which of the pairs shown interacted before the period
        shown = sorted(sorted((e["from"], e["to"])) for e in data["edges"])
        network.mark_new(data, state.store.pairs_before([frozenset(p) for p in shown], since))
    data.update(since=since, until=until, week=week, focus=focus)
    return _link_articles(state, data)


def _latest_network(state: AppState) -> list[str]:
    """The weeks with events and the explorer's default graph (the latest one, no filters)."""
    weeks = state.cached("weeks", lambda: _weeks(state))
    if weeks:
        monday, next_monday = iso_week_bounds(weeks[-1])
        since, until = monday.isoformat(), next_monday.isoformat()
        filters: dict[str, Any] = {"types": [], "countries": [], "event_types": []}
        state.cached(
            _net_key(since, until, "", [], [], []),
            lambda: _period(state, since, until, weeks[-1], "", filters),
        )
    return weeks


def _expansion(
    state: AppState, actor_id: str, types: list[str], countries: list[str], event_types: list[str]
) -> dict[str, Any]:
    """An actor and its strongest neighbours (counted by the engine; the filters kept), with the
    latest shared events of each as the evidence: bounded whatever the actor's activity."""
    center = state.store.actor(actor_id)
    assert center is not None
    limit = 10000 if types or countries else network.MAX_NEIGHBOURS + 1
    every = state.store.counterparts(
        [actor_id], statuses=["actual"], event_types=event_types, limit=limit
    )
    kept = [
        (a, n)
        for a, n in every
        if (not types or a.type in types) and (not countries or actor_country(a) in countries)
    ]
    near = kept[: network.MAX_NEIGHBOURS]
    by_id = {a.id: a for a, _ in near}
    events = _shared_sample(state, center, by_id, event_types)
    data = network.build(
        sorted(events.values(), key=lambda e: (e.date or "", e.id)),
        types=types,
        countries=countries,
        event_types=event_types,
        around=actor_id,
        weights={frozenset((actor_id, a.id)): n for a, n in near},
    )
    data["truncated"], data["actors"] = len(kept) > len(near), len(kept) + 1
    return data


def _shared_sample(
    state: AppState, center: Actor, by_id: dict[str, Actor], event_types: list[str]
) -> dict[str, EventView]:
    """The latest shared events (of ``event_types``, empty: all) per neighbour, with the kept
    participants (one read of the pairs' shared events: faster on Ladybug than the pair
    contacts' latest few read by event id)."""
    shared = state.store.shared_events([center.id], sorted(by_id), ["actual"])
    latest: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for other, _, _, event in shared:
        if not event_types or event.type in event_types:
            latest[other].append((event.date or "", event.id))
    wanted = {e for held in latest.values() for _, e in sorted(held)[-network.MAX_EVIDENCE :]}
    events: dict[str, EventView] = {}
    for other, other_role, role, event in shared:  # the sample, with the kept participants
        if event.id in wanted:
            view = events.setdefault(event.id, event)
            if not view.participants:
                view.participants.append((center, role))
            view.participants.append((by_id[other], other_role))
    return events


def _link_articles(state: AppState, data: dict[str, Any]) -> dict[str, Any]:
    """Article ids for the evidence of the explorer's edges (read by URL)."""
    evidence = [ev for edge in data["edges"] for ev in edge["evidence"] if not ev["article"]]
    ids = state.store.article_ids(sorted({ev["url"] for ev in evidence if ev["url"]}))
    for ev in evidence:
        ev["article"] = ids.get(ev["url"], "")
    return data


def _involves(event: EventView, focus: str) -> bool:
    return any(actor_country(a) == focus for a, _ in event.participants)


def healthz(request: Request) -> Response:
    state = state_of(request)
    return JSONResponse(
        {
            "status": "ok",
            "engine": state.raw_store.engine,
            "ingest": {k: v for k, v in request.app.state.ingester.status.items()},
        }
    )
