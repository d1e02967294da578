"""Route tests through Starlette's TestClient on a copy of the demo store: every page and
action, bad input, CSRF, the access token, the CSP, escaping of hostile text."""

from __future__ import annotations

import csv
import io
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from actorgraph.core.records import (
    Actor,
    ActorMention,
    Article,
    Event,
    Participant,
    ResolvedArticle,
)
from tests.web_helpers import copy_store, settings_for

WEEK = "2026-W22"


def make_client(directory: Path, store_path: Path | None = None, **config) -> Iterator[TestClient]:
    from actorgraph.graph import open_store
    from actorgraph.web.app import create_app
    from actorgraph.web.state import WebConfig

    settings = settings_for(store_path or copy_store(directory))
    config.setdefault("background_wait", 120.0)  # pages wait for the review queue
    with open_store(settings) as store:
        app = create_app(
            store, settings, WebConfig(data_dir=directory / "web", who="tester", **config)
        )
        with TestClient(app, base_url="http://127.0.0.1") as client:
            yield client
        app.state.ingester.wait(60)


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> Iterator[TestClient]:
    yield from make_client(tmp_path_factory.mktemp("web-routes"))


@pytest.fixture
def fresh(tmp_path) -> Iterator[TestClient]:
    yield from make_client(tmp_path)


def store_of(client: TestClient):
    return client.app.state.web.store  # type: ignore[attr-defined]


def csrf_of(client: TestClient) -> str:
    return client.app.state.web.config.csrf  # type: ignore[attr-defined]


# pages ------------------------------------------------------------------------------------------
def test_home_is_the_latest_week_with_links(client) -> None:
    r = client.get("/")
    assert r.status_code == 200
    assert f"Week {WEEK}" in r.text
    store = store_of(client)
    week_events = store.events(since="2026-05-25", until="2026-06-01")
    linked = set(re.findall(r'href="/event/([0-9a-f]+)"', r.text))
    assert linked and linked <= {
        e.id for e in store.events(statuses=("actual", "future", "negated", "hypothetical"))
    }
    assert {e.id for e in week_events} & linked
    actors = set(re.findall(r'href="/actor/([^"]+)"', r.text))
    assert "person:battsetseg" in actors or "state:mng" in actors
    for article in set(re.findall(r'href="/article/([0-9a-f]+)"', r.text)):
        assert store.article(article) is not None


def test_week_page_any_week_and_focus(client) -> None:
    r = client.get("/week/2026-W21?focus=mng")
    assert r.status_code == 200 and "Week 2026-W21" in r.text
    assert 'href="/week/2026-W20?focus=MNG"' in r.text
    assert client.get("/week/2026-W22?focus=RUS").status_code == 200


@pytest.mark.parametrize(
    "url", ["/week/2026-22", "/week/2026-W60", "/week/2026-W22?focus=Mongolia", "/?focus=12"]
)
def test_week_bad_input(client, url) -> None:
    r = client.get(url)
    assert r.status_code == 400
    assert "<h1>400</h1>" in r.text


def test_actor_page(client) -> None:
    r = client.get("/actor/person:battsetseg")
    assert r.status_code == 200
    store = store_of(client)
    events = store.actor_events(["person:battsetseg"])
    assert f"Timeline ({len(events)} events)" in r.text
    for alias in ("B. Battsetseg", "Batmunkh Battsetseg"):
        assert alias in r.text
    assert "partial_name" in r.text  # the merge explanation
    assert "Counterparts by country" in r.text and "Russia" in r.text
    assert 'data-expand="person:battsetseg"' in r.text


def test_actor_page_caps_are_shown_and_older_pages_follow(client, monkeypatch) -> None:
    """With small caps (the real ones are 100 events, 50 mentions, 200 counterparts) the page
    says what it left out, and the "older" links page through every event once."""
    from actorgraph.web import pages

    monkeypatch.setattr(pages, "TIMELINE", 2)
    monkeypatch.setattr(pages, "MENTIONS", 1)
    monkeypatch.setattr(pages, "COUNTERPARTS", 1)
    client.app.state.web.drop_cache()  # type: ignore[attr-defined]
    store = store_of(client)
    actor = "person:battsetseg"
    every = [e.id for e in reversed(store.actor_events([actor]))]
    assert len(every) > 4
    r = client.get(f"/actor/{actor}")
    assert f"showing 2 of {len(every)} events, the latest" in r.text
    mentions = [m for m in store.actor_mentions(actor) if m.actor == actor]
    assert f"showing 1 of {len(mentions)} mentions" in r.text
    others = {a.id for e in store.actor_events([actor]) for a, _ in e.participants} - {actor}
    assert f"of {len(others)} counterparts" in r.text
    seen: list[str] = []
    url: str | None = f"/actor/{actor}"
    while url:
        r = client.get(url)
        assert r.status_code == 200
        timeline = r.text.split('<ol class="timeline">')[1].split("</ol>")[0]
        seen += re.findall(r'<li class="event" id="e-([0-9a-f]+)"', timeline)
        older = re.search(r'<a rel="next" href="([^"]+)">older</a>', r.text)
        url = older.group(1).replace("&amp;", "&") if older else None
        if url:
            assert 'href="/actor/person%3Abattsetseg">newest</a>' in client.get(url).text
    assert seen == every
    assert client.get(f"/actor/{actor}?before=May").status_code == 400
    client.app.state.web.drop_cache()  # type: ignore[attr-defined]


def test_week_pages_follow_writes(fresh) -> None:
    """The built report is cached per store generation: a review decision shows at once."""
    r = fresh.get("/")
    actors = set(re.findall(r'href="/actor/([^"]+)"', r.text))
    assert "person:battsetseg" in actors
    token = csrf_of(fresh)
    fresh.post(
        "/review",
        data={"csrf": token, "action": "drop", "actor": "person:battsetseg", "why": "t"},
    )
    after = set(re.findall(r'href="/actor/([^"]+)"', fresh.get("/").text))
    assert "person:battsetseg" not in after and after
    fresh.post("/review", data={"csrf": token, "action": "undo"})
    assert "person:battsetseg" in set(re.findall(r'href="/actor/([^"]+)"', fresh.get("/").text))


def test_expansion_weights_are_the_events_in_common(client) -> None:
    from collections import Counter

    actor = "person:battsetseg"
    grown = client.get("/network.json", params={"expand": actor}).json()
    events = [e for e in store_of(client).actor_events([actor]) if e.status == "actual"]
    common = Counter(a.id for e in events for a, _ in e.participants if a.id != actor)
    edges = {
        e["from"] if e["to"] == actor else e["to"]: e
        for e in grown["edges"]
        if actor in (e["from"], e["to"])
    }
    assert edges and {k: e["weight"] for k, e in edges.items()} == {k: common[k] for k in edges}
    for edge in edges.values():
        assert edge["evidence"] and all(ev["sentence"] and ev["article"] for ev in edge["evidence"])


def test_unknown_ids_are_404(client) -> None:
    for url in ("/actor/person:nobody", "/event/ffff", "/article/0000", "/query/nope", "/nowhere"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "404" in r.text


def test_event_and_article_pages(client) -> None:
    store = store_of(client)
    event = next(e for e in store.actor_events(["person:battsetseg"]) if e.sources)
    r = client.get(f"/event/{event.id}")
    assert r.status_code == 200
    source = event.sources[0]
    assert f"/article/{source.article}?event={event.id}" in r.text
    r = client.get(f"/article/{source.article}?event={event.id}")
    assert r.status_code == 200
    mark = re.search(rf'<mark id="ev-{event.id}">(.*?)</mark>', r.text, re.S)
    assert mark is not None
    assert mark.group(1).replace("&#39;", "'").strip() == source.sentence.strip()
    others = store.article_events(source.article)
    assert f"Events in this article ({len(others)})" in r.text


def test_search_latin_cyrillic_and_facets(client) -> None:
    r = client.get("/search", params={"q": "Battsetseg"})
    assert r.status_code == 200 and 'href="/actor/person:battsetseg"' in r.text
    r = client.get("/search", params={"q": "Баттсэцэг"})
    assert 'href="/actor/person:battsetseg"' in r.text
    r = client.get("/search", params={"q": "Mongolia", "type": "STATE"})
    hits = re.findall(r'<a class="actor t-(\w+)"', r.text.split('<ol class="hits">')[1])
    assert hits and set(hits) == {"state"}
    assert client.get("/search", params={"q": "x", "type": "ALIEN"}).status_code == 400
    assert client.get("/search", params={"q": "x", "country": "Mongolia"}).status_code == 400
    assert "no actor like" in client.get("/search", params={"q": "zzzzqqq"}).text


def test_network_json_stable_and_labels_apart(client) -> None:
    from actorgraph.web.network import label_box, overlaps

    first = client.get("/network.json", params={"week": WEEK}).json()
    client.app.state.web.drop_cache()  # type: ignore[attr-defined]
    second = client.get("/network.json", params={"week": WEEK}).json()
    assert first["nodes"] and first["nodes"] == second["nodes"]
    nodes = first["nodes"]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            assert not overlaps(label_box(a), label_box(b), 0), (a["label"], b["label"])
    assert any(e["new"] for e in first["edges"]) and any(not e["new"] for e in first["edges"])
    edge = first["edges"][0]
    assert edge["evidence"] and edge["evidence"][0]["sentence"]
    assert store_of(client).article(edge["evidence"][0]["article"]) is not None


def test_network_json_filters_and_expand(client) -> None:
    people = client.get("/network.json", params={"week": WEEK, "type": "PERSON"}).json()
    assert people["nodes"] and {n["type"] for n in people["nodes"]} == {"PERSON"}
    meets = client.get("/network.json", params={"week": WEEK, "event_type": "MEET"}).json()
    assert {t for e in meets["edges"] for t in e["types"]} == {"MEET"}
    mng = client.get("/network.json", params={"week": WEEK, "country": "MNG"}).json()
    assert {n["country"] for n in mng["nodes"]} == {"MNG"}
    grown = client.get("/network.json", params={"expand": "person:battsetseg"}).json()
    ids = {n["id"] for n in grown["nodes"]}
    assert "person:battsetseg" in ids and "person:sergei-lavrov" in ids
    for bad in ({"type": "ALIEN"}, {"country": "Mongolia"}, {"week": "W22"}, {"since": "May"}):
        assert client.get("/network.json", params=bad).status_code == 400
    assert client.get("/network.json", params={"expand": "person:nobody"}).status_code == 404
    assert client.get("/network").status_code == 200


def test_saved_queries_forms_and_downloads(client) -> None:
    r = client.get("/queries")
    assert r.status_code == 200 and 'href="/query/new_interactions"' in r.text
    r = client.get("/query/new_interactions")
    assert 'type="date"' in r.text and 'name="since"' in r.text and "<table" not in r.text
    params = {"actor": "B. Battsetseg"}
    html = client.get("/query/actor_timeline", params=params)
    assert html.status_code == 200 and "<table" in html.text
    rows = client.get("/query/actor_timeline", params={**params, "format": "json"}).json()
    assert len(rows) >= 3
    r = client.get("/query/actor_timeline", params={**params, "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == len(rows)


def test_query_and_console_tables_say_what_they_cut(client, monkeypatch) -> None:
    from actorgraph.web import actions

    monkeypatch.setattr(actions, "PAGE_ROWS", 3)
    store = store_of(client)
    every = store.run("MATCH (a:Actor) RETURN a.id AS id")
    r = client.get("/cypher", params={"q": "MATCH (a:Actor) RETURN a.id AS id"})
    assert f"showing 3 of {len(every)} rows" in r.text
    assert len(re.findall(r"<tr><td>", r.text)) == 3
    timeline = store.run(
        "MATCH (a:Actor {id: 'person:battsetseg'})-[:PARTICIPANT]->(e:Event) RETURN e.id AS id"
    )
    r = client.get("/query/actor_timeline", params={"actor": "person:battsetseg"})
    assert len(timeline) > 3 and "showing 3 of" in r.text and "have all" in r.text
    csv_rows = (
        client.get("/query/actor_timeline", params={"actor": "person:battsetseg", "format": "csv"})
        .text.strip()
        .splitlines()
    )
    assert len(csv_rows) - 1 > 3  # the download is not cut


def test_saved_query_bad_input(client) -> None:
    r = client.get(
        "/query/first_contacts", params={"focus": "Mongolia", "since": "x", "until": "y"}
    )
    assert r.status_code == 400 and "not a valid" in r.text
    r = client.get("/query/actor_timeline", params={"actor": "x", "bogus": "1", "format": "json"})
    assert r.status_code == 400 and "no parameter bogus" in r.json()["error"]
    assert client.get("/query/actor_timeline", params={"format": "xml"}).status_code == 400


def test_cypher_console_is_read_only(client) -> None:
    before = store_of(client).counts()
    r = client.get(
        "/cypher", params={"q": "MATCH (a:Actor) RETURN a.name AS name LIMIT $k", "params": "k=2"}
    )
    assert r.status_code == 200 and r.text.count("<tr>") == 3
    r = client.get("/cypher", params={"q": "MATCH (a:Actor) DETACH DELETE a"})
    assert r.status_code == 400 and "read-only" in r.text
    r = client.get("/cypher", params={"q": "MATCH (a:Actor) SET a.name = 'x'"})
    assert r.status_code == 400
    assert store_of(client).counts() == before
    assert client.get("/cypher", params={"q": "MATCH (a RETURN"}).status_code == 400


def test_healthz_and_csp(client) -> None:
    r = client.get("/healthz")
    assert r.json()["status"] == "ok" and r.json()["engine"] == "ladybug"
    page = client.get("/actor/person:battsetseg")
    policy = page.headers["content-security-policy"]
    nonce = re.search(r"'nonce-([^']+)'", policy).group(1)
    assert (
        "script-src 'self' 'nonce-" in policy
        and "unsafe-inline" not in policy.split("style-src")[0]
    )
    scripts = re.findall(r"<script\b[^>]*>", page.text)
    assert scripts and all(f'nonce="{nonce}"' in s and "src=" in s for s in scripts)
    assert nonce not in client.get("/actor/person:battsetseg").headers["content-security-policy"]


def test_assets_are_served_from_the_package(client) -> None:
    page = client.get("/network").text
    for src in re.findall(r'(?:src|href)="(/static/[^"]+)"', page):
        assert client.get(src).status_code == 200, src
    assert "http://" not in re.sub(r'href="http[^"]*"', "", page.split("<main>")[0])


# actions ----------------------------------------------------------------------------------------
def test_posts_need_the_csrf_token(fresh) -> None:
    for url, data in (
        ("/review", {"action": "undo"}),
        ("/watchlist", {"kind": "countries", "value": "MNG"}),
        ("/ingest", {}),
    ):
        assert fresh.post(url, data=data).status_code == 403
        assert fresh.post(url, data={**data, "csrf": "wrong"}).status_code == 403
    assert fresh.post("/review", data={"action": "undo", "csrf": csrf_of(fresh)}).status_code == 200


def test_review_queue_best_first_and_decisions(fresh) -> None:
    from actorgraph.web.review import queue

    store = store_of(fresh)
    items = queue(store)
    values = [i.value for i in items]
    assert values == sorted(values, reverse=True) and values[0] > values[-1]
    page = fresh.get("/review").text
    shown = re.findall(r'<section class="pair" data-a="([^"]+)" data-b="([^"]+)"', page)
    assert shown[:5] == [(i.candidate.a.id, i.candidate.b_id) for i in items[:5]]
    pair = next(i.candidate for i in items if i.candidate.b is not None)
    token = csrf_of(fresh)
    for action, verdict in (("not_same", "not_same"), ("unsure", "unsure")):
        r = fresh.post(
            "/review",
            data={"csrf": token, "action": action, "a": pair.a.id, "b": pair.b_id, "why": "t"},
            follow_redirects=False,
        )
        assert r.status_code == 303
        last = store.judgements()[-1]
        assert (last.a, last.b, last.verdict, last.who) == (pair.a.id, pair.b_id, verdict, "tester")
    count = len(store.judgements())
    fresh.post("/review", data={"csrf": token, "action": "undo"})
    assert len(store.judgements()) == count - 1
    r = fresh.post("/review", data={"csrf": token, "action": "same", "a": pair.a.id, "b": "nobody"})
    assert r.status_code == 404
    assert fresh.post("/review", data={"csrf": token, "action": "explode"}).status_code == 400


def test_review_queue_is_computed_in_the_background(tmp_path) -> None:
    """The first visit answers at once while the queue is made; the page reloads itself."""
    for client in make_client(tmp_path, background_wait=0.0):
        _settle(client)  # the start-up warm-up made it: forget it, as on a store it has not
        client.app.state.web.drop_cache()  # type: ignore[attr-defined]
        first = client.get("/review")
        assert first.status_code == 200 and 'id="computing"' in first.text
        assert '<meta http-equiv="refresh"' in first.text and 'class="pair"' not in first.text
        state = client.app.state.web  # type: ignore[attr-defined]
        deadline = time.monotonic() + 120
        while not state.fresh() and time.monotonic() < deadline:
            time.sleep(0.05)
        ready = client.get("/review")
        assert 'class="pair"' in ready.text and 'id="computing"' not in ready.text


def test_review_same_merges_and_edit(fresh) -> None:
    from actorgraph.web.review import queue

    store = store_of(fresh)
    c = next(i.candidate for i in queue(store) if i.candidate.b is not None)
    token = csrf_of(fresh)
    fresh.post("/review", data={"csrf": token, "action": "same", "a": c.a.id, "b": c.b_id})
    assert store.merged_into().get(c.b_id) == c.a.id
    r = fresh.get(f"/actor/{c.b_id}")
    assert r.status_code == 200 and f'href="/actor/{c.a.id}"' in r.text
    r = fresh.post(
        "/review",
        data={"csrf": token, "action": "edit", "actor": c.a.id, "title": "Envoy", "why": "t"},
    )
    assert r.status_code == 200 and store.actor(c.a.id).title == "Envoy"
    last = store.judgements()[-1]
    assert (last.a, last.verdict, last.who, last.why) == (c.a.id, "edit", "tester", "t")
    bad = {"csrf": token, "action": "edit", "actor": c.a.id, "type": "ALIEN"}
    assert fresh.post("/review", data=bad).status_code == 400
    assert fresh.post("/review", data={**bad, "type": "", "country": "Atlantis"}).status_code == 400
    assert fresh.post("/review", data={**bad, "actor": "person:nobody"}).status_code == 404
    fresh.post("/review", data={"csrf": token, "action": "drop", "actor": c.a.id, "why": "noise"})
    assert c.a.id in store.dropped() and store.judgements()[-1].verdict == "drop"
    fresh.post("/review", data={"csrf": token, "action": "undo"})
    assert c.a.id not in store.dropped()


def test_watchlist_add_remove_and_bad_input(fresh) -> None:
    token = csrf_of(fresh)
    fresh.post("/watchlist", data={"csrf": token, "kind": "actors", "value": "person:battsetseg"})
    fresh.post("/watchlist", data={"csrf": token, "kind": "keywords", "value": "fuel"})
    page = fresh.get("/watchlist").text
    assert 'href="/actor/person:battsetseg">Battsetseg<' in page and "fuel" in page
    fresh.post(
        "/watchlist", data={"csrf": token, "kind": "keywords", "value": "fuel", "op": "remove"}
    )
    assert "fuel" not in fresh.get("/watchlist").text.split("<h2>Keywords</h2>")[1].split("<h2>")[0]
    for data in (
        {"kind": "planets", "value": "x"},
        {"kind": "countries", "value": "Mongolia"},
        {"kind": "exercises", "value": "person:battsetseg"},
    ):
        assert fresh.post("/watchlist", data={"csrf": token, **data}).status_code == 400
    r = fresh.post("/watchlist", data={"csrf": token, "kind": "actors", "value": "person:x"})
    assert r.status_code == 404


def test_ingest_in_the_server_makes_alerts(tmp_path) -> None:
    from actorgraph.sample.corpus import ARTICLES_DIR

    store_path = tmp_path / "fresh.lbug"
    sources = [str(Path(ARTICLES_DIR))]
    for client in make_client(tmp_path, store_path, sources=sources):
        token = csrf_of(client)
        assert client.post("/ingest", data={}).status_code == 403
        client.post("/watchlist", data={"csrf": token, "kind": "countries", "value": "MNG"})
        r = client.post("/ingest", data={"csrf": token}, follow_redirects=False)
        assert r.status_code == 303
        ingester = client.app.state.ingester
        assert client.get("/healthz").status_code == 200  # readable while it runs
        deadline = time.monotonic() + 120
        while ingester.status["running"] and time.monotonic() < deadline:
            assert client.get("/healthz").status_code == 200
            time.sleep(0.5)
        status = client.get("/ingest.json").json()
        assert not status["running"] and status["summary"].startswith("articles: 34 new"), status
        feed = ET.fromstring(client.get("/alerts.atom").content)
        entries = feed.findall("{http://www.w3.org/2005/Atom}entry")
        assert entries
        titles = [e.findtext("{http://www.w3.org/2005/Atom}summary") or "" for e in entries]
        assert any("first contact" in t for t in titles)
        assert "first contact" in client.get("/").text


def test_ingest_without_sources_is_refused(fresh) -> None:
    r = fresh.post("/ingest", data={"csrf": csrf_of(fresh)})
    assert r.status_code == 400 and "--watch" in r.text


# token and hostile text -------------------------------------------------------------------------
def test_token_required_on_every_request(tmp_path) -> None:
    for client in make_client(tmp_path, token="s3cret"):
        assert client.get("/healthz").status_code == 401
        assert client.get("/static/app.css").status_code == 401
        assert client.post("/review", data={"action": "undo"}).status_code == 401
        assert client.get("/healthz", headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert client.get("/healthz", headers={"Authorization": "Bearer nope"}).status_code == 401
        r = client.get("/search?q=x&token=s3cret", follow_redirects=False)
        assert r.status_code == 303 and "token" not in r.headers["location"]
        assert client.get("/healthz").status_code == 200  # the cookie now


def test_serve_refuses_an_open_bind_without_token(capsys) -> None:
    from actorgraph.cli.main import main

    assert main(["serve", "--host", "0.0.0.0"]) == 1
    assert "needs --token" in capsys.readouterr().err


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_hostile_text_is_escaped(tmp_path) -> None:
    from actorgraph.graph import open_store

    store_path = tmp_path / "hostile.lbug"
    bad = Actor("person:bad", f"Evil {HOSTILE}", "PERSON", "MNG", HOSTILE, [HOSTILE])
    ok = Actor("person:ok", "Good Person", "PERSON", "RUS", None, [])
    text = f"Evil {HOSTILE} met Good Person in Ulaanbaatar on Monday.\n\nMore\u202etext."
    article = Article(
        "a1", "http://127.0.0.1/x", HOSTILE, text, HOSTILE, "2026-05-25T00:00:00Z", "h1", "test"
    )
    event = Event(
        "e1",
        "MEET",
        "actual",
        "2026-05-25",
        "text",
        HOSTILE,
        [Participant("person:bad", "actor"), Participant("person:ok", "recipient")],
        "a1",
        text.split("\n\n")[0],
        0,
        len(text.split("\n\n")[0]),
    )
    mentions = [ActorMention("person:bad", f"Evil {HOSTILE}", 0, 5 + len(HOSTILE))]
    with open_store(settings_for(store_path)) as store:
        store.write([ResolvedArticle(article, [bad, ok], mentions, [event])])
    for client in make_client(tmp_path, store_path):
        for url in (
            "/",
            "/actor/person:bad",
            "/event/e1",
            "/article/a1",
            "/search?q=evil",
            "/review",
            f"/week/{WEEK}",
            "/cypher?q=MATCH+(a:Actor)+RETURN+a.name",
        ):
            body = client.get(url).text
            assert "<script>alert" not in body and "<img src=x" not in body, url
            assert "\u202e" not in body, url
        assert "&lt;script&gt;" in client.get("/actor/person:bad").text
        assert "Evil" in client.get("/network.json?week=2026-W22").text


# views made in the background (issue 14) -------------------------------------------------------
def _settle(client: TestClient) -> None:
    state = client.app.state.web  # type: ignore[attr-defined]
    deadline = time.monotonic() + 120
    while not state.fresh() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert state.fresh()


def test_start_up_makes_the_home_report_and_default_graph(tmp_path) -> None:
    """At start the server makes the latest week's report and the explorer's default graph in
    the background: the first visitor gets them without waiting."""
    for client in make_client(tmp_path, background_wait=0.0):
        state = client.app.state.web  # type: ignore[attr-defined]
        _settle(client)  # nothing was asked yet
        assert state.holds(("home", "MNG")) and state.holds(("week", WEEK, "MNG"))
        from actorgraph.report import iso_week_bounds
        from actorgraph.web.pages import _weeks

        monday, next_monday = iso_week_bounds(_weeks(state)[-1])  # the explorer's default week
        assert state.holds(("net", str(monday), str(next_monday), "", (), (), ()))
        assert state.holds("review")  # the review queue too, at start
        r = client.get("/")
        assert f"Week {WEEK}" in r.text and 'id="preparing"' not in r.text
        assert 'http-equiv="refresh"' not in r.text
        assert client.get(f"/week/{WEEK}?focus=MNG&format=json").json()["week"] == WEEK


def test_pages_answer_while_the_report_is_prepared(tmp_path, monkeypatch) -> None:
    """Before the report is ready the home and week pages answer at once with a page that
    reloads itself (JSON: 503 and Retry-After); once made, the report."""
    import threading

    from actorgraph.web import pages

    gate = threading.Event()
    real = pages._week_view

    def slow(state, week, focus):  # noqa: ANN001, ANN202 - held until the test lets it go
        gate.wait(60)
        return real(state, week, focus)

    monkeypatch.setattr(pages, "_week_view", slow)
    for client in make_client(tmp_path, background_wait=0.0):
        home = client.get("/")
        assert home.status_code == 200 and 'id="preparing"' in home.text
        assert '<meta http-equiv="refresh"' in home.text and f"Week {WEEK}" not in home.text
        older = client.get("/week/2026-W21?focus=MNG")
        assert 'id="preparing"' in older.text and "Week 2026-W21" not in older.text
        r = client.get("/week/2026-W21?focus=MNG&format=json")
        assert r.status_code == 503 and r.headers["retry-after"] == "2"
        assert client.get("/healthz").status_code == 200
        gate.set()
        _settle(client)
        for url, week in (("/", WEEK), ("/week/2026-W21?focus=MNG", "2026-W21")):
            ready = client.get(url)
            assert f"Week {week}" in ready.text and 'id="preparing"' not in ready.text
            assert 'http-equiv="refresh"' not in ready.text


def test_after_a_write_the_previous_report_shows_while_made_again(tmp_path, monkeypatch) -> None:
    """A review decision starts the report again in the background; meanwhile the home page
    shows the previous one marked as being updated, then the new one."""
    import threading

    from actorgraph.web import pages

    for client in make_client(tmp_path, background_wait=0.0):
        _settle(client)
        assert "person:battsetseg" in client.get("/").text
        gate = threading.Event()
        real = pages._week_view
        monkeypatch.setattr(
            pages,
            "_week_view",
            lambda *a, g=gate, f=real: g.wait(60) and f(*a),  # type: ignore[func-returns-value]
        )
        data = {"csrf": csrf_of(client), "action": "drop", "actor": "person:battsetseg"}
        client.post("/review", data={**data, "why": "t"})
        stale = client.get("/")
        assert 'id="updating"' in stale.text and "person:battsetseg" in stale.text
        gate.set()
        _settle(client)
        after = client.get("/").text
        assert 'id="updating"' not in after
        assert "person:battsetseg" not in set(re.findall(r'href="/actor/([^"]+)"', after))


def test_ingest_alerts_read_only_the_new_events(tmp_path, monkeypatch) -> None:
    """The alerts of an in-server ingest read the run's new events by id and what their pairs
    did before from the pair contacts, never every event; they match the alerts computed from
    every earlier event."""
    from actorgraph.web import watch

    for client in make_client(tmp_path):
        state = client.app.state.web  # type: ignore[attr-defined]
        everything = state.store.events(statuses=("actual", "future"))
        newest = sorted(everything, key=lambda e: (e.date or "", e.id))[-6:]
        new_ids = {e.id for e in newest}
        known = {e.id for e in everything} - new_ids
        wl = {**watch.empty(), "countries": ["MNG"], "keywords": ["exercise"]}
        state.save_json("watchlist.json", wl)
        expected = watch.matches(newest, watch.met_in([e for e in everything if e.id in known]), wl)
        read: list[list[str]] = []
        real = state.raw_store.events_by_id

        def by_id(ids, read=read, real=real):  # noqa: ANN001, ANN202
            read.append(list(ids))
            return real(ids)

        def every(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            raise AssertionError("alerts read every event")

        monkeypatch.setattr(state.raw_store, "events", every)
        monkeypatch.setattr(state.raw_store, "events_by_id", by_id)
        client.app.state.ingester._alerts(known)  # type: ignore[attr-defined]
        assert read[0] == sorted(new_ids)  # the new events, then earlier ones of their pairs
        assert all(set(ids) <= known and len(ids) < len(known) for ids in read[1:])
        found = state.load_json("alerts.json", [])
        assert expected and {a["event"] for a in found} <= new_ids

        def strip(alerts):  # noqa: ANN001, ANN202
            return sorted((a["event"], tuple(a["reasons"])) for a in alerts)

        assert strip(found) == strip(expected)
