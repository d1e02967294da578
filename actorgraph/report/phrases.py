"""Plain-text pieces shared by the Markdown and HTML renderers (data only, no invented prose).

Each function returns unescaped text; renderers escape it for their format. Statements come with
the citation numbers of the annex articles that support them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from actorgraph.report.model import WeeklyReport

SAFE_SCHEMES = ("http", "https", "file")


@dataclass(frozen=True, slots=True)
class Statement:
    """One sentence of the report and the annex numbers that support it."""

    text: str
    refs: tuple[int, ...]


def safe_url(url: str) -> str | None:
    """The URL when its scheme may be linked (http, https, file), else None."""
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in SAFE_SCHEMES else None


def period(report: WeeklyReport) -> str:
    """The week as "25–31 May 2026" (or "29 December 2025 – 4 January 2026")."""
    a, b = date.fromisoformat(report.start), date.fromisoformat(report.end)
    if (a.year, a.month) == (b.year, b.month):
        return f"{a.day}\u2013{b.day} {b:%B} {b.year}"
    if a.year == b.year:
        return f"{a.day} {a:%B} \u2013 {b.day} {b:%B} {b.year}"
    return f"{a.day} {a:%B} {a.year} \u2013 {b.day} {b:%B} {b.year}"


def actor_label(report: WeeklyReport, actor: dict[str, Any]) -> str:
    """The name with its country in brackets, unless it has none or is named as it."""
    country = report.name(actor.get("country"))
    if not country or country.casefold() == actor["name"].casefold():
        return actor["name"]
    return f"{actor['name']} ({country})"


def pair_label(report: WeeklyReport, entry: dict[str, Any]) -> str:
    return " \u2013 ".join(actor_label(report, a) for a in entry["actors"])


def plural(n: int, word: str, many: str | None = None) -> str:
    return f"{n} {word if n == 1 else (many or word + 's')}"


def event_headline(report: WeeklyReport, event: dict[str, Any]) -> str:
    """ "2026-05-27 · MEET · A (Mongolia), B (Russia) · in Ulaanbaatar"."""
    people = ", ".join(
        actor_label(report, p) + (" (recipient)" if p.get("role") == "recipient" else "")
        for p in event["participants"]
    )
    parts = [event.get("date") or "undated", event["type"], people or "no named participants"]
    if event.get("place"):
        parts.append(f"in {event['place']}")
    return " \u00b7 ".join(parts)


def pair_statements(report: WeeklyReport, entry: dict[str, Any]) -> list[Statement]:
    """One pair's line: who, which interaction types, on which days; for a continuing pair
    also how many earlier interactions and the first one's date, citing its own articles."""
    text = (
        f"{pair_label(report, entry)}: {', '.join(entry['types'])} on {', '.join(entry['dates'])}"
        f" ({origins_text(entry)})"
    )
    out = [Statement(text, tuple(report.refs(entry["sources"])))]
    if entry.get("first_seen"):
        out.append(
            Statement(
                f"{plural(entry['previous_events'], 'earlier interaction')}, the first dated "
                f"{entry['first_seen']}",
                tuple(report.refs(entry.get("first_seen_sources", []))),
            )
        )
    return out


def summary_statements(report: WeeklyReport) -> list[Statement]:
    """The executive summary, computed from the report's counts and top events."""
    focus = report.name(report.focus)
    s = report.summary
    all_refs = tuple(sorted({r for e in report.events for r in report.refs(e["sources"])}))
    out = [
        Statement(
            f"{plural(s['events'], 'event')} involving {focus} dated {period(report)} "
            f"{'was' if s['events'] == 1 else 'were'} reported in "
            f"{plural(s['articles'], 'article')}; "
            f"{plural(s['new_pairs'], 'actor pair')} interacted for the first time and "
            f"{plural(s['continuing_pairs'], 'pair')} continued earlier contacts.",
            all_refs,
        )
    ]
    for code, section in report.counterparts.items():
        if not section["new"] and not section["continuing"]:
            out.append(Statement(f"{report.name(code)}: no interactions reported this week.", ()))
            continue
        entries = section["new"] + section["continuing"]
        refs = sorted({r for e in entries for r in report.refs(e["sources"])})
        out.append(
            Statement(
                f"{report.name(code)}: {plural(len(section['new']), 'new pair')}, "
                f"{plural(len(section['continuing']), 'continuing pair')}.",
                tuple(refs),
            )
        )
    if report.exercises:
        names = [x["exercise"]["name"] for x in report.exercises if x["exercise"]]
        count = plural(len(report.exercises), "exercise activity", "exercise activities")
        text = f"Exercises: {count}"
        text += f" ({', '.join(names)})." if names else "."
        refs = sorted({r for x in report.exercises for r in report.refs(x["sources"])})
        out.append(Statement(text, tuple(refs)))
    if report.key_events:
        top = report.key_events[0]
        out.append(
            Statement(
                f"Most reported event: {event_headline(report, top)} "
                f"({plural(len(top['sources']), 'source')}).",
                tuple(report.refs(top["sources"])),
            )
        )
    return out


def empty_counterpart(report: WeeklyReport, code: str) -> str:
    return f"No interactions with {report.name(code)} were reported this week."


def evidence_refs(report: WeeklyReport, item: dict[str, Any]) -> tuple[int, ...]:
    return tuple(report.refs([{"url": item["url"]}]))


def military_events(report: WeeklyReport) -> list[dict[str, Any]]:
    """This week's events with armed forces or a deployment/attack, outside the exercises."""
    in_drills = {i for x in report.exercises for i in x["event_ids"]}
    return [
        e
        for e in report.events
        if e["id"] not in in_drills
        and (
            e["type"] in ("DEPLOY", "ATTACK")
            or any(p["type"] == "MILITARY" for p in e["participants"])
        )
    ]


def exercise_statement(report: WeeklyReport, item: dict[str, Any]) -> Statement:
    name = item["exercise"]["name"] if item["exercise"] else "Exercise activity"
    who = ", ".join(actor_label(report, p) for p in item["participants"]) or "no named participants"
    text = f"{name}: {who}; {', '.join(item['types'])} on {', '.join(item['dates'])}"
    if item["places"]:
        text += f" in {', '.join(item['places'])}"
    return Statement(text, tuple(report.refs(item["sources"])))


def active_actors(report: WeeklyReport, limit: int = 5) -> list[Statement]:
    """The actors in the most events this week, with the articles reporting them."""
    counts: dict[str, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
    for e in report.events:
        for p in {p["id"]: p for p in e["participants"]}.values():
            actor, events = counts.setdefault(p["id"], (p, []))
            events.append(e)
    ranked = sorted(counts.values(), key=lambda x: (-len(x[1]), x[0]["name"].casefold()))
    out = []
    for actor, events in ranked[:limit]:
        sources = [s for e in events for s in e["sources"]]
        out.append(
            Statement(
                f"{actor_label(report, actor)}: {plural(len(events), 'event')}",
                tuple(report.refs(sources)),
            )
        )
    return out


KIND_LABELS = {"new": "new pair", "continuing": "continuing pair", "lapsed": "lapsed pair"}
STATUS_TEXT = {
    "first": "first recorded activity",
    "continuing": "continuing",
    "resumed": "resumed",
    "lapsed": "lapsed (silent this week)",
    "silent": "no recent activity",
}


def pair_anchor(code: str, kind: str, index: int) -> str:
    """The id of one pair entry in the HTML report (``pair-RUS-new-1``)."""
    return f"pair-{code}-{kind}-{index}"


def evidence_homes(report: WeeklyReport) -> dict[str, tuple[str, str, str]]:
    """``{event id: (anchor, label, country)}``: the pair entry where each event's evidence is
    quoted (its first one), so other sections point there instead of repeating the quotation."""
    homes: dict[str, tuple[str, str, str]] = {}
    for code, section in report.counterparts.items():
        for kind in ("new", "continuing"):
            for i, entry in enumerate(section[kind], 1):
                label = f"{report.name(code)} ({code}), {KIND_LABELS[kind]} {i}"
                for event_id in entry["event_ids"]:
                    homes.setdefault(event_id, (pair_anchor(code, kind, i), label, code))
    return homes


def relationship_statement(report: WeeklyReport, code: str) -> Statement:
    """ "Relationship: resumed after 9 weeks of silence (last 2026-03-18); 3 events this week
    (MEET 2, AGREE 1) against 0.25 per week over the previous 12 weeks." """
    section = report.counterparts[code]
    r = section["relationship"]
    status = r["status"]
    text = f"Relationship with {report.name(code)}: {STATUS_TEXT.get(status, status)}"
    if status == "resumed":
        text += f" after {plural(r['weeks_silent'], 'week')} of silence"
    if r["last_before"]:
        text += f" (previous activity {r['last_before']})"
    elif status == "first":
        text += " (no earlier interaction in the graph)"
    now = sum(r["events"].values())
    base = sum(r["baseline"].values())
    types = ", ".join(f"{t} {n}" for t, n in r["events"].items())
    text += f"; {plural(now, 'event')} this week" + (f" ({types})" if types else "")
    text += f" against {base:g} per week over the previous 12 weeks."
    entries = section["new"] + section["continuing"] + section["lapsed"]
    return Statement(text, tuple(sorted({n for e in entries for n in report.refs(e["sources"])})))


def origins_text(entry: dict[str, Any]) -> str:
    """ "3 reports from 2 independent origins"."""
    n = len(entry["sources"])
    m = entry.get("origins", n)
    return f"{plural(n, 'report')} from {plural(m, 'independent origin')}"


def local_links(report: WeeklyReport) -> bool:
    """Whether any annex link points to this machine (a demo's loopback server or a file)."""
    return any(s.get("local") for s in report.sources)


LOCAL_NOTE = (
    "Links marked local point to this machine (a local file or the demo's loopback server, "
    "which is gone once the demo ends); the quoted paragraphs come from the article text "
    "kept in the store."
)
