"""Fault injection (issue 11): kill ingest at many points, inside commits too, with SIGKILL
(strace injects it at the Nth write) and SIGTERM, and on a full filesystem; after each the store
opens and a re-run ends identical (sorted export) to a clean run."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

SENTENCES = [
    "Mongolian Foreign Minister Batmunkh Battsetseg met Japanese Foreign Minister Yoko Kamikawa "
    "in Tokyo on {d} May 2026.",
    "Mongolian President Ukhnaagiin Khurelsukh visited Seoul on {d} May 2026 and met South "
    "Korean President Yoon Suk Yeol.",
    "Mongolia and China signed an agreement on energy cooperation in Ulaanbaatar on {d} May 2026.",
]
ARTICLES = 9


def _feed(tmp: Path) -> Path:
    items = "".join(
        f"<item><title>Story {i}</title><guid>urn:story:{i}</guid>"
        f"<pubDate>Mon, {i + 1:02d} Jun 2026 08:00:00 GMT</pubDate>"
        f"<description>{SENTENCES[i % 3].format(d=i + 1)}</description></item>"
        for i in range(ARTICLES)
    )
    path = tmp / "feed.xml"
    path.write_text(f'<rss version="2.0"><channel><title>F</title>{items}</channel></rss>')
    return path


def _env() -> dict[str, str]:
    return {**os.environ, "ACTORGRAPH_BATCH_SIZE": "2", "ACTORGRAPH_MIN_FREE_MB": "1"}


def _cli(store: Path, *args: str, **kw) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "actorgraph", "--store", str(store), *args]
    return subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=120, **kw)


def _sorted_export(store: Path) -> str:
    done = _cli(store, "export")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)

    def norm(value):
        if isinstance(value, dict):
            return {k: norm(v) for k, v in sorted(value.items())}
        if isinstance(value, list):
            return sorted((norm(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        return value

    return json.dumps(norm(data), sort_keys=True)


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("clean")
    feed = _feed(tmp)
    done = _cli(tmp / "clean.lbug", "ingest", str(feed))
    assert done.returncode == 0, done.stderr
    return feed, _sorted_export(tmp / "clean.lbug")


def _recovers(store: Path, feed: Path, expected: str) -> None:
    done = _cli(store, "store", "check")
    assert done.returncode == 0, done.stderr  # opens (committed batches kept)
    rerun = _cli(store, "ingest", str(feed))
    assert rerun.returncode == 0, rerun.stderr
    assert _sorted_export(store) == expected


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace not installed")
def test_sigkill_at_many_writes_including_inside_commits(
    clean: tuple[Path, str], tmp_path: Path
) -> None:
    feed, expected = clean
    killed = 0
    for n in (60, 300, 900, 2000):
        store = tmp_path / f"k{n}.lbug"
        cmd = [
            "strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=write,pwrite64,fsync",
            "-e", f"inject=write,pwrite64:signal=KILL:when={n}",
            sys.executable, "-m", "actorgraph", "--store", str(store), "ingest", str(feed),
        ]  # fmt: skip
        done = subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=120)
        if done.returncode != 0:
            killed += 1
        if store.exists():
            _recovers(store, feed, expected)
    assert killed >= 2  # the kills really landed


def test_sigterm_mid_ingest_rolls_back_cleanly(clean: tuple[Path, str], tmp_path: Path) -> None:
    feed, expected = clean
    store = tmp_path / "t.lbug"
    cmd = [sys.executable, "-m", "actorgraph", "--store", str(store), "ingest", str(feed)]
    proc = subprocess.Popen(cmd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not store.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode in (0, 130), err
    if proc.returncode == 130:
        assert b"interrupted" in err
    _recovers(store, feed, expected)


def test_full_filesystem_is_a_clean_error_and_the_store_survives(
    clean: tuple[Path, str], tmp_path: Path
) -> None:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("needs root to mount a small tmpfs")
    feed, expected = clean
    mnt = tmp_path / "small"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mnt)]).returncode:
        pytest.skip("cannot mount tmpfs here")
    try:
        store = mnt / "s.lbug"
        env = {**_env(), "ACTORGRAPH_MIN_FREE_MB": "2"}
        filler = mnt / "filler"
        done = _cli(store, "ingest", str(feed))  # fits
        assert done.returncode == 0, done.stderr
        free = shutil.disk_usage(mnt).free
        filler.write_bytes(b"\0" * max(free - 500_000, 0))
        cmd = [sys.executable, "-m", "actorgraph", "--store", str(store), "ingest", str(feed)]
        full = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
        assert full.returncode in (0, 1), full.stderr  # never an abort (134)
        filler.unlink()
        shutil.copy(store, tmp_path / "s.lbug")
        _recovers(tmp_path / "s.lbug", feed, expected)
    finally:
        subprocess.run(["umount", str(mnt)])
