"""Near-duplicate articles: the same wire story rerun by several outlets, with another headline,
byline or a few paragraphs trimmed, is one *origin*.

Each article's text becomes a set of word shingles; a MinHash LSH index (``datasketch``) finds
candidate copies and the exact shingle *containment* (shared shingles over the smaller set)
confirms them, so a trimmed rerun matches its longer original while two separate stories on the
same meeting (same names, different sentences) do not. An article's origin is the id of the
earliest-known article of its group.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from datasketch import MinHash, MinHashLSH

SHINGLE = 4  # words per shingle
NUM_PERM = 128
LSH_THRESHOLD = 0.3  # candidate recall (Jaccard); confirmed by containment below
CONTAINMENT = 0.6  # shared shingles / shingles of the shorter text
MIN_SHINGLES = 8  # texts shorter than this are never grouped (too little to tell)

WINDOW = 2000  # articles an index holds; older ones leave it as new ones come
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _empty() -> MinHash:
    """An empty MinHash to copy: datasketch draws the same permutations (seed 1) for each new
    one, most of the cost of a short text's MinHash; a copy shares them."""
    return MinHash(num_perm=NUM_PERM)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Lower-cased word ``size``-grams of ``text``."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}


def containment(a: set[str], b: set[str]) -> float:
    """Shared shingles over the smaller set (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


@dataclass(frozen=True, slots=True)
class Known:
    """An article the index already holds: its id, text and origin (its own id when none)."""

    id: str
    text: str
    origin: str | None = None


class NearDupIndex:
    """The latest ``window`` articles seen; :meth:`origin_of` names the origin of a new one and
    remembers it (forgetting the oldest, so a long run holds no more than a short one)."""

    def __init__(self, known: Iterable[Known] = (), window: int = WINDOW) -> None:
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._shingles: dict[str, set[str]] = {}
        self._origin: dict[str, str] = {}
        self._order: deque[str] = deque()
        self._window = window
        for item in known:
            self._add(item.id, shingles(item.text), item.origin or item.id)

    def _minhash(self, grams: set[str]) -> MinHash:
        m = _empty().copy()
        m.update_batch([g.encode("utf-8") for g in grams])
        return m

    def _add(self, article_id: str, grams: set[str], origin: str) -> None:
        if article_id in self._origin:
            return
        self._origin[article_id] = origin
        self._order.append(article_id)
        if len(grams) >= MIN_SHINGLES:
            self._shingles[article_id] = grams
            self._lsh.insert(article_id, self._minhash(grams))
        while len(self._order) > self._window:
            old = self._order.popleft()
            del self._origin[old]
            if self._shingles.pop(old, None) is not None:
                self._lsh.remove(old)

    def origin_of(self, article_id: str, text: str) -> str:
        """The origin of this article: the origin of the best-matching known copy, else itself.
        The article is added to the index either way."""
        if article_id in self._origin:
            return self._origin[article_id]
        grams = shingles(text)
        origin = article_id
        if len(grams) >= MIN_SHINGLES:
            best = 0.0
            for other in self._lsh.query(self._minhash(grams)):
                score = containment(grams, self._shingles[other])
                if score >= CONTAINMENT and score > best:
                    best, origin = score, self._origin[other]
        self._add(article_id, grams, origin)
        return origin
