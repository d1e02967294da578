"""Hotspots: the week's geocoded events grouped by place (issue 13, JSON contract ``hotspots``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from actorgraph.core.records import EventView


def hotspots(events: Iterable[EventView]) -> list[dict[str, Any]]:
    """``[{"name", "geonameid", "lat", "lng", "country", "precision", "events", "sources",
    "types"}]``, busiest first; events without a geocode are left out."""
    spots: dict[tuple[object, str], dict[str, Any]] = {}
    for event in events:
        geo = event.geo
        if geo is None:
            continue
        key = (geo.geonameid, geo.name) if geo.geonameid is None else (geo.geonameid, "")
        spot = spots.setdefault(
            key,
            {
                "name": geo.name,
                "geonameid": geo.geonameid,
                "lat": round(geo.lat, 4),
                "lng": round(geo.lng, 4),
                "country": geo.country,
                "precision": geo.precision,
                "events": 0,
                "sources": [],
                "types": {},
            },
        )
        spot["events"] += 1
        spot["types"][event.type] = spot["types"].get(event.type, 0) + 1
        for source in event.sources:
            if source.url not in spot["sources"]:
                spot["sources"].append(source.url)
    for spot in spots.values():
        spot["sources"].sort()
    return sorted(spots.values(), key=lambda s: (-s["events"], s["name"]))
