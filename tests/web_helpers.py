"""Shared by the web tests: the demo store built once per test process and copied per test,
an app on a copy, and a real uvicorn server on 127.0.0.1 in a thread."""

from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from functools import cache
from pathlib import Path

from actorgraph.core.settings import Settings


@cache
def demo_store() -> Path:
    """``actorgraph demo`` once per test process (the real ingest of the sample corpus)."""
    from actorgraph.cli.demo import run_demo

    directory = Path(tempfile.mkdtemp(prefix="actorgraph-web-demo-"))
    result = run_demo(directory, Settings())
    return result.store


def copy_store(target_dir: Path) -> Path:
    """A private copy of the demo store (tests that write do not disturb each other)."""
    source = demo_store()
    target_dir.mkdir(parents=True, exist_ok=True)
    for path in source.parent.glob(source.name + "*"):
        if path.is_file():
            shutil.copy(path, target_dir / path.name)
    return target_dir / source.name


def settings_for(store: Path) -> Settings:
    return replace(Settings(), store_path=store, neo4j_uri=None, http_timeout=5.0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(app) -> Iterator[str]:  # noqa: ANN001 - a Starlette app
    """Serve ``app`` with uvicorn on 127.0.0.1; yields the base URL."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
