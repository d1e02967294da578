"""The weekly report as one self-contained HTML page (inline CSS, no scripts, no external assets).

Every piece of text from the web goes through :func:`html.escape`, attributes included; links are
only made for http, https and file URLs.
"""

from __future__ import annotations

from html import escape
from typing import Any

from actorgraph.report import phrases as ph
from actorgraph.report.model import WeeklyReport

CSS = """
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
max-width:60rem;padding:0 1rem;color:#1d2329}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid #d7dde3;padding-bottom:.2rem;
margin-top:2rem}h3{margin-bottom:.3rem}.meta{color:#5b6670;font-size:.9rem}
.cite a{text-decoration:none;font-size:.8rem;vertical-align:super}
.nosrc{color:#a33;font-size:.8rem}blockquote{margin:.2rem 0 .4rem 1rem;padding-left:.6rem;
border-left:3px solid #d7dde3;color:#3d4750;font-style:italic}
.new{background:#fff4d6;border-radius:3px;padding:0 .3rem;font-size:.8rem;font-weight:600}
.empty{color:#5b6670}ol.annex li{margin-bottom:.3rem}li{margin-bottom:.25rem}
"""


def _e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def _cite(refs: tuple[int, ...] | list[int]) -> str:
    if not refs:
        return '<span class="nosrc">(no source)</span>'
    links = "".join(f'<a href="#src-{n}">[{n}]</a>' for n in refs)
    return f'<span class="cite">{links}</span>'


def _statement(st: ph.Statement) -> str:
    return f"{_e(st.text)} {_cite(st.refs)}"


def _evidence(report: WeeklyReport, items: list[dict[str, Any]]) -> str:
    return "".join(
        f"<blockquote>\u201c{_e(i['sentence'])}\u201d "
        f"{_cite(ph.evidence_refs(report, i))}</blockquote>"
        for i in items
    )


def _event(report: WeeklyReport, event: dict[str, Any]) -> str:
    return (
        f"<li>{_e(ph.event_headline(report, event))} {_cite(report.refs(event['sources']))}"
        f"{_evidence(report, event['evidence'])}</li>"
    )


def _events(report: WeeklyReport, events: list[dict[str, Any]], empty: str, tag: str = "ul") -> str:
    if not events:
        return f'<p class="empty">{_e(empty)}</p>'
    return f"<{tag}>" + "".join(_event(report, e) for e in events) + f"</{tag}>"


def _link(url: str, text: str) -> str:
    safe = ph.safe_url(url)
    if safe is None:
        return f'{_e(text)} <span class="nosrc">(link withheld: {_e(url)})</span>'
    return f'<a href="{_e(safe)}" rel="noopener noreferrer">{_e(text)}</a>'


def _counterparts(report: WeeklyReport) -> list[str]:
    focus = report.name(report.focus)
    if not report.counterparts:
        return [
            f'<p class="empty">No interactions between {_e(focus)} and other countries were '
            "reported this week.</p>"
        ]
    out = []
    for code, section in report.counterparts.items():
        out.append(f"<h3>{_e(report.name(code))} ({_e(code)})</h3>")
        if not section["new"] and not section["continuing"]:
            out.append(f'<p class="empty">{_e(ph.empty_counterpart(report, code))}</p>')
            continue
        for kind, label in (
            ("new", "New pairs (first reported interaction)"),
            ("continuing", "Continuing pairs (interacted before)"),
        ):
            out.append(f"<h4>{label}</h4>")
            if not section[kind]:
                out.append(f'<p class="empty">None this week with {_e(report.name(code))}.</p>')
                continue
            items = []
            for entry in section[kind]:
                badge = '<span class="new">NEW</span> ' if kind == "new" else ""
                said = "; ".join(_statement(st) for st in ph.pair_statements(report, entry))
                items.append(
                    f"<li>{badge}{said}{_evidence(report, entry.get('evidence', [])[:3])}</li>"
                )
            out.append("<ul>" + "".join(items) + "</ul>")
    return out


def render_html(report: WeeklyReport) -> str:
    """The report as a complete HTML document."""
    focus = report.name(report.focus)
    title = f"{focus} weekly report \u2014 {report.week}"
    military = ph.military_events(report)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{_e(title)}</h1>",
        f'<p class="meta">{_e(ph.period(report))} \u00b7 generated {_e(report.generated_at)} '
        "from the actor graph. Every statement cites the numbered articles in the annex.</p>",
        "<h2>Executive summary</h2><ul>",
        *[f"<li>{_statement(st)}</li>" for st in ph.summary_statements(report)],
        "</ul><h2>Key developments</h2>",
        _events(
            report, report.key_events, f"No events involving {focus} were reported this week.", "ol"
        ),
        "<h2>Per-counterpart analysis</h2>",
        *_counterparts(report),
        "<h2>Military activity and exercises</h2>",
    ]
    if not report.exercises and not military:
        parts.append(
            f'<p class="empty">No exercises or military activity involving {_e(focus)} '
            "were reported this week.</p>"
        )
    else:
        parts.append(
            "<ul>"
            + "".join(
                f"<li>{_statement(ph.exercise_statement(report, x))}</li>" for x in report.exercises
            )
            + "".join(_event(report, e) for e in military)
            + "</ul>"
        )
    parts += [
        "<h2>Indicators and outlook</h2><h3>Announced or planned (reported this week)</h3>",
        _events(
            report, report.upcoming, "No announced or planned interactions were reported this week."
        ),
        "<h3>Most active actors this week</h3>",
    ]
    actors = ph.active_actors(report)
    parts.append(
        "<ul>" + "".join(f"<li>{_statement(s)}</li>" for s in actors) + "</ul>"
        if actors
        else '<p class="empty">None.</p>'
    )
    parts += [
        "<h2>All events this week</h2>",
        _events(report, report.events, f"No events involving {focus} were reported this week."),
        "<h2>Annex: sources</h2>",
    ]
    if report.sources:
        items = []
        for s in report.sources:
            meta = ", ".join(x for x in (s["outlet"], (s["published"] or "")[:10]) if x)
            items.append(
                f'<li id="src-{int(s["ref"])}">{_link(s["url"], s["title"] or s["url"])}'
                f" \u2014 {_e(meta)}</li>"
            )
        parts.append('<ol class="annex">' + "".join(items) + "</ol>")
    else:
        parts.append('<p class="empty">No articles are cited.</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
