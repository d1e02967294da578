"""What the running server holds: the one open store (every call under one lock, so an ingest
writing batch by batch leaves pages readable between batches), a cache of derived views dropped
on every write, and the files of the web data directory (watchlist, alerts, edit log)."""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from actorgraph.core.settings import Settings
from actorgraph.graph.base import GraphStore

WRITES = frozenset(
    {
        "write",
        "add_judgement",
        "add_judgements",
        "judge_merge",
        "remove_last_judgements",
        "clear",
        "save_feed_state",
    }
)


class LockedStore:
    """A store proxy: every method call holds the server's lock; writes drop the cache."""

    def __init__(self, store: GraphStore, lock: threading.RLock, on_write: Callable[[], None]):
        self._store, self._lock, self._on_write = store, lock, on_write

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if not callable(attr):
            return attr

        def call(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                try:
                    return attr(*args, **kwargs)
                finally:
                    if name in WRITES:
                        self._on_write()

        return call


@dataclass
class WebConfig:
    """Options of ``actorgraph serve``."""

    data_dir: Path
    focus: str = "MNG"
    token: str | None = None
    who: str = "web"
    sources: list[str] = field(default_factory=list)
    every_seconds: float = 0.0
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))


class AppState:
    """The server's store, cache and data files."""

    def __init__(self, store: GraphStore, settings: Settings, config: WebConfig):
        self.raw_store = store
        self.lock = threading.RLock()
        self.settings = settings
        self.config = config
        self._cache: dict[Any, tuple[int, Any]] = {}
        self._refreshing: set[Any] = set()
        self.generation = 0
        self.store = cast(GraphStore, LockedStore(store, self.lock, self.invalidate))
        config.data_dir.mkdir(parents=True, exist_ok=True)

    def invalidate(self) -> None:
        self.generation += 1

    def cached(self, key: Any, make: Callable[[], Any]) -> Any:
        """``make()`` once per key; after a write the old value is served while a background
        thread computes the new one (the week's report of a large store takes seconds)."""
        generation = self.generation
        held = self._cache.get(key)
        if held is None:
            value = make()
            self._cache[key] = (generation, value)
            return value
        if held[0] != generation and key not in self._refreshing:
            self._refreshing.add(key)
            threading.Thread(target=self._refresh, args=(key, make), daemon=True).start()
        return held[1]

    def _refresh(self, key: Any, make: Callable[[], Any]) -> None:
        generation = self.generation
        try:
            self._cache[key] = (generation, make())
        except Exception:  # noqa: BLE001 - the next request computes it and shows the error
            self._cache.pop(key, None)
        finally:
            self._refreshing.discard(key)

    def fresh(self) -> bool:
        """True when no cached view is older than the last write (for tests and benchmarks)."""
        return not self._refreshing and all(g == self.generation for g, _ in self._cache.values())

    def drop_cache(self) -> None:
        self._cache.clear()

    # data files ----------------------------------------------------------------------------------
    def path(self, name: str) -> Path:
        return self.config.data_dir / name

    def load_json(self, name: str, default: Any) -> Any:
        try:
            return json.loads(self.path(name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return default

    def save_json(self, name: str, data: Any) -> None:
        target = self.path(name)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        tmp.replace(target)
