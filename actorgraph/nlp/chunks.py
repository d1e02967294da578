"""Split long texts into chunks below spaCy's ``max_length`` on paragraph, line, sentence or
word boundaries, so time and memory stay linear in the text length."""

from __future__ import annotations

import re

CHUNK_CHARS = 20_000
_BREAKS = ("\n\n", "\n", ". ", "? ", "! ", "; ", ", ", " ")


def split_text(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """``(offset, chunk)`` pairs covering ``text`` in order, each at most ``limit`` characters."""
    chunks: list[tuple[int, str]] = []
    pos = 0
    n = len(text)
    while pos < n:
        if n - pos <= limit:
            chunks.append((pos, text[pos:]))
            break
        window = text[pos : pos + limit]
        cut = -1
        for brk in _BREAKS:
            at = window.rfind(brk, limit // 2)
            if at > 0:
                cut = at + len(brk)
                break
        if cut <= 0:
            cut = limit
        chunks.append((pos, text[pos : pos + cut]))
        pos += cut
    return [(o, c) for o, c in chunks if c.strip()]


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where paragraphs begin (after blank lines)."""
    return [0] + [m.end() for m in re.finditer(r"\n\s*\n", text)]
