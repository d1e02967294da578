"""actorgraph: news feeds to a graph of actors and interactions, with weekly diff reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from actorgraph.core.version import __version__

if TYPE_CHECKING:
    from actorgraph.api.handle import StoreHandle

__all__ = ["__version__", "open"]


def open(path: str | None = None) -> StoreHandle:  # noqa: A001 - actorgraph.open() for notebooks
    """A read-only handle on a store for notebooks (see :mod:`actorgraph.api`)."""
    from actorgraph.api import open_handle

    return open_handle(path)
