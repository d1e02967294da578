"""The weekly report and the network view read from a real embedded Ladybug store, and the
``report`` / ``viz`` CLI commands on it."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
import report_fixture as fx

from actorgraph.core.errors import ConfigError
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.report import build_weekly, latest_week, render, weekly_diff
from actorgraph.viz import network_for_week


@pytest.fixture
def store_settings(tmp_path: Path) -> Settings:
    settings = replace(Settings(), store_path=tmp_path / "report.lbug", neo4j_uri=None)
    with open_store(settings) as store:
        store.write(fx.ARTICLES[:3])  # two batches, as two ingest runs would write them
        store.write(fx.ARTICLES[3:])
    return settings


def _without_text(doc: dict) -> dict:
    """The report without what only the store knows (stored text and origins of articles)."""
    text = json.dumps(doc)
    for key in ("paragraph", "origin", "local"):
        text = __import__("re").sub(rf'"{key}": [^,}}]*(, )?', "", text)
    return json.loads(text.replace(", }", "}"))


def test_report_from_the_store_matches_the_records(store_settings: Settings):
    with open_store(store_settings, read_only=True) as store:
        assert latest_week(store) == "2026-W22"
        assert latest_week(store, "CHN") == "2026-W22"
        r21 = build_weekly(store, "2026-W21", "MNG")
        r22 = build_weekly(store, "2026-W22", "MNG", ["RUS"])
        everyone = build_weekly(store, "2026-W22", "MNG")
    assert [len(r21.counterparts["RUS"][k]) for k in ("new", "continuing")] == [1, 0]
    rus = r22.counterparts["RUS"]
    assert [{a["name"] for a in e["actors"]} for e in rus["new"]] == [
        {"Batmunkh Battsetseg", "Sergei Lavrov"}
    ]
    assert rus["continuing"][0]["first_seen"] == "2026-05-20"
    assert [s["url"] for s in rus["continuing"][0]["sources"]] == [fx.A2.url, fx.A3.url]
    expected = weekly_diff(
        fx.actual_until("2026-06-01"),
        "2026-W22",
        "MNG",
        ["RUS"],
        upcoming=fx.future(),
        negated=fx.views(),
        generated_at=r22.generated_at,
    )
    assert _without_text(r22.to_dict()) == _without_text(expected.to_dict())
    # announcements read from the store: a future event, and an "actual" one dated 15 June in
    # an article of 26 May (which also does not make 2026-W25 the latest week)
    assert r22.upcoming == []  # --counterpart RUS filters the outlook too
    assert [(e["type"], e["status"]) for e in everyone.upcoming] == [
        ("AGREE", "future"),
        ("PARTICIPATE", "actual"),
    ]


def test_empty_store_has_no_latest_week(tmp_path: Path):
    settings = replace(Settings(), store_path=tmp_path / "empty.lbug", neo4j_uri=None)
    with open_store(settings) as store, pytest.raises(ConfigError, match="no dated events"):
        latest_week(store)


def test_network_for_week_from_the_store(store_settings: Settings, tmp_path: Path):
    with open_store(store_settings, read_only=True) as store:
        week = network_for_week(store, week="2026-W22", focus="MNG", out=tmp_path / "w.html")
        whole = network_for_week(store, out=tmp_path / "all.html")
    page = week.read_text(encoding="utf-8")
    edges = json.loads(page.split("var edges = ", 1)[1].split(";\n", 1)[0])
    new = {frozenset((e["from"], e["to"])) for e in edges if e["new"]}
    assert frozenset(("p-bat", "p-lav")) in new and frozenset(("m-maf", "m-pla")) in new
    assert frozenset(("p-bat", "p-evs")) not in new  # met in W21 already
    assert frozenset(("p-bat", "p-wang")) not in new  # the 2024 agreement
    assert "2026-05-20" not in page  # only this week's events are drawn
    assert "2026-05-20" in whole.read_text(encoding="utf-8")


def cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "actorgraph.cli", "--store", str(settings.store_path), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_cli_report_and_viz(store_settings: Settings, tmp_path: Path):
    done = cli(store_settings, "report", "--week", "2026-W22", "--focus", "mng", "--format", "json")
    assert done.returncode == 0, done.stderr
    doc = json.loads(done.stdout)
    assert doc["week"] == "2026-W22" and set(doc["counterparts"]) == {"RUS", "CHN"}
    assert doc["counterparts"]["CHN"]["new"][0]["actors"][1]["name"] == "People's Liberation Army"
    out = tmp_path / "r.html"
    done = cli(
        store_settings,
        "report",
        "--week",
        "2026-W22",
        "--focus",
        "MNG",
        "--counterpart",
        "RUS",
        "--format",
        "html",
        "--out",
        str(out),
    )
    assert done.returncode == 0, done.stderr
    assert "Sergei Lavrov" in out.read_text(encoding="utf-8")
    bad = cli(store_settings, "report", "--week", "2026-W54", "--focus", "MNG")
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines() == [
        "actorgraph: error: week '2026-W54' does not exist: 2026 has no ISO week 54"
    ]
    done = cli(store_settings, "viz", "--week", "2026-W22", "--out", str(tmp_path / "v.html"))
    assert done.returncode == 0, done.stderr
    assert "vis.Network" in (tmp_path / "v.html").read_text(encoding="utf-8")


def test_markdown_from_the_store_cites_the_annex(store_settings: Settings):
    with open_store(store_settings, read_only=True) as store:
        md = render(build_weekly(store, "2026-W22", "MNG"), "md")
    assert "[1]" in md and "(no source)" not in md
    assert fx.A3.url in md and fx.A1.url in md  # A1: where the continuing pair first met


def test_a_dropped_actor_is_in_no_bounded_read_of_the_report(store_settings: Settings):
    """``actors drop`` applies to the date-indexed reads: the dropped actor is in no section,
    no pair history and no country history of the report, in any format."""
    from actorgraph.cli.main import main

    with open_store(store_settings, read_only=True) as store:
        before = render(build_weekly(store, "2026-W22", "MNG"), "json")
    assert "Sergei Lavrov" in before
    store_arg = ["--store", str(store_settings.store_path)]
    assert main([*store_arg, "actors", "drop", "Sergei Lavrov", "--why", "test"]) == 0
    with open_store(store_settings, read_only=True) as store:
        (lavrov,) = [a for a in store.dropped()]
        for fmt in ("json", "md", "html"):
            assert "Sergei Lavrov" not in render(build_weekly(store, "2026-W22", "MNG"), fmt)
        events = store.events(since="2026-05-01", until="2026-07-01", statuses=("actual",))
        assert events and all(lavrov not in {a.id for a, _ in e.participants} for e in events)
