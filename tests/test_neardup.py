"""Near-duplicates: a wire story rerun with another headline, byline and trimmed paragraphs is
one origin; separate stories on the same meeting are not. Also through a real ingest."""

from __future__ import annotations

from actorgraph.ingest.neardup import Known, NearDupIndex

WIRE = [
    "ULAANBAATAR, May 27 (Montsame) Minister of Foreign Affairs Batmunkh Battsetseg received "
    "the Ambassador of the Russian Federation to Mongolia, Alexei Evsikov, on Wednesday.",
    "During the meeting, the sides exchanged views on the preparations for the intergovernmental "
    "commission on trade, economic, scientific and technical cooperation due in the autumn.",
    "The minister noted that the fuel supply agreement signed last year had ensured stable "
    "deliveries to the central region, and asked for the railway tariff talks to be concluded.",
    "Ambassador Evsikov said Moscow attaches great importance to the comprehensive strategic "
    "partnership and confirmed that the delegation led by the deputy prime minister will visit.",
    "The two sides also discussed cooperation in education, with 1,200 state scholarships "
    "offered to Mongolian students for the coming academic year, and in healthcare.",
]
RERUNS = [
    # another headline and byline, the last paragraph trimmed
    "Russian envoy meets Mongolian foreign minister\nBy staff reporter\n" + "\n".join(WIRE[:4]),
    # another byline, first paragraph rewritten lightly, a paragraph dropped in the middle
    "UB Post, 28 May.\n"
    + WIRE[0].replace("on Wednesday", "this week")
    + "\n"
    + "\n".join(WIRE[1:3] + WIRE[4:]),
]
DISTINCT = [
    # the same meeting, written by another outlet from its own notes
    "Mongolia's top diplomat Battsetseg and Russian ambassador Alexei Evsikov held talks in "
    "Ulaanbaatar on Wednesday. According to the ministry, they focused on the autumn session of "
    "the intergovernmental commission and on fuel deliveries. Evsikov told reporters that a "
    "high-level Russian delegation would come soon, and the talks lasted about an hour.",
    # the same people, another meeting
    "Minister Battsetseg met Ambassador Evsikov on 20 May to discuss the opening of a consulate "
    "in Erdenet and the visa-free regime for tourist groups, which both sides said had worked "
    "well since it entered into force; they agreed to meet again before the summer.",
]


def test_reruns_are_grouped_and_distinct_stories_are_not() -> None:
    index = NearDupIndex()
    original = index.origin_of("wire", "\n".join(WIRE))
    assert original == "wire"
    assert [index.origin_of(f"rerun-{i}", t) for i, t in enumerate(RERUNS)] == ["wire", "wire"]
    assert [index.origin_of(f"other-{i}", t) for i, t in enumerate(DISTINCT)] == [
        "other-0",
        "other-1",
    ]


def test_a_rerun_of_a_stored_copy_takes_its_origin() -> None:
    index = NearDupIndex([Known("copy", RERUNS[0], origin="wire")])
    assert index.origin_of("late", "\n".join(WIRE)) == "wire"
    assert index.origin_of("copy", "anything") == "wire"  # known ids keep their origin


def test_the_index_holds_a_window_of_the_latest_articles() -> None:
    """Past ``window`` articles the oldest leave the index: a rerun of one is its own origin,
    while a rerun of one still inside takes the original's (memory does not grow with a run)."""
    index = NearDupIndex(window=2)
    index.origin_of("wire", "\n".join(WIRE))
    index.origin_of("other-0", DISTINCT[0])
    index.origin_of("other-1", DISTINCT[1])  # "wire" leaves
    assert index.origin_of("rerun-0", RERUNS[0]) == "rerun-0"
    assert index.origin_of("again-1", DISTINCT[1]) == "other-1"
    assert len(index._shingles) == 2 and len(index._order) == 2


def test_short_texts_are_never_grouped() -> None:
    index = NearDupIndex()
    assert index.origin_of("a", "Battsetseg met Evsikov.") == "a"
    assert index.origin_of("b", "Battsetseg met Evsikov.") == "b"


def test_ingest_stores_the_origin_of_reruns(tmp_path, settings) -> None:
    """A real ingest of local files: the rerun's stored origin is the wire story's id."""
    from actorgraph.graph import open_store
    from actorgraph.graph.pipeline import ingest

    files = {"a-wire.txt": "\n\n".join(WIRE), "b-rerun.txt": RERUNS[0], "c-other.txt": DISTINCT[0]}
    for name, text in files.items():
        (tmp_path / name).write_text(f"Title {name}\n\n{text}\n", encoding="utf-8")
    with open_store(settings) as store:
        summary = ingest([str(tmp_path / n) for n in sorted(files)], store, settings)
        assert summary.new == 3, summary.failures
        rows = store.run("MATCH (s:Article) RETURN s.id AS id, s.url AS url, s.origin AS origin")
    by_name = {r["url"].rsplit("/", 1)[-1]: r for r in rows}
    wire = by_name["a-wire.txt"]["id"]
    assert by_name["b-rerun.txt"]["origin"] == wire
    assert by_name["c-other.txt"]["origin"] == by_name["c-other.txt"]["id"]


def _front(title: str, date: str, text: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\noutlet: test\n---\n{text}\n"


def test_a_rerun_ingested_later_takes_the_stored_origin(tmp_path, settings) -> None:
    """Two runs into one store: the second run's rerun is compared with the stored wire story
    (found through the date index: it reports the same meeting on the same day), a distinct
    story is not grouped with it."""
    from actorgraph.graph import open_store
    from actorgraph.graph.pipeline import ingest

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "wire.md").write_text(_front("Wire", "2026-05-27", "\n\n".join(WIRE)), "utf-8")
    (second / "rerun.md").write_text(_front("Rerun", "2026-05-28", RERUNS[0]), "utf-8")
    (second / "other.md").write_text(_front("Other", "2026-05-28", DISTINCT[0]), "utf-8")
    with open_store(settings) as store:
        assert ingest([str(first)], store, settings).new == 1
        summary = ingest([str(second)], store, settings)
        assert summary.new == 2, summary.failures
        rows = store.run("MATCH (s:Article) RETURN s.id AS id, s.url AS url, s.origin AS origin")
        dated = store.run(
            "MATCH (:Day)<-[:DATED]-(:Event)-[:REPORTED_IN]->(s:Article) RETURN s.url AS url"
        )
    by_name = {r["url"].rsplit("/", 1)[-1]: r for r in rows}
    assert any(str(r["url"]).endswith("wire.md") for r in dated), dated  # in the date index
    assert by_name["rerun.md"]["origin"] == by_name["wire.md"]["id"]
    assert by_name["other.md"]["origin"] == by_name["other.md"]["id"]


# fmt: off
VARIANTS = [
    "\n".join(WIRE), RERUNS[0], RERUNS[1], *DISTINCT,
    "\n".join(WIRE[:1]),  # a short trimmed copy: high containment, low Jaccard
    "\n".join(WIRE[2:]) + "\nMore follows from the ministry on the railway talks next week.",
    "\n".join(reversed(WIRE)),
    " ".join(WIRE).replace("minister", "official").replace("Ambassador", "Envoy"),
]
# fmt: on


def test_stored_candidates_give_the_origins_an_lsh_index_gives() -> None:
    """A stored candidate is a copy exactly when it would be one inside the index: compared
    lazily (containment first, then one LSH band), the origins are those of the LSH index."""
    for i, text in enumerate(VARIANTS):
        known = [Known(f"k{j}", t, origin=f"o{j}") for j, t in enumerate(VARIANTS) if j != i]
        held = NearDupIndex(known).origin_of("new", text)
        lazy = NearDupIndex().origin_of("new", text, stored=known)
        assert lazy == held, (i, lazy, held)
    grouped = {NearDupIndex().origin_of("n", t, [Known("w", VARIANTS[0])]) for t in VARIANTS[1:3]}
    assert grouped == {"w"}
    assert NearDupIndex().origin_of("n", DISTINCT[0], [Known("w", VARIANTS[0])]) == "n"


def test_a_lone_article_loads_no_minhash_library() -> None:
    """With nothing to compare a new article with (an empty window, no candidate that passes
    the containment), neither ``datasketch`` nor scipy is imported."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from actorgraph.ingest.neardup import Known, NearDupIndex\n"
        f"texts = {[VARIANTS[0], DISTINCT[0]]!r}\n"
        "i = NearDupIndex()\n"
        "assert i.origin_of('a', texts[0], [Known('b', texts[1])]) == 'a'\n"
        "print('datasketch' in sys.modules, 'scipy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


def test_stored_candidates_come_from_nearby_days_read_once() -> None:
    from actorgraph.ingest.neardup import StoredCandidates, near_days

    assert near_days("2026-05-27", 1) == ["2026-05-27", "2026-05-26", "2026-05-28"]
    assert near_days("2026-05") == [] and near_days(None) == [] and near_days("2026-02-30") == []
    on_disk = {"2026-05-27": {"s1", "new2"}, "2026-05-30": {"s2"}, "2026-06-05": {"s3"}}
    asked: list[list[str]] = []

    def on_days(days):
        return {d: on_disk[d] for d in days if d in on_disk}

    def texts(ids):
        asked.append(list(ids))
        return [(i, f"text of {i}", None) for i in ids]

    copies = StoredCandidates(on_days, texts, limit=10)
    got = copies.for_batch({"new1": ["2026-05-27"], "new2": ["2026-05-26", None]})
    assert [k.id for k in got["new1"]] == ["s1", "s2"]  # own day first; new2 is of the batch
    assert [k.id for k in got["new2"]] == ["s1"]  # 2026-05-30 is four days off
    assert got["new1"][0].text == "text of s1" and sorted(asked[0]) == ["s1", "s2"]
    again = copies.for_batch({"new3": ["2026-05-28"]})
    assert [k.id for k in again["new3"]] == ["new2", "s1", "s2"]  # new2 is stored by now
    assert asked[1:] == [["new2"]]  # the others are held: not read again
    small = StoredCandidates(on_days, texts, limit=1)
    assert [k.id for k in small.for_batch({"n": ["2026-05-29"]})["n"]] == ["s2"]  # nearest


def test_a_text_stored_under_another_name_is_already_seen(tmp_path, settings) -> None:
    """The same text (whitespace and case aside) in a later run, under another file name: its
    content hash is stored, so it counts as already seen and is not stored again (the store is
    asked per article until the run starts, then once per batch)."""
    from actorgraph.graph import open_store
    from actorgraph.graph.pipeline import ingest

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    text = "\n\n".join(WIRE)
    (first / "wire.txt").write_text(f"Wire\n\n{text}\n", "utf-8")
    (second / "copy.txt").write_text(f"Wire\n\n{text.upper()}\n", "utf-8")
    (second / "other.txt").write_text(f"Other\n\n{DISTINCT[1]}\n", "utf-8")
    asked: list[list[str]] = []
    with open_store(settings) as store:
        assert ingest([str(first)], store, settings).new == 1
        hashes = store.known_content_hashes

        def counted(wanted):
            asked.append(list(wanted))
            return hashes(wanted)

        store.known_content_hashes = counted  # type: ignore[method-assign]
        summary = ingest([str(second)], store, settings)
        assert (summary.new, summary.already_seen) == (1, 1), summary.line()
        assert store.counts()["Article"] == 2
    # one by one until the run starts (at its first new text), then per batch (none left here)
    assert sorted(map(len, asked)) == [1, 1]
