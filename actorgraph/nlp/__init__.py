"""nlp: spaCy extraction of actor mentions and events from article text."""

from actorgraph.nlp.extract import Extractor
from actorgraph.nlp.factory import make_extractor

__all__ = ["Extractor", "make_extractor"]
