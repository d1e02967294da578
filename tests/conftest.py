"""Shared fixtures: settings on a temporary store, one spaCy extractor per session, and the sample
corpus served over HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from actorgraph.core.settings import Settings


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
