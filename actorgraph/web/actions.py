"""Saved queries, the Cypher console, the review queue, watchlists, alerts and ingest."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from actorgraph.core.errors import ActorgraphError, QueryError
from actorgraph.core.judgements import judge
from actorgraph.core.kb.countries import parse_country
from actorgraph.core.records import Actor
from actorgraph.graph.judgements import compatible_types
from actorgraph.queries import load_queries
from actorgraph.queries.library import bind_for, get_query, raw_param
from actorgraph.web import watch
from actorgraph.web.pages import ACTOR_TYPES, ISO3, error, state_of
from actorgraph.web.render import env, page
from actorgraph.web.review import queue
from actorgraph.web.security import same

MAX_ROWS = 5000  # rows a query or the console returns (CSV and JSON)
PAGE_ROWS = 500  # rows of them shown in the page's table


async def form_of(request: Request) -> dict[str, str] | None:
    """The POSTed form when it carries the server's CSRF token, else None."""
    form = await request.form()
    data = {k: str(v) for k, v in form.items()}
    return data if same(data.get("csrf"), state_of(request).config.csrf) else None


def csrf_error(request: Request) -> Response:
    return error(request, 403, "missing or wrong CSRF token: reload the page and try again")


# saved queries and Cypher -----------------------------------------------------------------------
def queries_page(request: Request) -> Response:
    return page(request, "queries.html", title="saved queries", queries=load_queries())


INPUT_TYPES = {"date": "date", "int": "number", "float": "number", "year": "number"}


def query_page(request: Request) -> Response:
    state = state_of(request)
    try:
        query = get_query(request.path_params["name"])
    except QueryError as exc:
        return error(request, 404, str(exc))
    fmt = request.query_params.get("format", "html")
    if fmt not in ("html", "csv", "json"):
        return error(request, 400, "format must be html, csv or json")
    raw = {k: v for k, v in request.query_params.items() if k not in ("format", "run")}
    raw = {k: v for k, v in raw.items() if v != "" or k not in {p.name for p in query.params}}
    ran = (
        bool(raw)
        or "run" in request.query_params
        or not any(p.default is None for p in query.params)
    )
    rows: list[dict[str, Any]] = []
    message = ""
    status, found = 200, 0
    if ran:
        try:
            bound = bind_for(state.store, query, raw)
            text = query.text_for(state.raw_store.engine)
            key = ("query", query.name, json.dumps(bound, sort_keys=True, default=str))
            rows = state.cached(key, lambda: state.store.run(text, bound))  # per generation
            found, rows = len(rows), rows[:MAX_ROWS]
        except ActorgraphError as exc:
            message, status = str(exc), 400
    if fmt == "json":
        if message:
            return JSONResponse({"error": message}, status)
        return JSONResponse(json.loads(json.dumps(rows, default=str)))
    if fmt == "csv":
        if message:
            return Response(message + "\n", status, media_type="text/plain")
        return Response(
            to_csv(rows),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'attachment; filename="{query.name}.csv"'},
        )
    links = {f: request.url.include_query_params(format=f, run="1") for f in ("csv", "json")}
    return page(
        request,
        "query.html",
        status,
        title=query.name,
        query=query,
        values=raw,
        input_types=INPUT_TYPES,
        ran=ran,
        rows=rows[:PAGE_ROWS],
        found=found,
        max_rows=MAX_ROWS,
        columns=list(rows[0]) if rows else [],
        message=message,
        links=links,
    )


def to_csv(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: cell(v) for k, v in row.items()})
    return out.getvalue()


def cell(value: Any) -> str:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return "" if value is None else str(value)


env.filters["cell"] = cell


def cypher_page(request: Request) -> Response:
    state = state_of(request)
    text = request.query_params.get("q", "")
    params_text = request.query_params.get("params", "")
    rows: list[dict[str, Any]] = []
    message, status, found = "", 200, 0
    if text.strip():
        try:
            params = {}
            for line in params_text.splitlines():
                if line.strip():
                    key, sep, value = line.partition("=")
                    if not sep or not key.strip():
                        raise QueryError(f"parameter line {line!r}: expected K=V")
                    params[key.strip()] = raw_param(value.strip())
            rows = state.store.run(text, params, write=False)
            found = len(rows)
        except ActorgraphError as exc:
            message, status = str(exc).replace("; pass --write", " (the console is read-only)"), 400
    return page(
        request,
        "cypher.html",
        status,
        title="Cypher",
        q=text,
        params=params_text,
        rows=rows[:PAGE_ROWS],
        found=found,
        columns=list(rows[0]) if rows else [],
        message=message,
    )


# review -----------------------------------------------------------------------------------------
def review_page(request: Request) -> Response:
    state = state_of(request)
    judged = state.store.judgements()
    decided = {frozenset((j.a, j.b)) for j in judged}
    merged = state.store.merged_into()
    made = state.in_background("review", lambda: queue(state.store))
    items = [
        i
        for i in made or []
        if frozenset((i.candidate.a.id, i.candidate.b_id)) not in decided
        and i.candidate.b_id not in merged
        and i.candidate.a.id not in merged
    ]
    last = judged[-5:]
    return page(
        request,
        "review.html",
        title="review",
        computing=made is None,
        items=items,
        last=list(reversed(last)),
        types=ACTOR_TYPES,
        message=request.query_params.get("done", ""),
    )


async def review_post(request: Request) -> Response:
    state = state_of(request)
    form = await form_of(request)
    if form is None:
        return csrf_error(request)
    action = form.get("action", "")
    who = form.get("who", "").strip() or state.config.who
    why = form.get("why", "").strip() or "web review"
    a, b, mention = form.get("a", ""), form.get("b", ""), form.get("mention", "")
    store = state.store
    try:
        if action == "undo":
            undone = store.remove_last_judgements()
            done = f"undid {len(undone)} judgement(s)" if undone else "nothing to undo"
        elif action in ("same", "not_same", "unsure"):
            actor_a = store.actor(a)
            if actor_a is None:
                return error(request, 404, f"no actor {a!r}")
            if mention:  # an automatic merge: its mentions get their own id to judge
                store.judge_merge(a, mention, b, action, who=who, why=why)
            else:
                actor_b = store.actor(b)
                if actor_b is None:
                    return error(request, 404, f"no actor {b!r}")
                if action == "same" and not compatible_types(actor_a.type, actor_b.type):
                    return error(request, 400, f"cannot merge {b!r} into {a!r}: different types")
                store.add_judgement(judge(a, b, action, who, why))
            done = f"{action}: {a} {b}"
        elif action in ("edit", "drop"):
            target = store.actor(form.get("actor", ""))
            if target is None:
                return error(request, 404, f"no actor {form.get('actor', '')!r}")
            if action == "drop":
                store.add_judgement(judge(target.id, "", "drop", who, why))
                done = f"dropped {target.id}"
            else:
                changes = edit_changes(target, form)
                if isinstance(changes, str):
                    return error(request, 400, changes)
                if changes:
                    text = json.dumps(changes, ensure_ascii=False)
                    store.add_judgement(judge(target.id, "", "edit", who, why, text))
                done = f"edited {target.id}" if changes else f"{target.id}: nothing to change"
        else:
            return error(request, 400, f"unknown review action {action!r}")
    except ActorgraphError as exc:
        return error(request, 400, str(exc))
    state.warm()  # the home page's report, made again in the background
    return RedirectResponse(request.url_for("review").include_query_params(done=done), 303)


def edit_changes(actor: Actor, form: dict[str, str]) -> dict[str, list[str | None]] | str:
    """``{field: [old, new]}`` from the edit form (an empty field keeps the value), or the
    message of what is wrong."""
    kind = form.get("type", "").strip().upper()
    if kind and kind not in ACTOR_TYPES:
        return f"type must be one of {', '.join(ACTOR_TYPES)}"
    wanted: dict[str, str | None] = {}
    if kind:
        wanted["type"] = kind
    if form.get("country", "").strip():
        try:
            wanted["country"] = parse_country(form["country"].strip())
        except ValueError as exc:
            return f"country: {exc}"
    if form.get("title", "").strip():
        wanted["title"] = form["title"].strip()[:200]
    current = {"type": actor.type, "country": actor.country, "title": actor.title}
    return {k: [current[k], v] for k, v in wanted.items() if current[k] != v}


# watchlist, alerts, ingest ----------------------------------------------------------------------
def watchlist_page(request: Request) -> Response:
    state = state_of(request)
    current = watch.clean(state.load_json("watchlist.json", {}))
    names = {}
    for actor_id in current["actors"] + current["exercises"]:
        actor = state.store.actor(actor_id)
        names[actor_id] = actor.name if actor else actor_id
    return page(
        request,
        "watchlist.html",
        title="watchlist",
        watch=current,
        kinds=watch.KINDS,
        names=names,
        alerts=state.load_json("alerts.json", [])[:50],
    )


async def watchlist_post(request: Request) -> Response:
    state = state_of(request)
    form = await form_of(request)
    if form is None:
        return csrf_error(request)
    kind, value, op = form.get("kind", ""), form.get("value", "").strip(), form.get("op", "add")
    if kind not in watch.KINDS or not value or len(value) > 200 or op not in ("add", "remove"):
        return error(
            request, 400, f"watch kind must be one of {', '.join(watch.KINDS)}, with a value"
        )
    if kind == "countries":
        if not ISO3.match(value):
            return error(request, 400, "country must be an ISO 3166 alpha-3 code such as MNG")
        value = value.upper()
    if kind in ("actors", "exercises") and op == "add":
        actor = state.store.actor(value)
        if actor is None:
            return error(request, 404, f"no actor {value!r}")
        if kind == "exercises" and actor.type != "EXERCISE":
            return error(request, 400, f"{value!r} is not an exercise")
    current = watch.clean(state.load_json("watchlist.json", {}))
    if op == "add" and value not in current[kind]:
        current[kind].append(value)
    if op == "remove":
        current[kind] = [v for v in current[kind] if v != value]
    state.save_json("watchlist.json", current)
    return RedirectResponse(request.url_for("watchlist"), 303)


def alerts_atom(request: Request) -> Response:
    state = state_of(request)
    alerts = state.load_json("alerts.json", [])
    xml = env.get_template("alerts.xml").render(
        alerts=alerts[:100],
        base=str(request.base_url).rstrip("/"),
        updated=alerts[0]["found"] if alerts else "1970-01-01T00:00:00Z",
    )
    return Response(xml, media_type="application/atom+xml; charset=utf-8")


async def ingest_post(request: Request) -> Response:
    state = state_of(request)
    form = await form_of(request)
    if form is None:
        return csrf_error(request)
    if not state.config.sources:
        return error(request, 400, "no sources to ingest: start the server with --watch SOURCE...")
    request.app.state.ingester.start()
    return RedirectResponse(request.url_for("home"), 303)


def ingest_status(request: Request) -> Response:
    return JSONResponse(dict(request.app.state.ingester.status))
