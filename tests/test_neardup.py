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
