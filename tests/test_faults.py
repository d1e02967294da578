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
from dataclasses import replace
from pathlib import Path

import pytest

from actorgraph.core.settings import Settings
from actorgraph.graph import open_store

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


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "ACTORGRAPH_BATCH_SIZE": "2", "ACTORGRAPH_MIN_FREE_MB": "1", **extra}


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
    # strace counts only the writes to one file (-P): the Nth write of the log is always inside
    # a commit (the 3rd is in the new store's schema commit, which once left a store with tables
    # and no version row), the Nth write of the store file inside a checkpoint (a log budget of
    # 0 makes the close fold the log into the file, as a full log does).
    feed, expected = clean
    killed = 0
    for target, n in (("wal", 3), ("wal", 12), ("wal", 22), ("file", 150)):
        store = tmp_path / f"k{target}{n}.lbug"
        path = store.with_name(store.name + ".wal") if target == "wal" else store
        cmd = [
            "strace", "-f", "-qq", "-o", "/dev/null", "-P", str(path),
            "-e", "trace=write,pwrite64", "-e", f"inject=write,pwrite64:signal=KILL:when={n}",
            sys.executable, "-m", "actorgraph", "--store", str(store), "ingest", str(feed),
        ]  # fmt: skip
        env = _env(ACTORGRAPH_WAL_MB="0")
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
        if done.returncode != 0:
            killed += 1
        if store.exists():
            _recovers(store, feed, expected)
    assert killed >= 3  # the kills really landed


def _strace_kill(store: Path, source: Path, nth: int) -> subprocess.CompletedProcess[str]:
    cmd = [
        "strace", "-f", "-qq", "-o", "/dev/null", "-P", str(store) + ".wal",
        "-e", "trace=write,pwrite64", "-e", f"inject=write,pwrite64:signal=KILL:when={nth}",
        sys.executable, "-m", "actorgraph", "--store", str(store), "ingest", str(source),
    ]  # fmt: skip
    return subprocess.run(cmd, capture_output=True, text=True, env=_env(), timeout=120)


@pytest.mark.skipif(shutil.which("strace") is None, reason="strace not installed")
def test_a_kill_inside_a_commit_keeps_the_runs_left_in_the_log_before_it(tmp_path: Path) -> None:
    # A small log stays beside the store after a clean close (the next open replays it): a run
    # killed inside one of its commits must lose only its own batch, not the earlier runs' data.
    feed = _feed(tmp_path)
    whole = feed.read_text()
    items = whole.split("<item>")
    clean = tmp_path / "clean.lbug"
    assert _cli(clean, "ingest", str(feed)).returncode == 0
    feed.write_text("<item>".join(items[:5]) + "</channel></rss>")  # stories 0 to 3
    store = tmp_path / "s.lbug"
    with open_store(replace(Settings(), store_path=store)):
        pass  # made first: a new store is folded into one file at its first close
    assert _cli(store, "ingest", str(feed)).returncode == 0
    assert Path(str(store) + ".wal").stat().st_size > 0  # the first run's log was kept
    feed.write_text(whole)
    done = _strace_kill(store, feed, 4)
    assert done.returncode != 0  # the kill landed inside the second run's commits
    check = _cli(store, "export")
    assert check.returncode == 0, check.stderr
    kept = {a["title"] for a in json.loads(check.stdout)["articles"]}
    assert {f"Story {i}" for i in range(4)} <= kept < {f"Story {i}" for i in range(9)}
    _recovers(store, feed, _sorted_export(clean))


def _children(pid: int) -> list[int]:
    """Every process below ``pid`` (workers forked by the ingest, or by its fork server one
    level down)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found: list[int] = []
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        below = [child for child, up in parents.items() if up == parent]
        found += below
        frontier += below
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_extraction_workers_exit_when_the_ingest_is_killed(
    clean: tuple[Path, str], tmp_path
) -> None:
    # kill -9 of an ingest with workers left them waiting for work forever (a model each)
    feed, _ = clean
    cmd = [sys.executable, "-m", "actorgraph", "--store", str(tmp_path / "w.lbug"), "ingest"]
    env = {**_env(), "ACTORGRAPH_WORKERS": "2"}
    proc = subprocess.Popen([*cmd, str(feed)], env=env, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    children: list[int] = []
    while len(children) < 2 and proc.poll() is None and time.monotonic() < deadline:  # workers
        time.sleep(0.1)
        children = _children(proc.pid)
    if proc.poll() is not None:
        pytest.skip("the ingest ended before its workers could be seen")
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 20
    while any(_alive(c) for c in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    left = [c for c in children if _alive(c)]
    for pid in left:
        os.kill(pid, signal.SIGKILL)
    assert left == []


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
