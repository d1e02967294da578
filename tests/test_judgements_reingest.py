"""Judgements survive re-running ingest and apply to what later ingests bring (real spaCy
pipeline, real Ladybug store, local article files)."""

from __future__ import annotations

from pathlib import Path

from actorgraph.cli import main
from actorgraph.graph.ladybug_store import LadybugStore
from actorgraph.graph.pipeline import ingest

GANBOLD = "person:ganbold-dorj"
ENKHBAYAR = "person:enkhbayar-tuvshin"

FIRST = """---
title: Defence talks in Ulaanbaatar
date: 2026-05-05
url: https://news.example/f1
---
Mongolian Defence Minister Ganbold Dorj met Russian Ambassador Alexei Evsikov in Ulaanbaatar on
Monday. Deputy Minister Enkhbayar Tuvshin also met Chinese Defence Minister Dong Jun in Beijing on
Tuesday.
"""

SECOND = """---
title: Exercise planning
date: 2026-05-12
url: https://news.example/f2
---
Deputy Minister Enkhbayar Tuvshin met US Army Pacific commander General Ronald Clark in
Ulaanbaatar on Monday.
"""


def _mention_holders(store: LadybugStore, name: str) -> set[tuple[str, str, str]]:
    rows = store.run(
        "MATCH (a:Actor)-[m:MENTIONED_IN]->(s:Article) WHERE m.name = $name "
        "RETURN a.id AS actor, m.orig AS orig, s.url AS url",
        {"name": name},
    )
    return {(r["url"], r["actor"], r["orig"]) for r in rows}


def test_reingest_keeps_judgements_and_routes_new_mentions(
    tmp_path: Path, settings, extractor, capsys
) -> None:
    first, second = tmp_path / "f1.md", tmp_path / "f2.md"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    store_args = ["--store", str(settings.store_path)]
    with LadybugStore(settings.store_path) as store:
        ingest([str(first)], store, settings, extractor=extractor)
        assert {GANBOLD, ENKHBAYAR} <= {a.id for a in store.actors()}

    # a (deliberately wrong) merge, with a reason
    assert main([*store_args, "actors", "merge", GANBOLD, ENKHBAYAR, "--why", "test"]) == 0
    capsys.readouterr()

    with LadybugStore(settings.store_path) as store:
        judged = store.judgements()
        again = ingest([str(first)], store, settings, extractor=extractor)  # re-run: seen
        assert again.new == 0 and again.already_seen == 1
        later = ingest([str(second)], store, settings, extractor=extractor)
        assert later.new == 1
        assert store.judgements() == judged  # never lost by re-running
        assert store.merged_into() == {ENKHBAYAR: GANBOLD}
        assert ENKHBAYAR not in {a.id for a in store.actors()}
        holders = _mention_holders(store, "Enkhbayar Tuvshin")
        assert ("https://news.example/f2", GANBOLD, ENKHBAYAR) in holders
        clark_events = [
            e for e in store.events() if "Clark" in " ".join(a.name for a, _ in e.participants)
        ]
        assert clark_events and GANBOLD in {a.id for a, _ in clark_events[0].participants}

    # split: every Enkhbayar Tuvshin mention, old and new, goes back to him
    assert main([*store_args, "actors", "split", ENKHBAYAR]) == 0
    with LadybugStore(settings.store_path) as store:
        holders = _mention_holders(store, "Enkhbayar Tuvshin")
        assert holders and all(actor == ENKHBAYAR for _, actor, _ in holders)
        assert len(store.judgements()) == 2
