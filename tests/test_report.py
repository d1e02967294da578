"""The weekly report: ISO weeks, the new/continuing diff, and the Markdown/HTML/JSON renderers.

Records are built by hand in ``report_fixture.py`` (focus MNG, weeks 2026-W21 and 2026-W22); the
expected answers are listed in its docstring.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest
import report_fixture as fx

from actorgraph.core.errors import ConfigError
from actorgraph.core.records import SourceRef
from actorgraph.report import (
    iso_week_bounds,
    latest_week_of,
    render,
    week_of,
    weekly_diff,
)


def w22(counterparts=None, events=None):
    events = fx.actual_until("2026-06-01") if events is None else events
    return weekly_diff(
        events, "2026-W22", "MNG", counterparts, upcoming=fx.future(), negated=fx.views()
    )


def pair_ids(entries):
    return [{a["id"] for a in e["actors"]} for e in entries]


# --- weeks -----------------------------------------------------------------------------------


def test_iso_week_bounds():
    assert iso_week_bounds("2026-W22") == (date(2026, 5, 25), date(2026, 6, 1))
    assert iso_week_bounds("2026-W01") == (date(2025, 12, 29), date(2026, 1, 5))
    assert iso_week_bounds("2026-W53") == (date(2026, 12, 28), date(2027, 1, 4))
    assert week_of("2026-05-31") == "2026-W22"
    assert latest_week_of(["2024", "2026-05-20", None, "2026-05-29", "2026-06"]) == "2026-W22"
    assert latest_week_of(["2024", None]) is None


@pytest.mark.parametrize("bad", ["2026-W54", "2025-W53", "2026-22", "2026-W00", "W22", "", "x"])
def test_bad_week_is_a_config_error_naming_it(bad):
    with pytest.raises(ConfigError) as err:
        iso_week_bounds(bad)
    assert repr(bad) in str(err.value)


# --- the diff ----------------------------------------------------------------------------------


def test_new_and_continuing_across_two_weeks():
    r21 = weekly_diff(fx.actual_until("2026-05-25"), "2026-W21", "MNG")
    assert list(r21.counterparts) == ["RUS"]
    assert pair_ids(r21.counterparts["RUS"]["new"]) == [{"p-bat", "p-evs"}]
    assert r21.counterparts["RUS"]["continuing"] == []

    r22 = w22()
    assert set(r22.counterparts) == {"RUS", "CHN"}
    rus, chn = r22.counterparts["RUS"], r22.counterparts["CHN"]
    assert pair_ids(rus["new"]) == [{"p-bat", "p-lav"}]
    assert pair_ids(rus["continuing"]) == [{"p-bat", "p-evs"}]
    assert rus["continuing"][0]["first_seen"] == "2026-05-20"
    assert rus["continuing"][0]["first_seen_sources"] == [
        {"url": fx.A1.url, "title": fx.A1.title, "outlet": fx.A1.outlet}
    ]
    assert pair_ids(chn["new"]) == [{"m-maf", "m-pla"}]
    # the historical 2024 agreement makes Battsetseg-Wang continuing, first seen "2024"
    assert pair_ids(chn["continuing"]) == [{"p-bat", "p-wang"}]
    assert chn["continuing"][0]["first_seen"] == "2024"
    # focus actor first, then the counterpart
    assert [a["country"] for a in rus["new"][0]["actors"]] == ["MNG", "RUS"]
    assert r22.summary["new_pairs"] == 2 and r22.summary["continuing_pairs"] == 2


def test_one_event_with_two_sources_cites_each_once():
    r = w22()
    entry = r.counterparts["RUS"]["continuing"][0]
    assert entry["types"] == ["MEET"] and entry["dates"] == ["2026-05-27"]
    assert [s["url"] for s in entry["sources"]] == [fx.A2.url, fx.A3.url]
    assert len(entry["event_ids"]) == 1
    annex_urls = [s["url"] for s in r.sources]
    assert len(annex_urls) == len(set(annex_urls))
    assert {fx.A2.url, fx.A3.url} <= set(annex_urls)
    event = next(e for e in r.events if e["id"] == entry["event_ids"][0])
    assert len(event["sources"]) == 2
    assert r.key_events[0]["id"] == event["id"]  # most sources ranks first


def test_historical_and_partial_dates_are_never_this_week():
    r = w22()
    assert all(re.fullmatch(r"2026-05-2[5-9]|2026-05-3[01]", e["date"]) for e in r.events)
    assert fx.HISTORIC.id not in {e["id"] for e in r.events}
    assert fx.MONTH_ONLY.id not in {e["id"] for e in r.events}
    # the month-only Mongolia-Russia cooperation creates no pair this week
    ids = [
        i for s in r.counterparts.values() for k in ("new", "continuing") for i in pair_ids(s[k])
    ]
    assert {"s-mng", "s-rus"} not in ids
    assert r.summary["events"] == 4


def test_negated_and_later_events_are_ignored():
    later = replace(fx.views()[0], id="later", date="2026-06-02")
    negated = next(v for v in fx.views() if v.status == "negated")
    r = w22(events=[*fx.actual_until("2026-06-01"), later, negated])
    assert {"later", negated.id}.isdisjoint(e["id"] for e in r.events)
    assert "PRK" not in r.counterparts


def test_state_actor_without_country_counts_as_its_own_country():
    meet = replace(
        fx.views()[0],
        id="st",
        date="2026-05-26",
        participants=[(fx.BAT, "actor"), (fx.RUSSIA, "recipient")],
    )
    r = w22(events=[*fx.actual_until("2026-06-01"), meet])
    assert {"p-bat", "s-rus"} in pair_ids(r.counterparts["RUS"]["new"])


def test_counterparts_filter_and_empty_counterpart():
    r = w22(["rus", "KOR"])
    assert list(r.counterparts) == ["RUS", "KOR"]
    kor = r.counterparts["KOR"]
    assert (kor["new"], kor["continuing"], kor["lapsed"]) == ([], [], [])
    assert kor["relationship"]["status"] == "silent"
    assert kor["relationship"]["last_before"] is None
    assert "p-wang" not in {p["id"] for e in r.events for p in e["participants"]}
    md = render(r, "md")
    assert "No interactions with South Korea were reported this week." in md
    assert "China (CHN)" not in md
    assert "No interactions with South Korea were reported this week." in render(r, "html")
    only_china = w22(["CHN"])
    annex = {s["url"] for s in only_china.sources}
    assert fx.A6.url in annex and fx.A4.url not in annex
    assert fx.A1.url not in annex  # the W21 article only backs a Russian pair


@pytest.mark.parametrize("focus", ["MN", "MONG", "XYZ", "12a"])
def test_bad_country_codes_are_config_errors(focus):
    with pytest.raises(ConfigError, match=re.escape(repr(focus))):
        weekly_diff([], "2026-W22", focus)
    with pytest.raises(ConfigError, match=re.escape(repr(focus))):
        weekly_diff([], "2026-W22", "MNG", [focus])


def test_upcoming_events_reported_this_week():
    r = w22()
    assert [(e["type"], e["status"]) for e in r.upcoming] == [
        ("AGREE", "future"),
        ("PARTICIPATE", "actual"),
    ]
    assert {fx.A7.url, fx.A8.url} <= {s["url"] for s in r.sources}
    assert "Khaan Quest 2026" in _md_section(render(r, "md"), "Outlook")


def test_actual_event_dated_after_its_reports_is_not_news():
    planned = next(v for v in fx.views() if v.id == fx.PLANNED_ID)
    moved = replace(planned, date="2026-05-29")  # in the week, but after the 26 May article
    r = w22(events=[*fx.actual_until("2026-06-01"), moved])
    assert moved.id not in {e["id"] for e in r.events}
    assert "USA" not in r.counterparts
    assert fx.latest_week_of_views(fx.views()) == "2026-W22"  # 15 June does not count


def test_empty_week_says_so_plainly():
    r = weekly_diff(fx.actual_until("2026-06-01"), "2026-W30", "MNG")
    assert r.counterparts == {} and r.events == [] and r.sources == []
    md = render(r, "md")
    assert "No events involving Mongolia were reported this week." in md
    assert "No interactions between Mongolia and other countries were reported this week." in md
    json.loads(render(r, "json"))


# --- renderers -------------------------------------------------------------------------------


def test_json_is_valid_and_in_the_exact_shape():
    text = render(w22(), "json")
    doc = json.loads(text)
    assert {"week", "focus", "counterparts", "events", "sources"} <= set(doc)
    assert doc["week"] == "2026-W22" and doc["focus"] == "MNG"
    assert "Батмөнх" not in text and "\\u" not in text  # ensure_ascii=False, nothing escaped
    for code, section in doc["counterparts"].items():
        assert re.fullmatch(r"[A-Z]{3}", code) and set(section) == {
            "new",
            "continuing",
            "lapsed",
            "relationship",
        }
        for kind in ("new", "continuing"):
            for entry in section[kind]:
                assert {"actors", "types", "dates", "sources"} <= set(entry)
                assert len(entry["actors"]) == 2
                assert all(set(a) == {"id", "name", "country"} for a in entry["actors"])
                assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", d) for d in entry["dates"])
                assert entry["sources"]
                assert all(set(s) == {"url", "title", "outlet"} for s in entry["sources"])
    for e in doc["events"]:
        assert {"type", "date", "place", "participants", "sentence", "sources"} <= set(e)
    assert all({"url", "title", "outlet", "published"} <= set(s) for s in doc["sources"])
    assert text == render(w22(), "json").replace(  # deterministic apart from the timestamp
        json.loads(render(w22(), "json"))["generated_at"], doc["generated_at"]
    )


def test_json_keeps_non_ascii_text():
    ev = fx.views()
    first = next(v for v in ev if v.date == "2026-05-27" and v.type == "MEET")
    first.sources[0] = replace(first.sources[0], title="Монголын гадаад хэргийн сайд")
    doc = json.loads(render(w22(events=[v for v in ev if v.status == "actual"]), "json"))
    assert "Монголын гадаад хэргийн сайд" in {s["title"] for s in doc["sources"]}


def _md_section(md: str, heading: str) -> str:
    start = md.index(f"## {heading}")
    end = md.find("\n## ", start + 3)
    return md[start : end if end != -1 else None]


def test_markdown_cites_every_statement():
    r = w22()
    md = render(r, "md")
    n = len(r.sources)
    for heading in (
        "Executive summary",
        "Key developments",
        "Relationships and contacts per counterpart",
        "Military activity and exercises",
        "Outlook (announced events under their own dates)",
        "Non-events (reported as not happening)",
        "Indicators and outlook",
        "All events this week",
    ):
        section = _md_section(md, heading)
        items = [ln for ln in section.splitlines() if re.match(r"\s*(-|\d+\.|>) ", ln)]
        assert items, heading
        for line in items:
            refs = [int(x) for x in re.findall(r"\[(\d+)\]", line)]
            assert refs and all(1 <= x <= n for x in refs), line
    assert "(no source)" not in md
    annex = _md_section(md, "Annex: sources")
    assert [int(x) for x in re.findall(r"^(\d+)\. ", annex, re.M)] == list(range(1, n + 1))
    # the continuing pair cites this week's two articles and, separately, the first contact
    line = next(ln for ln in md.splitlines() if "Alexei Evsikov (Russia): MEET" in ln)
    a1, a2, a3 = (r.ref(a.url) for a in (fx.A1, fx.A2, fx.A3))
    assert f"[{min(a2, a3)}][{max(a2, a3)}]" in line and line.endswith(f"[{a1}]")


HOSTILE_TITLE = '<script>alert("t")</script> Talks'
HOSTILE_NAME = '"onmouseover=alert(1) x="<img src=x onerror=alert(2)>'
HOSTILE_URLS = [
    "javascript:alert(3)",
    'https://evil.example/a"onmouseover="alert(4)',
    "data:text/html,<script>alert(5)</script>",
]


def hostile_report():
    bad_actor = replace(fx.LAV, name=HOSTILE_NAME)
    events = []
    for v in fx.actual_until("2026-06-01"):
        v = replace(
            v, participants=[(bad_actor if a.id == fx.LAV.id else a, r) for a, r in v.participants]
        )
        if v.date == "2026-05-28":
            v = replace(
                v,
                place="<svg/onload=alert(7)>",
                sources=[
                    SourceRef(
                        url,
                        HOSTILE_TITLE,
                        "<b>outlet</b>",
                        "2026-05-28T00:00:00Z",
                        "He said </blockquote><script>alert(6)</script>",
                    )
                    for url in HOSTILE_URLS
                ],
            )
        events.append(v)
    return w22(events=events)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_html_escapes_hostile_titles_names_and_urls():
    page = render(hostile_report(), "html")
    parser = _Collect()
    parser.feed(page)
    assert not {"script", "img"} & set(parser.tags)
    assert parser.tags.count("svg") == 1 and ("id", "trend-chart") in parser.attrs  # the chart
    names = {name for name, _ in parser.attrs}
    assert not any(n.startswith("on") for n in names)
    hrefs = [v for n, v in parser.attrs if n == "href"]
    assert all(h.startswith(("#src-", "#pair-", "https://", "http://", "file:")) for h in hrefs)
    assert not any(h.startswith(("javascript:", "data:")) for h in hrefs)
    assert 'https://evil.example/a"onmouseover="alert(4)' in hrefs  # the quote stayed data
    assert "&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; Talks" in page
    assert "&quot;onmouseover=alert(1) x=&quot;&lt;img" in page
    assert "link withheld: javascript:alert(3)" in page
    assert "in &lt;svg/onload=alert(7)&gt;" in page
    assert "http" not in "".join(re.findall(r"<(?:link|script|img)[^>]*>", page))


def test_markdown_neutralises_hostile_text():
    md = render(hostile_report(), "md")
    assert re.search(r"(?<!\\)<(script|img|/script|svg)", md) is None  # every < backslashed
    assert "\\<script\\>" in md and "\\<img src=x" in md and "in \\<svg/onload" in md
    assert "<javascript:" not in md and "](javascript:" not in md
    assert "link withheld" in md


def test_unknown_format_is_a_config_error():
    with pytest.raises(ConfigError, match="'pdf'"):
        render(w22(), "pdf")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "java\nscript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,x",
        "vbscript:x",
        "//evil.example/x",
        "/rel",
    ],
)
def test_only_http_https_and_file_urls_are_linked(url):
    from actorgraph.report.phrases import safe_url

    assert safe_url(url) is None
    assert safe_url("https://a.example/x") == "https://a.example/x"
    assert safe_url("file:///tmp/a.html") == "file:///tmp/a.html"


def test_summary_counts_come_from_the_data():
    r = w22()
    assert r.summary["events"] == 4
    assert r.summary["articles"] == 5  # A2..A6 report this week's events
    assert r.summary["cited_articles"] == len(r.sources) == 8  # + A1 (first contact), A7, A8
    assert {
        c: {k: v[k] for k in ("new", "continuing")} for c, v in r.summary["counterparts"].items()
    } == {
        "RUS": {"new": 1, "continuing": 1},
        "CHN": {"new": 1, "continuing": 1},
    }
    md = render(r, "md")
    assert "4 events involving Mongolia dated 25\u201331 May 2026 were reported in 5 articles" in md
    assert "Russia: 1 new pair, 1 continuing pair." in md


def test_stale_announcements_are_left_out():
    from actorgraph.report.weeks import period_end

    assert [period_end(d) for d in ("2024", "2026-02", "2026-12", "2026-05-27")] == [
        "2024-12-31",
        "2026-02-28",
        "2026-12-31",
        "2026-05-27",
    ]
    plan = next(v for v in fx.future() if v.status == "future")
    past = replace(plan, id="past-plan", date="2026-05-22")  # "will visit ... on Friday" misdated
    this_year = replace(plan, id="year-plan", date="2026")
    r = weekly_diff(fx.actual_until("2026-06-01"), "2026-W22", "MNG", upcoming=[past, this_year])
    assert [e["id"] for e in r.upcoming] == ["year-plan"]


def test_state_named_as_its_country_is_not_repeated():
    meet = replace(
        fx.views()[0],
        id="st2",
        date="2026-05-26",
        participants=[(fx.MONGOLIA, "actor"), (fx.RUSSIA, "recipient")],
    )
    md = render(w22(events=[*fx.actual_until("2026-06-01"), meet]), "md")
    assert re.search(r"\d\. Mongolia – Russia: AGREE on 2026-05-26", md)
    assert "Mongolia (Mongolia)" not in md
