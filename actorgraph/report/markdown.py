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


def _evidence(report: WeeklyReport, items: list[dict[str, Any]], indent: str) -> list[str]:
    return [
        f'{indent}> "{md_escape(i["sentence"])}" {_cite(ph.evidence_refs(report, i))}'
        for i in items
    ]


def _event(report: WeeklyReport, event: dict[str, Any], prefix: str) -> list[str]:
    head = f"{prefix}{md_escape(ph.event_headline(report, event))} "
    head += _cite(report.refs(event["sources"]))
    return [head, *_evidence(report, event["evidence"], "   ")]


def _link(url: str) -> str:
    safe = ph.safe_url(url)
    if safe is None:
        return f"(link withheld, unsupported URL scheme: {md_escape(url)})"
    return "<" + quote(safe, safe=":/?#@!$&'*+,;=%~-._") + ">"


def render_markdown(report: WeeklyReport) -> str:
    """The report as Markdown text."""
    focus = report.name(report.focus)
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
        "## Key developments",
        "",
    ]
    if report.key_events:
        for i, event in enumerate(report.key_events, 1):
            out += _event(report, event, f"{i}. ")
    else:
        out.append(f"No events involving {md_escape(focus)} were reported this week.")
    out += ["", "## Per-counterpart analysis", ""]
    if not report.counterparts:
        out.append(
            f"No interactions between {md_escape(focus)} and other countries were "
            "reported this week."
        )
        out.append("")
    for code, section in report.counterparts.items():
        out += [f"### {md_escape(report.name(code))} ({code})", ""]
        if not section["new"] and not section["continuing"]:
            out += [md_escape(ph.empty_counterpart(report, code)), ""]
            continue
        for kind, label in (
            ("new", "New pairs (first reported interaction)"),
            ("continuing", "Continuing pairs (interacted before)"),
        ):
            out += [f"**{label}**", ""]
            if not section[kind]:
                out += [f"None this week with {md_escape(report.name(code))}.", ""]
                continue
            for entry in section[kind]:
                lines = [_line(st) for st in ph.pair_statements(report, entry)]
                out.append(f"- {'; '.join(lines)}")
                out += _evidence(report, entry.get("evidence", [])[:3], "  ")
            out.append("")
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
        out += _event(report, event, "- ")
    out += [
        "",
        "## Indicators and outlook",
        "",
        "**Announced or planned (reported this week)**",
        "",
    ]
    if report.upcoming:
        for event in report.upcoming:
            out += _event(report, event, "- ")
    else:
        out.append("No announced or planned interactions were reported this week.")
    out += ["", "**Most active actors this week**", ""]
    actors = ph.active_actors(report)
    out += [f"- {_line(st)}" for st in actors] or ["None."]
    out += ["", "## All events this week", ""]
    if report.events:
        for event in report.events:
            out += _event(report, event, "- ")
    else:
        out.append(f"No events involving {md_escape(focus)} were reported this week.")
    out += ["", "## Annex: sources", ""]
    if not report.sources:
        out.append("No articles are cited.")
    for s in report.sources:
        title = md_escape(s["title"]) or "(untitled)"
        meta = ", ".join(x for x in (md_escape(s["outlet"]), (s["published"] or "")[:10]) if x)
        out.append(f"{s['ref']}. {title} \u2014 {meta}. {_link(s['url'])}")
    return "\n".join(out) + "\n"
