"""The weekly report as Markdown; every statement cites numbered annex sources ([1], [2])."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from actorgraph.report import phrases as ph
from actorgraph.report.model import WeeklyReport

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#!~])")


def md_escape(text: str | None) -> str:
    """Web text made inert in Markdown: punctuation that forms markup or HTML is backslashed."""
    return _SPECIAL.sub(r"\\\1", " ".join((text or "").split()))


def _cite(refs: tuple[int, ...] | list[int]) -> str:
    return "".join(f"[{n}]" for n in refs) if refs else "(no source)"


def _line(st: ph.Statement) -> str:
    return f"{md_escape(st.text)} {_cite(st.refs)}"


def _quote(report: WeeklyReport, items: list[dict[str, Any]], indent: str) -> list[str]:
    out = []
    for i in items:
        out.append(f'{indent}> "{md_escape(i["sentence"])}" {_cite(ph.evidence_refs(report, i))}')
        para = i.get("paragraph")
        if para and " ".join(para.split()) != " ".join(i["sentence"].split()):
            cite = _cite(ph.evidence_refs(report, i))
            out.append(f"{indent}> (in its paragraph: {md_escape(para)}) {cite}")
    return out


def _event(
    report: WeeklyReport,
    event: dict[str, Any],
    prefix: str,
    homes: dict[str, tuple[str, str, str]] | None = None,
) -> list[str]:
    head = f"{prefix}{md_escape(ph.event_headline(report, event))} "
    head += _cite(report.refs(event["sources"]))
    home = (homes or {}).get(event["id"])
    if home:
        return [f"{head} — evidence under {md_escape(home[1])}"]
    return [head, *_quote(report, event["evidence"], "   ")]


def _link(url: str) -> str:
    safe = ph.safe_url(url)
    if safe is None:
        return f"(link withheld, unsupported URL scheme: {md_escape(url)})"
    return "<" + quote(safe, safe=":/?#@!$&'*+,;=%~-._") + ">"


def _counterparts(report: WeeklyReport) -> list[str]:
    focus = report.name(report.focus)
    if not report.counterparts:
        return [
            f"No interactions between {md_escape(focus)} and other countries were "
            "reported this week.",
            "",
        ]
    out: list[str] = []
    for code, section in report.counterparts.items():
        out += [f"### {md_escape(report.name(code))} ({code})", ""]
        out += [_line(ph.relationship_statement(report, code)), ""]
        if not any(section[k] for k in ("new", "continuing", "lapsed")):
            out += [md_escape(ph.empty_counterpart(report, code)), ""]
            continue
        for kind, label in (
            ("new", "New pairs (first interaction ever)"),
            ("continuing", "Continuing pairs (interacted before)"),
            ("lapsed", "Lapsed pairs (active in the previous 4 weeks, silent now)"),
        ):
            if not section[kind]:
                continue
            out += [f"**{label}**", ""]
            for i, entry in enumerate(section[kind], 1):
                lines = [_line(st) for st in ph.pair_statements(report, entry)]
                if kind == "lapsed":
                    lines.append(f"last seen {entry.get('last_seen') or 'undated'}")
                out.append(f"{i}. {'; '.join(lines)}")
                if kind != "lapsed":
                    out += _quote(report, entry.get("evidence", [])[:3], "   ")
            out.append("")
    return out


def _trends(report: WeeklyReport) -> list[str]:
    if not report.trends:
        return ["No counterpart activity in the last 12 weeks.", ""]
    weeks = [p["week"] for p in next(iter(report.trends.values()))]
    out = [
        "| Counterpart | " + " | ".join(w[5:] for w in weeks) + " |",
        "|---|" + "---:|" * len(weeks),
    ]
    for code, points in report.trends.items():
        cells = " | ".join(str(p["events"]) for p in points)
        out.append(f"| {md_escape(report.name(code))} ({code}) | {cells} |")
    return [*out, ""]


def _outlook(report: WeeklyReport) -> list[str]:
    if not report.outlook:
        return ["No announced or planned interactions were reported this week.", ""]
    out: list[str] = []
    for horizon in dict.fromkeys(item["horizon"] for item in report.outlook):
        out += [f"**{horizon.capitalize()}**", ""]
        for item in (x for x in report.outlook if x["horizon"] == horizon):
            who = ", ".join(ph.actor_label(report, a) for a in item["actors"]) or "unnamed"
            text = f"{item['date'] or 'undated'} · {', '.join(item['types'])} · {who}"
            out.append(f"- {md_escape(text)} {_cite(report.refs(item['sources']))}")
        out.append("")
    return out


def _assessment(report: WeeklyReport) -> list[str]:
    out = ["| Indicator | Value | Rule |", "|---|---:|---|"]
    for ind in report.assessment["indicators"]:
        value = "n/a" if ind["value"] is None else str(ind["value"])
        out.append(f"| {md_escape(ind['name'])} | {value} | {md_escape(ind['rule'])} |")
    return [*out, ""]


def _narrative(report: WeeklyReport) -> list[str]:
    if report.narrative is None:
        return []
    n = report.narrative
    out = ["## Narrative summary (language model, cited)", ""]
    out += [
        f"- {md_escape(s['text'])} (events {', '.join(s['event_ids'])})" for s in n["sentences"]
    ]
    out += ["", f"{ph.plural(n['dropped'], 'sentence')} without a valid citation dropped.", ""]
    return out


def render_markdown(report: WeeklyReport) -> str:
    """The report as Markdown text."""
    focus = report.name(report.focus)
    homes = ph.evidence_homes(report)
    out = [
        f"# {md_escape(focus)} weekly report \u2014 {report.week} ({ph.period(report)})",
        "",
        f"Generated {report.generated_at} from the actor graph. Counts and statements below are "
        "computed from the graph; each cites the numbered articles in the annex.",
        "",
        "## Executive summary",
        "",
        *[f"- {_line(st)}" for st in ph.summary_statements(report)],
        "",
        *_narrative(report),
        "## Key developments",
        "",
    ]
    if report.key_events:
        for i, event in enumerate(report.key_events, 1):
            out += _event(report, event, f"{i}. ", homes)
    else:
        out.append(f"No events involving {md_escape(focus)} were reported this week.")
        if report.nearest:
            out.append(f"Nearest weeks with events: {', '.join(report.nearest)}.")
    out += ["", "## Relationships and contacts per counterpart", "", *_counterparts(report)]
    out += ["## Trends (events per week, last 12 weeks)", "", *_trends(report)]
    out += ["## Military activity and exercises", ""]
    military = ph.military_events(report)
    if not report.exercises and not military:
        out.append(
            f"No exercises or military activity involving {md_escape(focus)} were "
            "reported this week."
        )
    for item in report.exercises:
        out.append(f"- {_line(ph.exercise_statement(report, item))}")
    for event in military:
        out += _event(report, event, "- ", homes)
    out += ["", "## Outlook (announced events under their own dates)", "", *_outlook(report)]
    out += ["## Non-events (reported as not happening)", ""]
    if report.non_events:
        for event in report.non_events:
            out += _event(report, event, "- ")
    else:
        out.append("No negated events were reported this week.")
    out += ["", "## Indicators and outlook", "", "**Structured assessment**", ""]
    out += _assessment(report)
    out += ["**Most active actors this week**", ""]
    actors = ph.active_actors(report)
    out += [f"- {_line(st)}" for st in actors] or ["None."]
    out += ["", "**Map of hotspots**", "", f"{len(report.hotspots)} geocoded hotspots.", ""]
    out += ["## All events this week", ""]
    if report.events:
        for event in report.events:
            out += _event(report, event, "- ", homes)
    else:
        out.append(f"No events involving {md_escape(focus)} were reported this week.")
    out += ["", "## Annex: sources", ""]
    if ph.local_links(report):
        out += [md_escape(ph.LOCAL_NOTE), ""]
    if not report.sources:
        out.append("No articles are cited.")
    for s in report.sources:
        title = md_escape(s["title"]) or "(untitled)"
        meta = ", ".join(x for x in (md_escape(s["outlet"]), (s["published"] or "")[:10]) if x)
        local = " (local)" if s.get("local") else ""
        out.append(f"{s['ref']}. {title} \u2014 {meta}. {_link(s['url'])}{local}")
    return "\n".join(out) + "\n"
