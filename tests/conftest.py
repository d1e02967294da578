"""Shared fixtures: settings on a temporary store, one spaCy extractor per session, and the sample
corpus served over HTTP on 127.0.0.1."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from actorgraph.core.settings import Settings


@pytest.fixture(scope="session", autouse=True)
def _cache_outside_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Derived data (the gazetteer's name index) is cached in a session folder, not the user's
    home; subprocesses inherit it, so the index is built once per session."""
    saved = os.environ.get("ACTORGRAPH_CACHE_DIR")
    os.environ["ACTORGRAPH_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if saved is None:
        os.environ.pop("ACTORGRAPH_CACHE_DIR", None)
    else:
        os.environ["ACTORGRAPH_CACHE_DIR"] = saved


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Default settings on a fresh embedded store under tmp_path (never the user's store)."""
    return replace(Settings(), store_path=tmp_path / "test.lbug", http_timeout=5.0)


@pytest.fixture(scope="session")
def extractor():
    """The real spaCy pipeline, loaded once."""
    from actorgraph.nlp import Extractor

    return Extractor(Settings())


@pytest.fixture(scope="session")
def sample_site() -> Iterator[str]:
    """Base URL of the bundled sample corpus served on 127.0.0.1."""
    from actorgraph.sample.site import serve_site

    with serve_site() as base_url:
        yield base_url


@pytest.fixture(scope="session")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh demo store (``actorgraph demo``'s), built once per test session."""
    from actorgraph.cli.demo import run_demo

    directory = tmp_path_factory.mktemp("demo")
    result = run_demo(directory, replace(Settings.from_env(), http_timeout=5.0))
    return result.store
