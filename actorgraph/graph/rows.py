"""Turn a batch of resolved articles into ``UNWIND`` rows, pre-aggregated so that no key appears
twice in one statement (Ladybug requires it) and aliases are unioned in Python."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from actorgraph.core.records import Place, ResolvedArticle

Rows = dict[str, list[dict[str, Any]]]


def actor_ids(batch: Sequence[ResolvedArticle]) -> list[str]:
    """Ids of every actor in the batch (to read their stored aliases first)."""
    return sorted({a.id for doc in batch for a in doc.actors})


def batch_rows(batch: Sequence[ResolvedArticle], stored_aliases: dict[str, Iterable[str]]) -> Rows:
    """Rows per write statement (names as in :data:`actorgraph.graph.cypher.WRITES`)."""
    articles: dict[str, dict[str, Any]] = {}
    actors: dict[str, dict[str, Any]] = {}
    aliases: dict[str, set[str]] = {}
    places: dict[str, dict[str, Any]] = {}
    geo_rows: dict[str, dict[str, Any]] = {}
    events: dict[str, dict[str, Any]] = {}
    participants: dict[tuple[str, str], dict[str, Any]] = {}
    reported: dict[tuple[str, str], dict[str, Any]] = {}
    held: dict[tuple[str, str], dict[str, Any]] = {}
    mentions: dict[tuple[str, str, int, int], dict[str, Any]] = {}

    for doc in batch:
        art = doc.article
        articles.setdefault(
            art.id,
            {
                "id": art.id,
                "url": art.url,
                "title": art.title,
                "outlet": art.outlet,
                "published": art.published,
                "content_hash": art.content_hash,
                "source": art.source,
                "via": art.via,
                "text": art.text,
            },
        )
        for actor in doc.actors:
            row = actors.setdefault(
                actor.id,
                {
                    "id": actor.id,
                    "name": actor.name,
                    "type": actor.type,
                    "country": actor.country,
                    "title": actor.title,
                    "series": actor.series,
                },
            )
            row["country"] = row["country"] or actor.country
            row["title"] = row["title"] or actor.title
            row["series"] = row["series"] or actor.series
            known = aliases.setdefault(actor.id, set(stored_aliases.get(actor.id) or ()))
            known.update(a for a in actor.aliases if a)
        for m in doc.mentions:
            mentions.setdefault(
                (m.actor_id, art.id, m.start, m.end),
                {
                    "actor": m.actor_id,
                    "article": art.id,
                    "name": m.text,
                    "start": m.start,
                    "end": m.end,
                },
            )
        for ev in doc.events:
            events.setdefault(
                ev.id,
                {
                    "id": ev.id,
                    "type": ev.type,
                    "status": ev.status,
                    "date": ev.date,
                    "date_basis": ev.date_basis,
                    "place": ev.place,
                },
            )
            if ev.place:
                places.setdefault(ev.place, {"name": ev.place})
                # places (issue 13): the first geocode of a place in the batch
                if ev.geo is not None and ev.place not in geo_rows:
                    geo_rows[ev.place] = _geo_row(ev.place, ev.geo)
                held.setdefault((ev.id, ev.place), {"event": ev.id, "place": ev.place})
            for p in ev.participants:
                participants.setdefault(
                    (p.actor_id, ev.id),
                    {
                        "actor": p.actor_id,
                        "event": ev.id,
                        "role": p.role,
                        "mention": p.mention,
                    },
                )
            reported.setdefault(
                (ev.id, art.id),
                {
                    "event": ev.id,
                    "article": art.id,
                    "sentence": ev.sentence,
                    "start": ev.start,
                    "end": ev.end,
                },
            )

    for actor_id, row in actors.items():
        row["aliases"] = sorted(aliases[actor_id])
    dated = [(e["id"], e["date"]) for e in events.values() if e["date"]]
    return {
        "articles": list(articles.values()),
        "actors": list(actors.values()),
        "places": list(places.values()),
        "place_geo": list(geo_rows.values()),
        "events": list(events.values()),
        "participants": list(participants.values()),
        "reported_in": list(reported.values()),
        "held_in": list(held.values()),
        "mentioned_in": list(mentions.values()),
        "days": [{"id": day} for day in sorted({day for _, day in dated})],
        "on": [{"event": event, "day": day} for event, day in dated],
    }


def split_new(
    rows: Rows, stored_events: dict[str, str | None], stored_articles: set[str]
) -> tuple[Rows, Rows]:
    """``(merge, create)``: the edge rows that may already exist (MERGE) and those of events or
    articles not stored yet (CREATE, see ``cypher.CREATES``). ``on`` rows (DATED edges) of stored
    events with the same date are dropped; ``unlink`` lists stored events whose date changed.
    New mentions carrying a merge explanation move to ``mentioned_in_explained`` (their
    ``explain`` row too).
    """
    merge: Rows = dict(rows)
    create: Rows = {}

    def part(name: str, is_new: Any) -> None:
        merge[name] = [r for r in rows[name] if not is_new(r)]
        create[name] = [r for r in rows[name] if is_new(r)]

    part("events", lambda r: r["id"] not in stored_events)
    part("articles", lambda r: r["id"] not in stored_articles)
    part("participants", lambda r: r["event"] not in stored_events)
    part("held_in", lambda r: r["event"] not in stored_events)
    part(
        "reported_in",
        lambda r: r["event"] not in stored_events or r["article"] not in stored_articles,
    )
    part("mentioned_in", lambda r: r["article"] not in stored_articles)
    explain = {(e["actor"], e["article"], e["start"], e["end"]): e for e in rows.get("explain", [])}
    plain, explained = [], []
    for r in create["mentioned_in"]:
        why = explain.pop((r["actor"], r["article"], r["start"], r["end"]), None)
        if why is None:
            plain.append(r)
        else:
            explained.append({**r, "method": why["method"], "score": why["score"],
                              "features": why["features"]})  # fmt: skip
    create["mentioned_in"], create["mentioned_in_explained"] = plain, explained
    merge["explain"] = list(explain.values())
    merge["on"] = [r for r in rows["on"] if stored_events.get(r["event"]) != r["day"]]
    merge["unlink"] = [
        {"event": e["id"]}
        for e in rows["events"]
        if stored_events.get(e["id"]) and stored_events[e["id"]] != e["date"]
    ]
    return merge, create


def _geo_row(name: str, geo: Place) -> dict[str, Any]:
    """The geocoded columns of a Place (``geonameid`` 0: none, see ``WRITE_PLACE_GEO``)."""
    return {
        "name": name,
        "geonameid": geo.geonameid or 0,
        "lat": geo.lat,
        "lng": geo.lng,
        "country": geo.country or "",
        "admin1": geo.admin1 or "",
        "precision": geo.precision,
    }


def created_participants(create: Rows) -> list[dict[str, Any]]:
    """The participant rows of the events a batch creates, each with its event's date and status
    (what their contacts need, without reading back the edges just written)."""
    events = {r["id"]: r for r in create["events"]}
    return [
        {
            "event": p["event"],
            "date": events[p["event"]]["date"],
            "status": events[p["event"]]["status"],
            "actor": p["actor"],
            "role": p["role"],
        }
        for p in create["participants"]
        if p["event"] in events
    ]


def participants_after(
    before: Sequence[dict[str, Any]], merge: Rows, events: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The participant rows of stored events as this batch's ``WRITE_PARTICIPANTS`` leaves them.

    ``before``: their edges (``event``, ``actor``, ``role``, ``orig``) read before the batch wrote;
    ``merge``: the batch's rows for them (a row's role replaces an edge's when the edge has no
    ``orig`` or the same one, as the statement's ``CASE`` does); ``events``: the batch's event rows,
    whose date and status the write sets."""
    edges = {(r["event"], r["actor"]): {"role": r["role"], "orig": r["orig"]} for r in before}
    for r in merge["participants"]:
        edge = edges.setdefault((r["event"], r["actor"]), {"role": None, "orig": None})
        held = edge["orig"] if edge["orig"] is not None else r["orig"]
        if r["orig"] is not None and held == r["orig"]:
            edge["role"] = r["role"]
        if edge["orig"] is None:
            edge["orig"] = r["orig"]
    by_id = {e["id"]: e for e in events}
    return [
        {
            "event": event,
            "date": by_id[event]["date"],
            "status": by_id[event]["status"],
            "actor": actor,
            "role": edge["role"],
        }
        for (event, actor), edge in sorted(edges.items())
        if event in by_id
    ]
