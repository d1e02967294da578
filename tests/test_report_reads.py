"""The report's bounded reads (issue 12) answer what the full reads would: the baseline weeks'
event summaries against the full views, and the date-index walk of ``country_history`` against
one read of the whole history, on a real Ladybug store (and Neo4j when NEO4J_URI is set)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import report_relations_fixture as rf
from graph_fixture_data import BACKENDS, open_backend

from actorgraph.graph import cypher as stmts
from actorgraph.graph import cypher_store
from actorgraph.graph.base import GraphStore
from actorgraph.graph.cypher_store import CypherStore
from actorgraph.report.diff import counterpart_codes, reported_after


@pytest.fixture(scope="module", params=BACKENDS)
def store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[GraphStore]:
    s = open_backend(request.param, tmp_path_factory.mktemp("reads"))
    s.write(rf.DOCS)
    yield s
    s.close()


def test_event_summaries_count_as_the_full_views(store: GraphStore) -> None:
    full = [v for v in store.events(since="2026", until="2027") if v.participants]
    summaries = store.event_summaries("2026", "2027")
    assert [v.id for v in summaries] == [v.id for v in full] and len(full) > 5
    for whole, short in zip(full, summaries, strict=True):
        assert (short.type, short.status, short.date) == (whole.type, whole.status, whole.date)
        assert [(a.id, a.country, a.type, r) for a, r in short.participants] == [
            (a.id, a.country, a.type, r) for a, r in whole.participants
        ]
        published = [s.published for s in whole.sources if s.published]
        assert [s.published for s in short.sources] == [max(published)]
        assert not short.sources[0].sentence and not short.sources[0].url
        assert reported_after(short) == reported_after(whole)
        assert counterpart_codes(short, "MNG") == counterpart_codes(whole, "MNG")
    assert store.event_summaries("1999", "2000") == []


def _whole_history(store: CypherStore, codes: list[str], before: str) -> dict[str, str]:
    wanted = sorted(set(codes) - {"MNG"})
    return store._country_links(stmts.COUNTRY_HISTORY_ALL, "MNG", wanted, before, {})  # noqa: SLF001


@pytest.mark.parametrize("window", [1, 3, 91])
def test_country_history_walk_finds_the_last_contact(
    store: GraphStore, window: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert isinstance(store, CypherStore)
    monkeypatch.setattr(cypher_store, "COUNTRY_WINDOW_DAYS", window)
    days = [d for d in store.days() if len(d) == 10]
    found = 0
    for before in ("2026-05-25", "2026-05-18", "2026-03-01", days[1], days[0], "2030"):
        for codes in (["RUS"], ["CHN", "JPN"], ["KOR", "BRA"], ["RUS", "CHN", "JPN", "MNG"]):
            walked = store.country_history("MNG", codes, before)
            assert walked == _whole_history(store, codes, before), (before, codes)
            found += len(walked)
    assert found > 10  # the fixture has contacts to find
    every = ["RUS", "CHN", "JPN", "KOR", "BRA"]  # more than the walk takes: one whole read
    assert store.country_history("MNG", every, "2030") == _whole_history(store, every, "2030")
