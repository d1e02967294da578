"""Country relationships and actor pairs over weeks (first, continuing, resumed, lapsed) on a
real Ladybug store (and Neo4j when NEO4J_URI is set), the saved queries agreeing with the
report, and every JSON report validating against the shipped schema."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest
import report_relations_fixture as rf
from graph_fixture_data import BACKENDS, open_backend

from actorgraph.graph.base import GraphStore
from actorgraph.queries import run_query
from actorgraph.report import build_weekly, render
from actorgraph.report.schema import report_schema


@pytest.fixture(scope="module", params=BACKENDS)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    s = open_backend(request.param, tmp_path_factory.mktemp("relations"))
    s.write(rf.DOCS)
    s.set_origins(rf.ORIGINS)
    yield s
    s.close()


def names(entries: list[dict]) -> list[set[str]]:
    return [{a["name"] for a in e["actors"]} for e in entries]


def test_relationship_states_in_w22(store: GraphStore) -> None:
    r = build_weekly(store, "2026-W22", "MNG")
    rel = {c: s["relationship"] for c, s in r.counterparts.items()}
    assert {c: v["status"] for c, v in rel.items()} == {
        "RUS": "continuing",
        "CHN": "resumed",
        "KOR": "first",
        "JPN": "lapsed",
    }
    assert (rel["RUS"]["last_before"], rel["RUS"]["weeks_silent"]) == ("2026-05-20", 0)
    assert (rel["CHN"]["last_before"], rel["CHN"]["weeks_silent"]) == ("2026-03-11", 10)
    assert (rel["KOR"]["last_before"], rel["KOR"]["weeks_silent"]) == (None, None)
    assert rel["JPN"]["last_before"] == "2026-05-13" and rel["JPN"]["events"] == {}
    assert rel["CHN"]["events"] == {"COOPERATE": 1, "MEET": 1}
    assert rel["CHN"]["baseline"] == {"MEET": round(1 / 12, 3)}
    chn, jpn = r.counterparts["CHN"], r.counterparts["JPN"]
    assert names(chn["new"]) == [{"Mongolian Armed Forces", "People's Liberation Army"}]
    assert names(chn["continuing"]) == [{"Batmunkh Battsetseg", "Wang Yi"}]
    assert chn["continuing"][0]["first_seen"] == "2026-03-11"
    assert names(jpn["lapsed"]) == [{"Batmunkh Battsetseg", "Gen Nakatani"}]
    assert jpn["lapsed"][0]["last_seen"] == "2026-05-13"
    kor = r.counterparts["KOR"]["new"][0]
    assert (len(kor["sources"]), kor["origins"]) == (2, 1)
    assert "USA" not in r.counterparts
    trend = r.trends["CHN"]
    assert len(trend) == 12 and trend[-1] == {"week": "2026-W22", "events": 2}
    assert {"week": "2026-W11", "events": 1} in trend
    md = render(r, "md")
    assert "Relationship with China: resumed after 10 weeks of silence" in md
    assert "2 reports from 1 independent origin" in md
    indicators = {i["name"]: i["value"] for i in r.assessment["indicators"]}
    assert indicators["new_relationships"] == 1 and indicators["lapsed_relationships"] == 1
    assert indicators["activity_vs_baseline:CHN"] == round(2 / (1 / 12), 2)


def test_relationship_states_in_w21(store: GraphStore) -> None:
    r = build_weekly(store, "2026-W21", "MNG")
    assert {c: s["relationship"]["status"] for c, s in r.counterparts.items()} == {
        "RUS": "first",
        "JPN": "lapsed",
    }
    assert names(r.counterparts["RUS"]["new"]) == [{"Batmunkh Battsetseg", "Alexei Evsikov"}]


def test_saved_queries_agree_with_the_report(store: GraphStore) -> None:
    r = build_weekly(store, "2026-W22", "MNG")
    week = {"focus": "MNG", "since": "2026-05-25", "until": "2026-06-01"}
    firsts = run_query(store, "first_contacts", week)
    new = {
        frozenset(a["name"] for a in e["actors"]) for s in r.counterparts.values() for e in s["new"]
    }
    assert {frozenset((x["actor"], x["counterpart"])) for x in firsts} == new
    lapsed = run_query(
        store, "lapsed_contacts", {"focus": "MNG", "now": "2026-05-25", "weeks": "4"}
    )
    gone = {
        frozenset(a["name"] for a in e["actors"])
        for s in r.counterparts.values()
        for e in s["lapsed"]
    }
    assert {frozenset((x["actor"], x["counterpart"])) for x in lapsed} == gone
    rows = run_query(
        store,
        "new_interactions",
        {"a": "MNG", "b": "CHN", **{k: week[k] for k in ("since", "until")}},
    )
    flags = {(x["actor"], x["counterpart"]): x["first_contact"] for x in rows}
    assert flags == {
        ("Batmunkh Battsetseg", "Wang Yi"): False,
        ("Mongolian Armed Forces", "People's Liberation Army"): True,
    }


def test_first_contact_means_no_earlier_interaction(store: GraphStore) -> None:
    """Issue 9: a pair that met on 20 and 27 May is a first contact on the 20th only, in a
    period that starts before both."""
    rows = run_query(
        store,
        "new_interactions",
        {"a": "MNG", "b": "RUS", "since": "2026-05-11", "until": "2026-06-01"},
    )
    assert [(x["date"], x["first_contact"]) for x in rows] == [
        ("2026-05-20", True),
        ("2026-05-27", False),
    ]


def test_every_json_report_validates(store: GraphStore) -> None:
    schema = report_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    for week in ("2026-W02", "2026-W21", "2026-W22", "2026-W30"):
        for wanted in (None, ["KOR", "BRA"]):
            doc = json.loads(render(build_weekly(store, week, "MNG", wanted), "json"))
            jsonschema.validate(doc, schema)
    bad = json.loads(render(build_weekly(store, "2026-W22", "MNG"), "json"))
    bad["counterparts"]["CHN"]["relationship"]["status"] = "warming"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_counterpart_filters_every_section(store: GraphStore) -> None:
    r = build_weekly(store, "2026-W22", "MNG", ["KOR"])
    assert list(r.counterparts) == ["KOR"] and list(r.trends) == ["KOR"]
    countries = {p["country"] for e in r.events + r.key_events for p in e["participants"]}
    assert countries == {"MNG", "KOR"}
    assert {s["url"] for s in r.sources} == {rf.R7.url, rf.R8.url}


def test_cli_schema_week_forms_and_empty_week(tmp_path: Path) -> None:
    import subprocess
    import sys
    from dataclasses import replace

    from actorgraph.core.settings import Settings
    from actorgraph.graph import open_store

    settings = replace(Settings(), store_path=tmp_path / "s.lbug", neo4j_uri=None)
    with open_store(settings) as s:
        s.write(rf.DOCS)
    env = {"ACTORGRAPH_STORE": str(settings.store_path), "PATH": "/usr/bin:/bin"}

    def report(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "actorgraph", "report", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )

    schema = report("--schema")
    assert schema.returncode == 0 and json.loads(schema.stdout) == report_schema()
    weeks = set()
    for form in ("latest", "2026-w22", "2026-W22", "2026-05-27"):
        out = report("--week", form, "--focus", "mng", "--format", "json")
        assert out.returncode == 0, out.stderr
        weeks.add(json.loads(out.stdout)["week"])
    assert weeks == {"2026-W22"}
    bad = report("--week", "week 22", "--focus", "MNG")
    assert bad.returncode != 0 and "'week 22'" in bad.stderr
    empty = report("--week", "2026-W15", "--focus", "MNG", "--format", "json")
    assert "nearest weeks with events: 2026-W11, 2026-W20" in empty.stderr
    assert json.loads(empty.stdout)["nearest_weeks"] == ["2026-W11", "2026-W20"]
