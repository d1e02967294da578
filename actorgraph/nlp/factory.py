"""The extractor the settings ask for."""

from __future__ import annotations

from actorgraph.core.settings import Settings
from actorgraph.nlp.extract import Extractor


def make_extractor(settings: Settings) -> Extractor:
    """The extractor the settings ask for: ``rules`` (default), ``llm`` or ``hybrid``."""
    if settings.extractor == "rules":
        return Extractor(settings)
    from actorgraph.nlp.llm_extractor import LLMExtractor

    rules = Extractor(settings) if settings.extractor == "hybrid" else None
    return LLMExtractor(settings, settings.extractor, rules)  # type: ignore[return-value]
