"""The weekly report as one self-contained HTML page (inline CSS, no scripts, no external assets).

Every piece of text from the web goes through :func:`html.escape`, attributes included; links are
only made for http, https and file URLs.
"""

from __future__ import annotations

from html import escape
from typing import Any

from actorgraph.report import phrases as ph
from actorgraph.report.chart import trend_svg
from actorgraph.report.map import render_map
from actorgraph.report.model import WeeklyReport

CSS = """
svg.map{max-width:100%;height:auto;border:1px solid #ccd}svg.map .sea{fill:#eef3f8}
svg.map .land{fill:#dde3d5;stroke:#9aa396;stroke-width:.5}
svg.map .hotspot circle{fill:#c0392b;fill-opacity:.75;stroke:#fff}
svg.map .hotspot text{font:11px sans-serif;fill:#222}
body{font:15px/1.5 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;
max-width:60rem;padding:0 1rem;color:#1d2329}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid #d7dde3;padding-bottom:.2rem;
margin-top:2rem}h3{margin-bottom:.3rem}.meta{color:#5b6670;font-size:.9rem}
.cite a{text-decoration:none;font-size:.8rem;vertical-align:super}
.nosrc{color:#a33;font-size:.8rem}blockquote{margin:.2rem 0 .4rem 1rem;padding-left:.6rem;
border-left:3px solid #d7dde3;color:#3d4750;font-style:italic}
.new{background:#fff4d6;border-radius:3px;padding:0 .3rem;font-size:.8rem;font-weight:600}
.empty{color:#5b6670}ol.annex li{margin-bottom:.3rem}li{margin-bottom:.25rem}
.status{border-radius:3px;padding:0 .3rem;font-size:.8rem;font-weight:600;background:#e6edf3}
.status.first{background:#fff4d6}.status.resumed{background:#dff3e4}.status.lapsed{background:#f8e1e1}
.para{font-style:normal;font-size:.85rem;color:#5b6670;margin:.2rem 0}.see{font-size:.85rem}
table.assess{border-collapse:collapse;font-size:.9rem}table.assess td,table.assess th{
border:1px solid #d7dde3;padding:.2rem .4rem;vertical-align:top}
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
    out = []
    for i in items:
        para = i.get("paragraph")
        context = ""
        if para and " ".join(para.split()) != " ".join(i["sentence"].split()):
            context = f'<p class="para">In its paragraph: {_e(para)}</p>'
        out.append(
            f"<blockquote>\u201c{_e(i['sentence'])}\u201d "
            f"{_cite(ph.evidence_refs(report, i))}{context}</blockquote>"
        )
    return "".join(out)


def _event(
    report: WeeklyReport,
    event: dict[str, Any],
    homes: dict[str, tuple[str, str, str]] | None = None,
) -> str:
    head = f"{_e(ph.event_headline(report, event))} {_cite(report.refs(event['sources']))}"
    home = (homes or {}).get(event["id"])
    if home:
        return f'<li>{head} <a class="see" href="#{_e(home[0])}">evidence: {_e(home[1])}</a></li>'
    return f"<li>{head}{_evidence(report, event['evidence'])}</li>"


def _events(
    report: WeeklyReport,
    events: list[dict[str, Any]],
    empty: str,
    tag: str = "ul",
    homes: dict[str, tuple[str, str, str]] | None = None,
) -> str:
    if not events:
        return f'<p class="empty">{_e(empty)}</p>'
    return f"<{tag}>" + "".join(_event(report, e, homes) for e in events) + f"</{tag}>"


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
        out.append(f'<h3 id="cp-{_e(code)}">{_e(report.name(code))} ({_e(code)})</h3>')
        status = section["relationship"]["status"]
        out.append(
            f'<p class="rel"><span class="status {_e(status)}">{_e(status)}</span> '
            f"{_statement(ph.relationship_statement(report, code))}</p>"
        )
        if not any(section[k] for k in ("new", "continuing", "lapsed")):
            out.append(f'<p class="empty">{_e(ph.empty_counterpart(report, code))}</p>')
            continue
        for kind, label in (
            ("new", "New pairs (first interaction ever)"),
            ("continuing", "Continuing pairs (interacted before)"),
            ("lapsed", "Lapsed pairs (active in the previous 4 weeks, silent now)"),
        ):
            if not section[kind]:
                continue
            out.append(f"<h4>{label}</h4>")
            items = []
            for i, entry in enumerate(section[kind], 1):
                badge = '<span class="new">NEW</span> ' if kind == "new" else ""
                said = "; ".join(_statement(st) for st in ph.pair_statements(report, entry))
                quote = ""
                if kind == "lapsed":
                    said += f"; last seen {_e(entry.get('last_seen') or 'undated')}"
                else:
                    quote = _evidence(report, entry.get("evidence", [])[:3])
                anchor = _e(ph.pair_anchor(code, kind, i))
                items.append(f'<li id="{anchor}">{badge}{said}{quote}</li>')
            out.append("<ol>" + "".join(items) + "</ol>")
    return out


def _outlook(report: WeeklyReport) -> list[str]:
    if not report.outlook:
        return [
            '<p class="empty">No announced or planned interactions were reported this week.</p>'
        ]
    out = []
    for horizon in dict.fromkeys(item["horizon"] for item in report.outlook):
        out.append(f"<h3>{_e(horizon.capitalize())}</h3><ul>")
        for item in (x for x in report.outlook if x["horizon"] == horizon):
            who = ", ".join(ph.actor_label(report, a) for a in item["actors"]) or "unnamed"
            text = f"{item['date'] or 'undated'} \u00b7 {', '.join(item['types'])} \u00b7 {who}"
            out.append(f"<li>{_e(text)} {_cite(report.refs(item['sources']))}</li>")
        out.append("</ul>")
    return out


def _trends(report: WeeklyReport) -> str:
    if not report.trends:
        return '<p class="empty">No counterpart activity in the last 12 weeks.</p>'
    return f'<figure class="chart">{trend_svg(report.trends, report.names)}</figure>'


def _assessment(report: WeeklyReport) -> str:
    rows = "".join(
        f"<tr><td>{_e(i['name'])}</td><td>{_e('n/a' if i['value'] is None else i['value'])}</td>"
        f"<td>{_e(i['rule'])}</td></tr>"
        for i in report.assessment["indicators"]
    )
    return (
        '<table class="assess"><thead><tr><th>Indicator</th><th>Value</th><th>Rule</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


def _narrative(report: WeeklyReport) -> list[str]:
    if report.narrative is None:
        return []
    n = report.narrative
    items = "".join(
        f'<li>{_e(s["text"])} <span class="meta">(events {_e(", ".join(s["event_ids"]))})'
        "</span></li>"
        for s in n["sentences"]
    )
    dropped = ph.plural(n["dropped"], "sentence")
    return [
        "<h2>Narrative summary (language model, cited)</h2>",
        f'<ul>{items}</ul><p class="meta">{_e(dropped)} without a valid citation dropped.</p>',
    ]


def render_html(report: WeeklyReport) -> str:
    """The report as a complete HTML document."""
    focus = report.name(report.focus)
    title = f"{focus} weekly report \u2014 {report.week}"
    military = ph.military_events(report)
    homes = ph.evidence_homes(report)
    empty = f"No events involving {focus} were reported this week."
    if report.nearest:
        empty += f" Nearest weeks with events: {', '.join(report.nearest)}."
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
        "</ul>",
        *_narrative(report),
        "<h2>Key developments</h2>",
        _events(report, report.key_events, empty, "ol", homes),
        "<h2>Relationships and contacts per counterpart</h2>",
        *_counterparts(report),
        "<h2>Trends (events per week, last 12 weeks)</h2>",
        _trends(report),
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
            + "".join(_event(report, e, homes) for e in military)
            + "</ul>"
        )
    parts += [
        "<h2>Outlook (announced events under their own dates)</h2>",
        *_outlook(report),
        "<h2>Non-events (reported as not happening)</h2>",
        _events(report, report.non_events, "No negated events were reported this week."),
        "<h2>Indicators and outlook</h2><h3>Structured assessment</h3>",
        _assessment(report),
        "<h3>Most active actors this week</h3>",
    ]
    actors = ph.active_actors(report)
    parts.append(
        "<ul>" + "".join(f"<li>{_statement(s)}</li>" for s in actors) + "</ul>"
        if actors
        else '<p class="empty">None.</p>'
    )
    parts += [
        "<h2>Hotspots</h2>",
        # MAP: filled by report/map.py (places/geocoding helper); empty until then
        f'<section id="map">{render_map(report.hotspots)}</section>',
        "<h2>All events this week</h2>",
        _events(report, report.events, empty, "ul", homes),
        "<h2>Annex: sources</h2>",
    ]
    if ph.local_links(report):
        parts.append(f'<p class="meta local-note">{_e(ph.LOCAL_NOTE)}</p>')
    if report.sources:
        items = []
        for s in report.sources:
            meta = ", ".join(x for x in (s["outlet"], (s["published"] or "")[:10]) if x)
            local = ' <span class="meta">(local)</span>' if s.get("local") else ""
            items.append(
                f'<li id="src-{int(s["ref"])}">{_link(s["url"], s["title"] or s["url"])}'
                f" \u2014 {_e(meta)}{local}</li>"
            )
        parts.append('<ol class="annex">' + "".join(items) + "</ol>")
    else:
        parts.append('<p class="empty">No articles are cited.</p>')
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
