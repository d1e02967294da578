"""Files of derived data kept between runs in ``ACTORGRAPH_CACHE_DIR`` (``settings.cache_dir``)."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_whole(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, whatever stops the process."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as out:
        try:
            out.write(data)
        except OSError:
            out.close()
            os.unlink(out.name)
            raise
    os.replace(out.name, path)


def digest(files: Iterable[Path], *tags: str) -> str:
    """A short digest of the files' names and contents and of ``tags`` (versions of what else a
    cached file is made of): the name part of a cache file, so any change starts another."""
    made_of = hashlib.sha256("\n".join(tags).encode("utf-8"))
    for path in files:
        made_of.update(f"\n{path.name}\n{path.stat().st_size}\n".encode())
        made_of.update(path.read_bytes())
    return made_of.hexdigest()[:16]
