"""``actorgraph demo``: a fresh embedded store from the bundled sample corpus.

The corpus is served over HTTP on 127.0.0.1 so the real fetch path (feeds, pages, conditional GET,
main-text extraction) runs; then the latest week's report and a network view are written.
"""

from __future__ import annotations

import shlex
import shutil
import sys
import time
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from actorgraph.core.errors import ConfigError
from actorgraph.core.settings import Settings
from actorgraph.graph import open_store

if TYPE_CHECKING:  # the pipeline (spaCy, datasketch) loads only when the demo ingests
    from actorgraph.graph.pipeline import IngestSummary

DEMO_FOCUS = "MNG"
DEMO_DIR = "actorgraph-demo"


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
        return "\n".join(lines + ["", *self.next_steps()])

    def next_steps(self) -> list[str]:
        """What to open and what to try next, as commands that work when pasted."""
        default = self.store.resolve() == (Path.cwd() / DEMO_DIR / "actorgraph.lbug").resolve()
        ag = "actorgraph" if default else f"actorgraph --store {shlex.quote(str(self.store))}"
        pages = [p for p in self.files if p.suffix == ".html"]
        lines = ["next:"]
        lines += [f"  open {shlex.quote(str(p))}" for p in pages]
        since, until = _week_days(self.week)
        lines += [
            f"  {ag} report --week {self.week} --focus {DEMO_FOCUS}",
            f"  {ag} query new_interactions --param a={DEMO_FOCUS} --param b=RUS "
            f"--param since={since} --param until={until}",
            f"  {ag} actors list --type PERSON --country {DEMO_FOCUS}",
            f"  {ag} queries",
        ]
        if default:
            lines.append(
                f"(while ./actorgraph.lbug does not exist, commands that read use {self.store})"
            )
        return lines


def _week_days(week: str) -> tuple[str, str]:
    """Monday of the ISO week and the Monday after, as ``YYYY-MM-DD``."""
    year, number = week.split("-W")
    monday = date.fromisocalendar(int(year), int(number), 1)
    return monday.isoformat(), (monday + timedelta(days=7)).isoformat()


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
        from actorgraph.graph.pipeline import ingest

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
