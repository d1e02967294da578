"""Stores this actorgraph closed at its schema version, by file signature (device, inode, size,
modification time, a digest of its first bytes), kept in ``ACTORGRAPH_CACHE_DIR``: a writer
opening a file unchanged since skips the read-only probe that guards a store it might refuse (a
second open of the file, 0.1 to 0.3 s on a big store). Any change by anyone else, or a copy,
makes the signature differ."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from actorgraph.core.cache import write_whole
from actorgraph.core.settings import cache_dir

KEPT = 64  # stores remembered (the latest closed)
HEAD = 65_536  # bytes of the file's start in the signature (the engine's header and catalog)


def _memo() -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / "checked-stores.json"


def _signature(path: Path, version: int) -> str:
    st = os.stat(path)
    with path.open("rb") as f:
        head = hashlib.sha256(f.read(HEAD)).hexdigest()[:16]
    return f"{st.st_dev} {st.st_ino} {st.st_size} {st.st_mtime_ns} {head} {version}"


def _read(memo: Path) -> dict[str, str]:
    try:
        found = json.loads(memo.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def unchanged(path: Path, version: int) -> bool:
    """Whether this file is as this actorgraph left it at ``version``."""
    memo = _memo()
    if memo is None:
        return False
    try:
        return _read(memo).get(str(path.resolve())) == _signature(path, version)
    except OSError:
        return False


def remember(path: Path, version: int) -> None:
    """Note the file as closed at ``version`` (a speed-up only: a failure is ignored)."""
    memo = _memo()
    if memo is None:
        return
    try:
        key = str(path.resolve())
        kept = {k: v for k, v in _read(memo).items() if k != key and isinstance(v, str)}
        kept[key] = _signature(path, version)
        latest = dict(list(kept.items())[-KEPT:])
        write_whole(memo, json.dumps(latest, indent=0).encode("utf-8"))
    except OSError:
        pass
