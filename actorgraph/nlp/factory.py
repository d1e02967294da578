"""The extractor the settings ask for."""

from __future__ import annotations

from spacy.language import Language

from actorgraph.core.settings import Settings
from actorgraph.nlp.extract import Extractor


def make_extractor(settings: Settings, nlp: Language | None = None) -> Extractor:
    """The extractor the settings ask for: ``rules`` (default), ``llm`` or ``hybrid`` (``nlp``:
    an already loaded pipeline of ``settings.model``)."""
    if settings.extractor == "rules":
        return Extractor(settings, nlp)
    from actorgraph.nlp.llm_extractor import LLMExtractor

    rules = Extractor(settings, nlp) if settings.extractor == "hybrid" else None
    return LLMExtractor(settings, settings.extractor, rules)  # type: ignore[return-value]
