"""Ingest inside the server: on a schedule (``--watch SOURCE... --every 30m``) or on request
(``POST /ingest``), in a background thread. The store is written batch by batch through the
server's locked proxy, so pages answer between batches; progress is kept for the pages."""

from __future__ import annotations

import re
import threading
import time
from datetime import UTC, datetime
from typing import Any

from actorgraph.core.errors import ActorgraphError, ConfigError
from actorgraph.web import watch
from actorgraph.web.state import AppState

_EVERY = re.compile(r"^(\d+(?:\.\d+)?)\s*([smhd]?)$")
_UNIT = {"": 60.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}


STATUSES = ("actual", "future")
KNOWN_EVENTS = "MATCH (e:Event) WHERE e.status IN ['actual', 'future'] RETURN e.id AS id"


def parse_every(text: str) -> float:
    """``"30m"`` -> 1800.0 seconds (s, m, h, d; a bare number is minutes)."""
    match = _EVERY.match(text.strip().lower())
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"--every {text!r}: expected a duration like 30m, 2h or 90s")
    return float(match.group(1)) * _UNIT[match.group(2)]


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class Ingester:
    """Runs one ingest at a time; ``status`` is what the pages show."""

    def __init__(self, state: AppState) -> None:
        self.state = state
        self._guard = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._schedule: threading.Thread | None = None
        self.status: dict[str, Any] = {"running": False, "articles": 0, "label": "", "runs": 0}

    def start(self, sources: list[str] | None = None) -> bool:
        """Start an ingest now in the background; False when one is running or there is
        nothing to ingest."""
        sources = list(sources or self.state.config.sources)
        if not sources or not self._guard.acquire(blocking=False):
            return False
        self.status.update(running=True, articles=0, label="", started=_now(), error="")
        self._thread = threading.Thread(target=self._run, args=(sources,), daemon=True)
        self._thread.start()
        return True

    def wait(self, timeout: float | None = None) -> None:
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self, sources: list[str]) -> None:
        from actorgraph.graph.pipeline import ingest

        store = self.state.store

        def progress(label: str, n: int) -> None:
            self.status["articles"] += n
            self.status["label"] = label[:80]

        try:
            known = {r["id"] for r in store.run(KNOWN_EVENTS)}  # ids only: no full read
            summary = ingest(sources, store, self.state.settings, progress=progress)
            self.status["summary"] = summary.line()
            self.status["failures"] = [f"{f.source}: {f.reason}" for f in summary.failures][:20]
            self._alerts(known)
        except ActorgraphError as exc:
            self.status["error"] = str(exc)
        except Exception as exc:  # noqa: BLE001 - a failed run must not end the server
            self.status["error"] = f"{type(exc).__name__}: {exc}"
        finally:
            self.status.update(running=False, finished=_now(), runs=self.status["runs"] + 1)
            self._guard.release()
            self.state.warm()  # the latest week's report, made again for the next visitor

    def _alerts(self, known: set[str]) -> None:
        """Alerts for the run's new events only: those read by id, whether their actor pairs
        met before from the pair-contact summary (no read of every event)."""
        state = self.state
        ids = sorted({r["id"] for r in state.store.run(KNOWN_EVENTS)} - known)
        new = state.store.events_by_id(ids) if ids else []
        pairs = watch.pairs_in(new)
        met: watch.Met = {}
        for pair, entries in state.store.pair_contacts(pairs).items():
            earlier = [formed for _, event, formed in entries if event in known]
            if earlier:
                met[pair] = any(earlier)
        # their earlier future or undated events (few; the summary leaves them out), read by id
        outside = [
            e for e in state.store.pair_events_outside_contacts(pairs, STATUSES) if e in known
        ]
        wanted = {frozenset(p) for p in pairs}
        for pair, formed in watch.met_in(
            state.store.events_by_id(outside) if outside else []
        ).items():
            if pair in wanted:
                met[pair] = met.get(pair, False) or formed
        found = watch.matches(new, met, watch.clean(state.load_json("watchlist.json", {})))
        if found:
            state.save_json("alerts.json", watch.add(state.load_json("alerts.json", []), found))

    # schedule ------------------------------------------------------------------------------------
    def schedule(self, every_seconds: float) -> None:
        """Ingest now and then every ``every_seconds`` until :meth:`stop`."""

        def loop() -> None:
            while not self._stop.is_set():
                self.start()
                self.wait()
                self._stop.wait(every_seconds)

        self._schedule = threading.Thread(target=loop, daemon=True)
        self._schedule.start()

    def stop(self) -> None:
        self._stop.set()
        self.wait(timeout=60)
        time.sleep(0)
