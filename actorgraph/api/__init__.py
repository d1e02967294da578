"""A small read-only Python API for notebooks: ``actorgraph.open(path)`` returns a
:class:`~actorgraph.api.handle.StoreHandle` whose answers are pandas DataFrames where a table is the
natural answer. Works on either backend (a path, or ``NEO4J_URI`` in the environment)."""

from actorgraph.api.handle import ActorView, StoreHandle, default_store, open_handle

__all__ = ["ActorView", "StoreHandle", "default_store", "open_handle"]
