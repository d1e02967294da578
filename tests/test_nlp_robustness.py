"""Bad input: empty text, long paragraphs, other scripts, tables, repetition; the public API."""

from __future__ import annotations

from nlp_helpers import article, pairs

from actorgraph.core.records import Extraction
from actorgraph.nlp.chunks import CHUNK_CHARS, split_text


def test_empty_and_blank_text(extractor):
    for text in ("", "   \n\n  "):
        ex = extractor.extract(article(text))
        assert isinstance(ex, Extraction)
        assert ex.mentions == [] and ex.events == []


def test_no_publication_date(extractor):
    ex = extractor.extract(
        article("Mongolia and Kazakhstan signed a rail agreement.", published=None)
    )
    assert ex.events and ex.events[0].date is None and ex.events[0].date_basis == "published"


def test_chunks_cover_a_2mb_paragraph_exactly():
    sentence = "Herders moved their flocks to the winter pastures near the river. "
    text = (sentence * (2_000_000 // len(sentence) + 1))[:2_000_000]
    chunks = split_text(text)
    assert "".join(c for _, c in chunks) == text
    assert all(len(c) <= CHUNK_CHARS for _, c in chunks)
    assert all(text[o : o + len(c)] == c for o, c in chunks)
    unbroken = "x" * 50_000  # no boundary at all: cut hard, still complete
    assert "".join(c for _, c in split_text(unbroken)) == unbroken


def test_long_paragraph_is_chunked_with_true_offsets(extractor):
    filler = "Herders moved their flocks to the winter pastures near the river. " * 900
    text = filler + "Mongolia and Japan signed a grant agreement on Monday. " + filler
    assert len(text) > 3 * CHUNK_CHARS
    ex = extractor.extract(article(text))
    assert pairs(ex) == {frozenset({"Mongolia", "Japan"})}
    for m in ex.mentions:
        assert text[m.start : m.end] == m.text
    ev = ex.events[0]
    assert text[ev.start : ev.end] == ev.sentence


def test_cyrillic_and_mixed_scripts(extractor):
    text = (
        "Монгол Улсын Их Хурал хуралдав. Москва и Улан-Батор обсудили сотрудничество.\n\n"
        "Mongolia's parliament (Улсын Их Хурал) met on Tuesday; 蒙古国 和 中国 签署 协议."
    )
    ex = extractor.extract(article(text))
    for m in ex.mentions:
        assert text[m.start : m.end] == m.text
    assert all(e.status != "actual" or len(e.participants) >= 2 for e in ex.events)
    assert pairs(ex) == set()


def test_tables_of_numbers_make_no_events(extractor):
    rows = "\n".join(f"{2000 + i} | {i * 17} | {i * 3.5:.1f} | {i % 7}" for i in range(400))
    ex = extractor.extract(article("Year | Troops | Budget | Units\n" + rows))
    assert ex.events == []


def test_repeated_sentences_invent_nothing(extractor):
    text = "China and Mongolia signed a customs agreement. " * 60
    ex = extractor.extract(article(text))
    assert pairs(ex) == {frozenset({"China", "Mongolia"})}
    assert {e.type for e in ex.events} == {"AGREE"}


def test_extract_many_keeps_order_and_matches_extract(extractor):
    texts = [
        "Japan donated ambulances to Mongolia.",
        "",
        "Russia and China held talks.",
        "Turkey hosted EFES-2026 with Mongolia and Pakistan.",
    ]
    arts = [article(t, aid=f"a{i}") for i, t in enumerate(texts)]
    many = list(extractor.extract_many(arts, batch_size=2))
    assert [e.article.id for e in many] == ["a0", "a1", "a2", "a3"]
    for one, art in zip(many, arts, strict=True):
        single = extractor.extract(art)
        assert [(m.name, m.start) for m in one.mentions] == [
            (m.name, m.start) for m in single.mentions
        ]
        assert [(e.type, e.participants) for e in one.events] == [
            (e.type, e.participants) for e in single.events
        ]
