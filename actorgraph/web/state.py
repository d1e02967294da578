"""What the running server holds: the one open store (every call under one lock, so an ingest
writing batch by batch leaves pages readable between batches), a cache of derived views per
store generation (every write starts a new one), and the files of the web data directory
(watchlist, alerts, edit log)."""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from actorgraph.core.settings import Settings
from actorgraph.graph.base import GraphStore

CACHE_SIZE = 64  # views kept (weeks, focus countries, network filters), least recently used out
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
    # how long a page waits for a view made in the background (the review queue compares every
    # actor's names: seconds on a large store) before it answers "still computing"
    background_wait: float = 0.1
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(24))


class AppState:
    """The server's store, cache and data files."""

    def __init__(self, store: GraphStore, settings: Settings, config: WebConfig):
        self.raw_store = store
        self.lock = threading.RLock()
        self.settings = settings
        self.config = config
        self._cache: OrderedDict[Any, tuple[int, Any]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self._refreshing: set[Any] = set()
        self._making: dict[Any, threading.Thread] = {}
        self._failed: set[Any] = set()
        self.generation = 0
        self.store = cast(GraphStore, LockedStore(store, self.lock, self.invalidate))
        # views made ahead of the first visitor (the latest week's report): set by the app, run
        # at start and after each in-server ingest or review decision
        self.warm: Callable[[], None] = lambda: None
        self.pinned: set[Any] = set()  # views never pushed out of the cache (made by warm)
        config.data_dir.mkdir(parents=True, exist_ok=True)

    def invalidate(self) -> None:
        """A write happened: every cached view is of an older store generation now."""
        self.generation += 1

    def cached(self, key: Any, make: Callable[[], Any], *, stale: bool = False) -> Any:
        """``make()`` once per key and store generation: a view made before the last write is
        made again, so a page after an ingest or a review decision shows it. With ``stale``
        (views filtered again on every read, such as the review queue), the old value is
        served while a background thread makes the new one."""
        generation = self.generation
        with self._cache_lock:
            held = self._cache.get(key)
            if held is not None and (held[0] == generation or stale):
                self._cache.move_to_end(key)
                if held[0] != generation and key not in self._refreshing:
                    self._refreshing.add(key)
                    threading.Thread(target=self._refresh, args=(key, make), daemon=True).start()
                return held[1]
        value = make()
        self._keep(key, generation, value)
        return value

    def _keep(self, key: Any, generation: int, value: Any) -> None:
        with self._cache_lock:
            self._cache[key] = (generation, value)
            self._cache.move_to_end(key)
            excess = len(self._cache) - CACHE_SIZE  # the least recently used out, not pinned
            if excess > 0:
                for old in [k for k in self._cache if k not in self.pinned][:excess]:
                    del self._cache[old]

    def _refresh(self, key: Any, make: Callable[[], Any]) -> None:
        generation = self.generation
        try:
            self._keep(key, generation, make())
        except Exception:  # noqa: BLE001 - the next request computes it and shows the error
            with self._cache_lock:
                self._cache.pop(key, None)
        finally:
            self._refreshing.discard(key)

    def in_background(self, key: Any, make: Callable[[], Any]) -> Any | None:
        """The view of ``key`` as :meth:`cached` with ``stale``, but the first one is made in a
        background thread: None when it is not ready within ``config.background_wait``."""
        if key in self._failed:  # the background attempt failed: fail here, visibly
            self._failed.discard(key)
            return self.cached(key, make)
        with self._cache_lock:
            thread = None if key in self._cache else self._making.get(key)
            if thread is None and key not in self._cache:
                thread = threading.Thread(target=self._make, args=(key, make), daemon=True)
                self._making[key] = thread
                thread.start()
        if thread is None:
            return self.cached(key, make, stale=True)
        thread.join(self.config.background_wait)
        with self._cache_lock:
            found = self._cache.get(key)
        return found[1] if found is not None else None

    def prepare(
        self, key: Any, make: Callable[[], Any], *, pin: bool = False
    ) -> threading.Thread | None:
        """Start making the view of ``key`` for the current store generation in a background
        thread (one per key at a time); None when it is made already. A ``pin``ned view stays
        in the cache whatever else is cached."""
        with self._cache_lock:
            if pin:
                self.pinned.add(key)
            held = self._cache.get(key)
            if held is not None and held[0] == self.generation:
                return None
            thread = self._making.get(key)
            if thread is None:
                thread = threading.Thread(target=self._make, args=(key, make), daemon=True)
                self._making[key] = thread
                thread.start()
            return thread

    def prepared(self, key: Any, make: Callable[[], Any]) -> tuple[Any | None, bool]:
        """``(view, current)`` of ``key``, made in the background (:meth:`prepare`) and waited
        for ``config.background_wait``: the view of this store generation and True; else the
        last one made (an older generation, being made again) and False, or None and False
        before the first is ready. A failed background attempt is made here, so its error
        shows."""
        if key in self._failed:
            self._failed.discard(key)
            return self.cached(key, make), True
        deadline = time.monotonic() + self.config.background_wait
        while (thread := self.prepare(key, make)) is not None and time.monotonic() < deadline:
            thread.join(max(0.0, deadline - time.monotonic()))  # again if a write came meanwhile
            if key in self._failed:
                break
        with self._cache_lock:
            held = self._cache.get(key)
            if held is not None:
                self._cache.move_to_end(key)
        if held is None:
            if key in self._failed:
                self._failed.discard(key)
                return self.cached(key, make), True
            return None, False
        return held[1], held[0] == self.generation

    def _make(self, key: Any, make: Callable[[], Any]) -> None:
        generation = self.generation
        try:
            self._keep(key, generation, make())
        except Exception:  # noqa: BLE001 - the page asks again and shows the error then
            self._failed.add(key)
        finally:
            with self._cache_lock:
                self._making.pop(key, None)

    def holds(self, key: Any) -> bool:
        """True when the view of ``key`` for the current store generation is cached."""
        with self._cache_lock:
            held = self._cache.get(key)
        return held is not None and held[0] == self.generation

    def made(self, key: Any) -> bool:
        """True when a view of ``key`` of any store generation is cached or being made."""
        with self._cache_lock:
            return key in self._cache or key in self._making

    def fresh(self) -> bool:
        """True when no cached view is older than the last write (for tests and benchmarks)."""
        if self._refreshing or self._making:
            return False
        return all(g == self.generation for g, _ in self._cache.values())

    def drop_cache(self) -> None:
        with self._cache_lock:
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
