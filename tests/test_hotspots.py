"""Hotspots from geocoded events read back from a real Ladybug store (issue 13)."""

from __future__ import annotations

from pathlib import Path

from actorgraph.core.records import (
    Actor,
    Article,
    Event,
    Participant,
    ResolvedArticle,
)
from actorgraph.graph.ladybug_store import LadybugStore
from actorgraph.report.hotspots import hotspots
from actorgraph.resolve.places import locate_place


def _doc(n: int, place: str, etype: str) -> ResolvedArticle:
    art = Article(
        f"a{n}",
        f"http://127.0.0.1/{n}",
        f"t{n}",
        "x",
        "o",
        "2026-06-0" + str(n) + "T00:00:00Z",
        f"h{n}",
        "s",
    )
    actors = [
        Actor("mng", "Mongolia", "STATE", "MNG"),
        Actor(f"o{n}", f"Other {n}", "STATE", "CHN"),
    ]
    name, geo = locate_place(place, ["MNG", "CHN"])
    parts = [Participant("mng", "actor"), Participant(f"o{n}", "recipient")]
    ev = Event(
        f"e{n}", etype, "actual", f"2026-06-0{n}", "text", name, parts, art.id, "s.", 0, 2, geo
    )
    return ResolvedArticle(art, actors, [], [ev])


def test_hotspots_from_store(tmp_path: Path) -> None:
    store = LadybugStore(str(tmp_path / "g"))
    try:
        store.write(
            [
                _doc(1, "Ulan Bator", "MEET"),
                _doc(2, "Ulaanbaatar", "AGREE"),
                _doc(3, "Beijing", "VISIT"),
                _doc(4, "Northeast Asia", "MEET"),
            ]
        )
        views = store.events()
        spots = hotspots(views)
    finally:
        store.close()
    by_name = {s["geonameid"]: s for s in spots}
    ub = by_name[2028462]
    assert ub["events"] == 2 and ub["types"] == {"MEET": 1, "AGREE": 1}
    assert ub["country"] == "MNG" and ub["precision"] == "city"
    assert len(ub["sources"]) == 2
    assert spots[0]["geonameid"] == 2028462
    assert by_name[1816670]["events"] == 1
    assert len(spots) == 2  # the region is no place
    held = {v.id: v.geo for v in views}
    assert held["e4"] is None and held["e1"] is not None and held["e1"].lat > 47
