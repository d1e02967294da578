"""Files of derived data kept between runs in ``ACTORGRAPH_CACHE_DIR`` (``settings.cache_dir``)."""

from __future__ import annotations

import os
import tempfile
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
