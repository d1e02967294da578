"""nlp: spaCy extraction of actor mentions and events from article text."""

from actorgraph.nlp.extract import Extractor

__all__ = ["Extractor"]
