"""One 2 MB paragraph through the real pipeline: it finishes and invents nothing (slow)."""

from __future__ import annotations

import pytest
from nlp_helpers import article


@pytest.mark.slow
def test_two_megabyte_paragraph(extractor):
    sentence = "Herders moved their flocks to the winter pastures near the river. "
    text = (sentence * (2_000_000 // len(sentence) + 1))[:2_000_000]
    ex = extractor.extract(article(text))
    assert ex.events == []
    assert all(text[m.start : m.end] == m.text for m in ex.mentions)
