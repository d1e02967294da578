"""``actorgraph demo``: a fresh embedded store from the bundled sample corpus.

The corpus is served over HTTP on 127.0.0.1 so the real fetch path (feeds, pages, conditional GET,
main-text extraction) runs; then the latest week's report and a network view are written.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from actorgraph.core.errors import ConfigError
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store
from actorgraph.graph.pipeline import IngestSummary, ingest

DEMO_FOCUS = "MNG"


@dataclass(slots=True)
class DemoResult:
    """Where the demo wrote its outputs, and what it ingested."""

    store: Path
    week: str
    summary: IngestSummary
    files: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def describe(self) -> str:
        lines = [
            self.summary.line(),
            f"store: {self.store}",
            f"week: {self.week} (focus {DEMO_FOCUS})",
        ]
        lines += [f"wrote: {path}" for path in self.files]
        lines.append(f"done in {self.seconds:.1f} s")
        return "\n".join(lines)


def _fresh_store_path(directory: Path) -> Path:
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot create {directory}: {exc.strerror}") from exc
    store = directory / "actorgraph.lbug"
    for old in directory.glob("actorgraph.lbug*"):
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()
    return store


def run_demo(directory: Path, settings: Settings, progress: bool = False) -> DemoResult:
    """Ingest the sample feeds into ``directory``/actorgraph.lbug and write report + view."""
    from actorgraph.report import build_weekly, latest_week, render
    from actorgraph.sample.site import serve_site
    from actorgraph.viz import network_for_week

    started = time.perf_counter()
    store_path = _fresh_store_path(directory)
    demo_settings = replace(settings, store_path=store_path, neo4j_uri=None)

    def show(label: str, n: int) -> None:
        if progress:
            print(f"  ingested: {label[:70]}", file=sys.stderr)

    with serve_site() as base_url, open_store(demo_settings) as store:
        summary = ingest([f"{base_url}/feeds.opml"], store, demo_settings, progress=show)
        week = latest_week(store)
        report = build_weekly(store, week, DEMO_FOCUS)
        files = []
        for fmt, suffix in (("md", "md"), ("html", "html"), ("json", "json")):
            path = directory / f"report-{week}.{suffix}"
            path.write_text(render(report, fmt), encoding="utf-8")
            files.append(path)
        files.append(
            network_for_week(store, week=week, focus=None, out=directory / f"network-{week}.html")
        )
    return DemoResult(store_path, week, summary, files, time.perf_counter() - started)
