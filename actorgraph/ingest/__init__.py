"""Stage 1, ingest: feeds, OPML lists, article pages and local files -> :class:`Article` records.

Entry point: :func:`collect`; de-duplication state: :class:`SeenIndex`.

Modules: ``collect`` (walks sources, the only place that decides what to yield), ``sniff`` (what
kind of source), ``fetch`` (HTTP with timeout, size cap, conditional GET), ``charset`` (bytes to
text), ``feeds`` (feedparser), ``opml``, ``pages`` (trafilatura main text + head metadata),
``files`` (local files, front matter), ``text`` (plain text and UTC dates), ``canonical``
(canonical URLs, content hashes), ``articles`` (Article records), ``dedupe``, ``results``.
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
