"""Band keys (schema 3): an article's LSH band keys are stored with it, so a later run reads the
texts of only the stored candidates that share a band with its articles, and finds the same
origins as by comparing every candidate's text. Also the content-hash index behind "already
seen", and ``store migrate`` of a version-2 store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import ladybug
import pytest
from test_neardup import DISTINCT, VARIANTS

from actorgraph.cli.main import main
from actorgraph.core.errors import StoreError
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.ingest.neardup import (
    NearDupIndex,
    StoredCandidates,
    _bands,
    _minhash,
    shingle_hashes,
    sign_text,
)

DAY = "2026-05-27"


def _share_a_band(a: str, b: str) -> bool:
    """The test the LSH index makes: one band of the two MinHashes is equal."""
    x, y = _minhash(shingle_hashes(a)).hashvalues, _minhash(shingle_hashes(b)).hashvalues
    return any((x[s:e] == y[s:e]).all() for s, e in _bands())


def test_band_keys_are_shared_exactly_when_a_band_is() -> None:
    texts = [*VARIANTS, *DISTINCT]
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            keys_a, keys_b = sign_text(a), sign_text(b)
            assert keys_a is not None and keys_b is not None
            assert len(keys_a) == len(_bands())
            assert (not set(keys_a).isdisjoint(keys_b)) == _share_a_band(a, b), (a[:40], b[:40])
    assert sign_text("Too short to group.") is None
    assert sign_text(VARIANTS[0]) == sign_text(VARIANTS[0])  # the same in every run


class FakeStore:
    """The three reads StoredCandidates makes, over articles all dated ``DAY``; records the ids
    whose texts are read."""

    def __init__(self, texts: dict[str, str], keyed: bool | set[str]) -> None:
        self.texts = texts
        self.keyed = keyed
        self.read: list[str] = []

    def on_days(self, days):
        return {DAY: list(self.texts)} if DAY in days else {}

    def article_texts(self, ids):
        self.read += ids
        return [(i, self.texts[i], None) for i in ids]

    def article_bands(self, ids):
        keyed = self.keyed if isinstance(self.keyed, set) else set(self.texts if self.keyed else ())
        return [(i, sign_text(self.texts[i]) if i in keyed else None) for i in ids]


def _origin(store: FakeStore, text: str, signed: bool) -> str:
    copies = StoredCandidates(store.on_days, store.article_texts, bands=store.article_bands)
    index = NearDupIndex()
    signatures = {"new": index.signature("new", text)} if signed else None
    stored = copies.for_batch({"new": [DAY]}, signatures)
    return index.origin_of("new", text, stored.get("new", ()))


def test_signed_candidates_give_the_origins_the_texts_give() -> None:
    """For every variant against the others stored: the origin found through the stored band
    keys (texts read only where a band is shared) is the one found by reading every text."""
    for i, text in enumerate(VARIANTS):
        others = {f"k{j}": t for j, t in enumerate(VARIANTS) if j != i}
        by_text = FakeStore(others, keyed=False)
        by_bands = FakeStore(others, keyed=True)
        assert _origin(by_bands, text, signed=True) == _origin(by_text, text, signed=False), i
        assert sorted(by_text.read) == sorted(others)  # every candidate read as text ...
        sharing = {k for k, t in others.items() if _share_a_band(text, t)}
        assert set(by_bands.read) == sharing  # ... against only those sharing a band
    grouped = FakeStore({"wire": VARIANTS[0], "other": DISTINCT[1]}, keyed=True)
    assert _origin(grouped, VARIANTS[1], signed=True) == "wire"
    assert grouped.read == ["wire"]


def test_candidates_stored_without_keys_are_still_read_as_text() -> None:
    """An article stored before keys were kept (or too short to have any) is compared by text:
    a rerun of it is found however the others are stored."""
    store = FakeStore({"old": VARIANTS[0], "other": DISTINCT[1]}, keyed={"other"})
    assert _origin(store, VARIANTS[2], signed=True) == "old"
    assert store.read == ["old"]  # "other" has keys and shares no band: not read
    unsigned = FakeStore({"old": VARIANTS[0], "other": DISTINCT[1]}, keyed=True)
    assert _origin(unsigned, VARIANTS[2], signed=False) == "old"  # no signature: by text
    assert sorted(unsigned.read) == ["old", "other"]


def _ingest_two(tmp_path: Path, settings: Settings) -> None:
    from actorgraph.graph.pipeline import ingest

    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "wire.txt").write_text(f"Wire\n\n{VARIANTS[0]}\n", "utf-8")
    (folder / "other.txt").write_text(f"Other\n\n{DISTINCT[1]}\n", "utf-8")
    with open_store(settings) as store:
        assert ingest([str(folder)], store, settings).new == 2


def test_ingest_stores_band_keys_and_the_content_hash_index(tmp_path, settings) -> None:
    """A run of several articles stores each one's keys; a text re-written under the same
    article id leaves its old hash stale, which no longer counts as seen."""
    _ingest_two(tmp_path, settings)
    with open_store(settings) as store:
        rows = store.run("MATCH (s:Article) RETURN s.id AS id, s.content_hash AS h, s.text AS t")
        assert len(rows) == 2
        bands = dict(store.article_bands([r["id"] for r in rows]))
        assert all(bands[r["id"]] and bands[r["id"]] == sign_text(r["t"]) for r in rows)
        hashes = [r["h"] for r in rows]
        assert store.known_content_hashes([*hashes, "no-such-hash"]) == set(hashes)
        assert store.run("MATCH (x:Hash) RETURN count(x) AS n")[0]["n"] == 2
        # the first article re-written with another text: its old hash is stale
        from graph_fixture_data import DOCS

        doc = DOCS[0]
        stale = rows[0]
        art = replace(doc.article, id=stale["id"], content_hash="f" * 40, text="Rewritten.")
        store.write([replace(doc, article=art, events=[], mentions=[])])
        assert store.known_content_hashes(hashes) == {rows[1]["h"]}
        assert store.known_content_hashes(["f" * 40]) == {"f" * 40}


def test_store_migrate_fills_the_keys_of_a_version_2_store(tmp_path, settings, capsys) -> None:
    """A version-2 store (no content-hash index, no band keys) is refused until migrated; after
    ``store migrate`` its texts count as seen and its articles have their keys."""
    _ingest_two(tmp_path, settings)
    path = settings.store_path
    db = ladybug.Database(str(path))
    conn = ladybug.Connection(db)
    conn.execute("MATCH (x:Hash) DELETE x")
    conn.execute("MATCH (s:Article) SET s.bands = NULL")
    conn.execute("MATCH (m:Meta) SET m.value = '2'")
    conn.close()
    db.close()
    with pytest.raises(StoreError, match="schema version 2"):
        open_store(replace(settings, store_path=path))
    capsys.readouterr()
    assert main(["--store", str(path), "store", "migrate", "--backup", str(tmp_path / "b")]) == 0
    out, err = capsys.readouterr()
    assert "migrated from schema version 2 to 3" in out
    assert "indexed the content hashes of 2 stored texts" in err
    assert "band keys stored for 2 articles" in err
    with open_store(settings, read_only=True) as store:
        rows = store.run("MATCH (s:Article) RETURN s.id AS id, s.content_hash AS h, s.text AS t")
        assert store.known_content_hashes([r["h"] for r in rows]) == {r["h"] for r in rows}
        bands = dict(store.article_bands([r["id"] for r in rows]))
        assert all(bands[r["id"]] == sign_text(r["t"]) for r in rows)
