"""The graph store: one interface (:class:`GraphStore`), two backends (embedded Ladybug, Neo4j).

Callers use :func:`open_store`; only this package knows which engine runs.
"""

from __future__ import annotations

from actorgraph.core.errors import StoreError
from actorgraph.core.records import ArticleMeta, FeedState
from actorgraph.core.settings import Settings
from actorgraph.graph.base import NODE_LABELS, REL_TYPES, GraphStore

__all__ = ["NODE_LABELS", "REL_TYPES", "ArticleMeta", "FeedState", "GraphStore", "open_store"]


def open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    """Neo4j when ``settings.neo4j_uri`` is set, else the embedded store at ``settings.store_path``.

    Raises StoreInUseError when the embedded store is locked by another process for longer than
    ``settings.lock_wait_seconds``, StoreError for any other failure to open.
    """
    if settings.neo4j_uri:
        from actorgraph.graph.neo4j_store import Neo4jStore

        return Neo4jStore(
            settings.neo4j_uri,
            user=settings.neo4j_user,
            password=settings.neo4j_password,
            database=settings.neo4j_database,
            read_only=read_only,
            query_timeout=settings.query_timeout,
        )
    from actorgraph.graph.ladybug_store import LadybugStore

    if read_only and not settings.store_path.exists():
        raise StoreError(
            f"no store at {settings.store_path}: run `actorgraph ingest SOURCE...` or "
            "`actorgraph demo` first, or pass --store PATH"
        )
    return LadybugStore(
        settings.store_path,
        read_only=read_only,
        wait_seconds=settings.lock_wait_seconds,
        query_timeout=settings.query_timeout,
        wal_bytes=int(settings.wal_mb * 1_000_000),
    )
