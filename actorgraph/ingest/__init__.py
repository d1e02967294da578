"""Stage 1, ingest: feeds, OPML lists, article pages and local files -> :class:`Article` records.

Entry point: :func:`collect`; de-duplication state: :class:`SeenIndex`.
"""

from actorgraph.ingest.collect import collect
from actorgraph.ingest.dedupe import SeenIndex
from actorgraph.ingest.results import Duplicate, FeedVisited, IngestFailure, IngestWarning

__all__ = [
    "Duplicate",
    "FeedVisited",
    "IngestFailure",
    "IngestWarning",
    "SeenIndex",
    "collect",
]
