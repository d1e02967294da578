"""The project's own exceptions. Library errors are translated into these at each boundary."""

from __future__ import annotations


class ActorgraphError(Exception):
    """Base class: the CLI prints ``str(error)`` as one line and exits non-zero."""


class ConfigError(ActorgraphError):
    """A setting or command-line value is invalid."""


class SourceError(ActorgraphError):
    """A source (feed, page, file, OPML list) could not be read; names the source."""

    def __init__(self, source: str, reason: str):
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class ExtractionError(ActorgraphError):
    """The NLP pipeline could not be loaded or run."""


class StoreError(ActorgraphError):
    """The graph store failed (connection, schema, query, transaction)."""


class StoreInUseError(StoreError):
    """The embedded store is locked by another process."""


class QueryError(StoreError):
    """A Cypher query was rejected (syntax, unknown saved query, write without --write)."""


class ResolutionError(ActorgraphError):
    """An entity-resolution request names actors that do not exist, or is contradictory."""


class LLMError(ActorgraphError):
    """The optional LLM endpoint failed or returned output that does not validate."""
