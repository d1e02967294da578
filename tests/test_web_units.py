"""The web app's small parts: the cache served while recomputed, durations, loopback checks,
label spreading, watchlist matching."""

from __future__ import annotations

import time
from dataclasses import replace

import pytest

from actorgraph.core.errors import ConfigError
from actorgraph.core.records import Actor, EventView, SourceRef
from actorgraph.core.settings import Settings
from actorgraph.web import network, watch
from actorgraph.web.ingest import parse_every
from actorgraph.web.security import is_loopback, require_token_for
from actorgraph.web.state import AppState, WebConfig


class _Store:
    engine = "fake"


def test_cache_is_per_store_generation(tmp_path) -> None:
    state = AppState(_Store(), replace(Settings()), WebConfig(data_dir=tmp_path))  # type: ignore[arg-type]
    calls = []

    def make() -> int:
        calls.append(1)
        return len(calls)

    assert state.cached("k", make) == 1
    assert state.cached("k", make) == 1 and len(calls) == 1
    state.invalidate()  # a write: the view is made again before it is served
    assert state.cached("k", make) == 2 and len(calls) == 2
    assert state.cached("k", make) == 2 and len(calls) == 2


def test_cache_may_serve_the_old_value_while_recomputing(tmp_path) -> None:
    state = AppState(_Store(), replace(Settings()), WebConfig(data_dir=tmp_path))  # type: ignore[arg-type]
    calls = []

    def make() -> int:
        calls.append(1)
        return len(calls)

    assert state.cached("k", make, stale=True) == 1
    state.invalidate()
    assert state.cached("k", make, stale=True) == 1  # stale, a refresh started
    deadline = time.monotonic() + 5
    while not state.fresh() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert state.cached("k", make, stale=True) == 2 and len(calls) == 2


def test_cache_keeps_the_recently_used_views(tmp_path) -> None:
    from actorgraph.web.state import CACHE_SIZE

    state = AppState(_Store(), replace(Settings()), WebConfig(data_dir=tmp_path))  # type: ignore[arg-type]
    made: list[int] = []
    for i in range(CACHE_SIZE + 5):
        state.cached(i, lambda i=i: made.append(i) or i)
        state.cached(0, lambda: made.append(-1) or 0)  # used again each time: kept
    assert -1 not in made
    state.cached(1, lambda: made.append(-2) or 1)  # the oldest unused ones were let go
    assert -2 in made and len(made) == CACHE_SIZE + 6


def test_durations_and_binds() -> None:
    assert parse_every("30m") == 1800 and parse_every("2h") == 7200 and parse_every("90s") == 90
    assert parse_every("5") == 300
    for bad in ("soon", "0m", "-3h", "1w"):
        with pytest.raises(ConfigError):
            parse_every(bad)
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4")
    require_token_for("127.0.0.1", None)
    require_token_for("0.0.0.0", "t")
    with pytest.raises(ConfigError, match="--token"):
        require_token_for("0.0.0.0", None)


def test_spread_labels_separates_a_pile() -> None:
    nodes = [
        {"id": str(i), "label": f"Actor number {i}", "size": 12.0, "x": 0.0, "y": float(i % 2)}
        for i in range(30)
    ]
    network.spread_labels(nodes)
    boxes = [network.label_box(n) for n in nodes]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not network.overlaps(a, b, 0)


def _actor(i: str, kind: str = "PERSON", country: str | None = "MNG") -> Actor:
    return Actor(i, i.title(), kind, country)


def _event(eid: str, parts: list[Actor], sentence: str = "They met.") -> EventView:
    source = SourceRef("http://127.0.0.1/a", "t", "o", "2026-05-25", sentence, 0, 9, "art")
    return EventView(
        eid, "MEET", "actual", "2026-05-25", None, [(a, "participant") for a in parts], [source]
    )


def test_watch_matches() -> None:
    a, b, c = _actor("a"), _actor("b", country="RUS"), _actor("c", country="CHN")
    ex = _actor("x", "EXERCISE", None)
    before = [_event("e0", [a, b]), _event("e1", [ex, a])]
    new = [
        _event("e2", [a, b]),  # not a first contact
        _event("e3", [a, c], "Talks on fuel."),  # first contact, keyword
        _event("e4", [ex, a, c]),  # c new to the exercise
    ]
    wl = {"actors": [], "countries": ["MNG"], "exercises": ["x"], "keywords": ["fuel"]}
    found = {f["event"]: f["reasons"] for f in watch.matches(new, watch.met_in(before), wl)}
    assert "e2" not in found
    assert "first contact A - C" in found["e3"] and "keyword 'fuel'" in found["e3"]
    assert "new participant of X: C" in found["e4"]
    assert not any("new participant of X: A" in r for r in found["e4"])
    assert watch.matches(new, watch.met_in(before), watch.empty()) == []
    assert watch.clean({"actors": ["a", 3, ""], "bogus": ["x"]}) == {
        **watch.empty(),
        "actors": ["a"],
    }


def test_a_view_made_in_the_background_fails_visibly(tmp_path) -> None:
    config = WebConfig(data_dir=tmp_path, background_wait=5.0)
    state = AppState(_Store(), replace(Settings()), config)  # type: ignore[arg-type]
    calls = []

    def broken() -> int:
        calls.append(1)
        raise ValueError("no queue")

    assert state.in_background("q", broken) is None  # failed in its thread
    with pytest.raises(ValueError, match="no queue"):  # the next visit sees the error
        state.in_background("q", broken)
    assert len(calls) == 2
    assert state.in_background("ok", lambda: 7) == 7  # ready within the wait


def test_prepared_views_and_pinned_ones(tmp_path) -> None:
    """``prepared``: None before the first view is made, then the view; after a write the
    previous one (not current) while it is made again; a pinned view is never pushed out."""
    import threading

    from actorgraph.web import state as web_state

    config = WebConfig(data_dir=tmp_path, background_wait=0.0)
    state = AppState(_Store(), replace(Settings()), config)  # type: ignore[arg-type]
    gate, made = threading.Event(), []

    def make() -> int:
        gate.wait(30)
        made.append(1)
        return len(made)

    assert state.prepared("w", make) == (None, False)
    state.prepare("w", make, pin=True)  # the same thread: one make at a time
    gate.set()
    state.config.background_wait = 30.0
    assert state.prepared("w", make) == (1, True) and made == [1]
    state.invalidate()
    gate.clear()
    state.config.background_wait = 0.0
    assert state.prepared("w", make) == (1, False)  # the previous view, made again
    gate.set()
    state.config.background_wait = 30.0
    assert state.prepared("w", make) == (2, True)
    for i in range(web_state.CACHE_SIZE + 5):
        state.cached(("other", i), lambda: 0)
    assert state.holds("w") and not state.holds(("other", 0))
