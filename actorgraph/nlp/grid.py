"""The behavioural grid (in the spirit of CheckList): short articles generated from templates, one
construction at a time, crossed with names of several origins, title positions, dateline styles
and furniture lines (data in ``core/kb/en/grid/``), scored as recall per cell.

Every case expects its actors (type, and the country of people) and its event pairs (type and
status); each is one check. Recall of a cell is the share of its checks met; actor precision of
a cell counts the actors the extractor found that the case does not name (furniture, fragments).
The expected output comes from the templates, never from the extractor.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

from actorgraph.core.records import Article, Extraction, relation_pairs
from actorgraph.nlp.evaluate import match_actors, predicted_actors

AXES = ("construction", "origin", "title", "dateline", "furniture")
PUBLISHED = "2026-06-12T08:00:00Z"
DAY = "June 12"


@cache
def _data(name: str) -> dict[str, Any]:
    path = resources.files("actorgraph.core.kb").joinpath(f"en/grid/{name}.toml")
    return tomllib.loads(path.read_text("utf-8"))


@dataclass
class Case:
    """One generated article with what it must yield."""

    id: str
    text: str
    cells: dict[str, str]
    actors: list[dict]
    events: list[dict]  # {"type", "status", "pair": (name, name)}


@dataclass
class Cell:
    """Counts of one cell."""

    checks: int = 0
    passed: int = 0
    found: int = 0
    invented: int = 0

    @property
    def recall(self) -> float:
        return self.passed / self.checks if self.checks else 1.0

    @property
    def precision(self) -> float:
        return 1 - self.invented / self.found if self.found else 1.0


@dataclass
class GridResult:
    """Per-cell counts (keys: ("construction x origin", "verbal x korean"), ("title",
    "before"), ...), the overall cell and the failed checks."""

    cases: int = 0
    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)
    overall: Cell = field(default_factory=Cell)
    kinds: dict[str, Cell] = field(default_factory=dict)  # "actor", "country", "event" checks
    failures: list[str] = field(default_factory=list)

    def cell(self, axis: str, value: str) -> Cell:
        return self.cells.setdefault((axis, value), Cell())


def _person(p: dict, posts: dict, countries: dict) -> dict[str, str]:
    post, country = posts[p["post"]], countries[p["country"]]
    noun = country["noun"]
    return {
        "name": p["name"],
        "iso": p["country"],
        "title": post["title"],
        "title_lc": post["title"].lower(),
        "long": post["long"],
        "noun": post["noun"],
        "country": noun,
        "state": country["name"],
        "possessive": noun + ("'" if noun.endswith("s") else "'s"),
        "demonym": country["demonym"],
        "capital": country["capital"],
        "place": country["dateline"],
    }


def _tidy(text: str) -> str:
    text = re.sub(r",\s*([.,])", r"\1", text)
    text = re.sub(r",\s*(\([a-z]+\))", r" \1", text)
    return re.sub(r"(^|[.!?]\s+|\n)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def generate() -> list[Case]:
    """Every case of the grid, in a fixed order (constructions x origins x templates; title
    position, dateline and furniture rotate so that each meets every origin)."""
    names, templates, frames = _data("names"), _data("templates"), _data("frames")
    posts, countries = names["posts"], names["countries"]
    origins = list(names["origins"])
    people = {o: [_person(p, posts, countries) for p in names["origins"][o]] for o in origins}
    titles, datelines, furniture = frames["titles"], frames["datelines"], frames["furniture"]
    title_keys, dateline_keys, furn_keys = list(titles), list(datelines), list(furniture)
    cases = []
    for c, construction in enumerate(templates):
        for o, origin in enumerate(origins):
            for v, template in enumerate(templates[construction]):
                k = c * 3 + v
                a = people[origin][k % len(people[origin])]
                others = [x for x in origins if x != origin and people[x][0]["iso"] != a["iso"]]
                cps: list[dict[str, str]] = []
                for n in range(3):
                    other = others[(k + o + 3 * n) % len(others)]
                    pool = people[other]
                    cp = pool[(k + n) % len(pool)]
                    if cp["iso"] == a["iso"] or any(cp["name"] == x["name"] for x in cps):
                        cp = next(x for x in pool if x["iso"] != a["iso"] and x not in cps)
                    cps.append(cp)
                cells = {
                    "construction": construction,
                    "origin": origin,
                    "title": title_keys[(c + o + v) % len(title_keys)],
                    "dateline": dateline_keys[(c + 2 * o + v) % len(dateline_keys)],
                    "furniture": furn_keys[(2 * c + o + 3 * v) % len(furn_keys)],
                }
                cid = f"{construction}-{origin}-{v}"
                cases.append(_case(cid, template, a, cps, cells, frames))
    return cases


def _case(cid: str, template: dict, a: dict, cps: list[dict], cells: dict, frames: dict) -> Case:
    title = frames["titles"][cells["title"]]
    slots = {
        "A": title["form"].format(**a, host=cps[0]["country"]),
        "noun": a["noun"],
        "city": cps[0]["capital"],
        "B_country": cps[0]["country"],
    }
    for letter, cp in zip("BCD", cps, strict=True):
        slots[letter] = frames["titles"]["before"]["form"].format(**cp)
    body = template["text"].format(**slots)
    used = {s for s in ("A", "B", "C", "D", "B_country") if "{" + s + "}" in template["text"]}
    actors: dict[str, dict] = {}
    for letter, person in zip("ABCD", [a, *cps], strict=True):
        if letter in used:
            actors[letter] = {"name": person["name"], "type": "PERSON", "country": person["iso"]}
    states = {}
    if title["states"]:
        states[a["iso"]] = a["state"]
    if title.get("host_state"):
        states[cps[0]["iso"]] = cps[0]["state"]
    if "B_country" in used:
        states[cps[0]["iso"]] = cps[0]["state"]
        actors["B_state"] = {"name": cps[0]["state"], "type": "STATE", "country": cps[0]["iso"]}
    for iso, state in states.items():
        if not any(x["name"] == state for x in actors.values()):
            actors[f"state:{iso}"] = {"name": state, "type": "STATE", "country": iso}
    events = [
        {"type": e["type"], "status": e["status"], "pair": (actors[x]["name"], actors[y]["name"])}
        for e in template["events"]
        for x, y in e["pairs"]
    ]
    paragraphs = [p.strip() for p in body.split("\n\n")]
    paragraphs = [
        p.removeprefix("caption: ") + " (Photo: Xinhua)" if p.startswith("caption: ") else p
        for p in paragraphs
    ]
    place = {"place": cps[0]["place"], "capital": cps[0]["capital"], "day": DAY}
    paragraphs[0] = frames["datelines"][cells["dateline"]].format(**place) + _tidy(paragraphs[0])
    furn = frames["furniture"][cells["furniture"]]
    text = "\n\n".join([*furn["head"], *(_tidy(p) for p in paragraphs), *furn["foot"]])
    return Case(cid, text, cells, list(actors.values()), events)


def article_of(case: Case) -> Article:
    return Article(
        id=case.id,
        url=f"grid:{case.id}",
        title="",
        text=case.text,
        outlet="grid",
        published=PUBLISHED,
        content_hash="",
        source="grid",
        via="file",
    )


def score_case(case: Case, extraction: Extraction, result: GridResult) -> None:
    """Add one case's checks to its cells and to the overall figures."""
    preds, actor_of = predicted_actors(extraction)
    match = match_actors(case.actors, preds)
    checks: list[tuple[bool, str]] = []  # (met, what): "actor ...", "country of ...", events
    gold_of = {gi: pi for pi, gi in match.items()}
    for gi, g in enumerate(case.actors):
        pi = gold_of.get(gi)
        checks.append((pi is not None, f"actor {g['type']} {g['name']!r}"))
        if g["type"] == "PERSON" and pi is not None:
            country = preds[pi].country
            checks.append((country == g["country"], f"country of {g['name']!r}: {country}"))

    def name(i: int) -> str:
        pi = actor_of[i]
        return case.actors[match[pi]]["name"] if pi in match else f"~{preds[pi].name}"

    statuses: dict[tuple[str, frozenset[str]], set[str]] = {}
    for ev in extraction.events:
        for x, y in relation_pairs([(name(i), role) for i, role in ev.participants]):
            statuses.setdefault((ev.type, frozenset((x, y))), set()).add(ev.status)
    for e in case.events:
        got = statuses.get((e["type"], frozenset(e["pair"])), set())
        ok = e["status"] in got and (e["status"] == "actual" or "actual" not in got)
        checks.append((ok, f"{e['status']} {e['type']} {' / '.join(e['pair'])}: {sorted(got)}"))
    invented = [p.name for pi, p in enumerate(preds) if pi not in match]
    result.cases += 1
    for cell in _cells_of(case, result):
        cell.checks += len(checks)
        cell.passed += sum(ok for ok, _ in checks)
        cell.found += len(preds)
        cell.invented += len(invented)
    for ok, what in checks:
        word = "actor" if what.startswith("actor ") else what.split()[0]
        kind = result.kinds.setdefault(word if word in ("actor", "country") else "event", Cell())
        kind.checks += 1
        kind.passed += ok
    result.failures += [f"{case.id}: missed {what}" for ok, what in checks if not ok]
    result.failures += [f"{case.id}: invented {n!r}" for n in invented]


def _cells_of(case: Case, result: GridResult) -> Iterable[Cell]:
    yield result.overall
    yield result.cell(
        "construction x origin", f"{case.cells['construction']} x {case.cells['origin']}"
    )
    for axis in AXES:
        yield result.cell(axis, case.cells[axis])


def run_grid(extractor) -> tuple[GridResult, list[Case]]:
    """Generate the grid, run it through ``extractor`` (one ``nlp.pipe``) and score it."""
    cases = generate()
    result = GridResult()
    extractions = extractor.extract_many([article_of(c) for c in cases], batch_size=64)
    for case, extraction in zip(cases, extractions, strict=True):
        score_case(case, extraction, result)
    return result, cases


def format_grid(result: GridResult, failures: bool = True) -> str:
    """Overall figures, then recall (and actor precision) per cell, worst first in each axis."""
    o = result.overall
    lines = [
        f"grid cases: {result.cases}",
        f"overall recall={o.recall:.3f} ({o.passed}/{o.checks}) actor precision={o.precision:.3f}",
        "by check: "
        + ", ".join(
            f"{k} {c.recall:.3f} ({c.passed}/{c.checks})" for k, c in sorted(result.kinds.items())
        ),
    ]
    for axis in ("construction x origin", *AXES):
        cells = sorted(
            ((v, c) for (a, v), c in result.cells.items() if a == axis), key=lambda x: x[0]
        )
        lines.append(f"\n{axis}:")
        lines += [
            f"  {v:<32} R={c.recall:.3f} ({c.passed}/{c.checks}) P={c.precision:.3f}"
            for v, c in cells
        ]
    low = [k for k, c in result.cells.items() if c.recall < 0.9]
    lines.append(f"\ncells below 0.9: {len(low)} of {len(result.cells)}")
    if failures:
        lines.append(f"\nfailures ({len(result.failures)}):")
        lines += [f"  {f}" for f in result.failures]
    return "\n".join(lines)
