"""Saved analyst queries (``*.cypher`` files in this package) and the runner for raw Cypher."""

from actorgraph.queries.library import (
    Param,
    SavedQuery,
    get_query,
    load_queries,
    run_query,
)

__all__ = ["Param", "SavedQuery", "get_query", "load_queries", "run_query"]
