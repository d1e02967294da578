"""Near-duplicate articles: the same wire story rerun by several outlets, with another headline,
byline or a few paragraphs trimmed, is one *origin*.

Each article's text becomes a set of word shingles; a MinHash LSH index (``datasketch``) finds
candidate copies and the exact shingle *containment* (shared shingles over the smaller set)
confirms them, so a trimmed rerun matches its longer original while two separate stories on the
same meeting (same names, different sentences) do not. An article's origin is the id of the
earliest-known article of its group.

The index holds the latest articles of a run (a window). Stored articles are not loaded up
front: the caller passes each new article the stored candidates it should be compared with (the
writer takes those reporting events within a few days of the article's events, see
``graph/pipeline.py``). A stored candidate is a copy when its containment passes *and* its
MinHash shares an LSH band with the article's (the test the LSH index makes), so MinHashes are
computed only for the few candidates that pass the containment, and ``datasketch`` (and the
scipy it imports) is loaded only when something must be compared.

Each written article keeps its *band keys* (one 64-bit hash per LSH band of its MinHash, see
:func:`band_keys`): a run that has its articles' MinHashes (a run of several articles loads
datasketch anyway) reads the stored candidates' keys first and the texts of only those that
share a band, instead of shingling every candidate. Articles stored without keys are compared
by text as before; the origins are the same either way.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from datasketch import MinHash, MinHashLSH

SHINGLE = 4  # words per shingle
NUM_PERM = 128
LSH_THRESHOLD = 0.3  # candidate recall (Jaccard); confirmed by containment below
CONTAINMENT = 0.6  # shared shingles / shingles of the shorter text
MIN_SHINGLES = 8  # texts shorter than this are never grouped (too little to tell)

BAND_KEYS_VERSION = 1  # changes when the keys would (shingles, permutations, bands)
WINDOW = 2000  # articles an index holds; older ones leave it as new ones come
NEAR_DAYS = 3  # stored candidates: articles reporting events this many days around the new ones
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _empty() -> MinHash:
    """An empty MinHash to copy: datasketch draws the same permutations (seed 1) for each new
    one, most of the cost of a short text's MinHash; a copy shares them."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, hashfunc=int)


def preload_minhash() -> None:
    """Load datasketch ahead of the first comparison (a failure is left to that comparison)."""
    try:
        _empty()
    except Exception:  # noqa: BLE001 - the comparison loads it again and reports the error
        pass


def _new_lsh() -> MinHashLSH:
    from datasketch import MinHashLSH

    return MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)


@lru_cache(maxsize=1)
def _bands() -> tuple[tuple[int, int], ...]:
    """The (start, end) ranges of the LSH bands: two MinHashes are candidates of each other
    when one band is equal."""
    return tuple(_new_lsh().hashranges)


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    """Lower-cased word ``size``-grams of ``text``."""
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return set(map(" ".join, zip(*(words[i:] for i in range(size)), strict=False)))


Hashes = npt.NDArray[np.uint32]  # a text's shingle hashes, sorted and unique


def shingle_hashes(text: str) -> Hashes:
    """The 32-bit hashes of a text's shingles (the first four bytes of each one's SHA-1, the
    values datasketch's MinHash starts from), sorted: 4 bytes a shingle for the texts an index
    holds, instead of a set of strings (about 20 times that)."""
    digests = (hashlib.sha1(g.encode("utf-8")).digest()[:4] for g in shingles(text))
    return np.unique(np.frombuffer(b"".join(digests), dtype="<u4"))


def containment(a: Hashes, b: Hashes) -> float:
    """Shared shingles over the smaller set (0 when either is empty)."""
    if not a.size or not b.size:
        return 0.0
    return np.intersect1d(a, b, assume_unique=True).size / min(a.size, b.size)


def _minhash(grams: Hashes) -> MinHash:
    m = _empty().copy()
    m.update_batch(grams.tolist())  # already hashed: the MinHash's hash function is int
    return m


def band_keys(minhash: MinHash) -> list[int]:
    """One signed 64-bit key per LSH band of a MinHash: two MinHashes share a band (are LSH
    candidates of each other) exactly when they share a key (a 64-bit hash collision aside)."""
    values = minhash.hashvalues
    keys = []
    for band, (start, end) in enumerate(_bands()):
        raw = bytes((BAND_KEYS_VERSION, band)) + values[start:end].astype("<u8").tobytes()
        digest = hashlib.blake2b(raw, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "little", signed=True))
    return keys


def _sign(text: str) -> tuple[Hashes, MinHash | None, list[int] | None]:
    """A text's shingle hashes, MinHash and band keys (no MinHash or keys for a text too short
    to group). Loads datasketch."""
    grams = shingle_hashes(text)
    if len(grams) < MIN_SHINGLES:
        return grams, None, None
    minhash = _minhash(grams)
    return grams, minhash, band_keys(minhash)


def sign_text(text: str) -> list[int] | None:
    """The band keys of a text (``store migrate``: articles stored before keys were kept), or
    ``None`` for one too short to group. Loads datasketch."""
    return _sign(text)[2]


Bands = frozenset[int]


@dataclass(frozen=True, slots=True)
class Known:
    """An article the index already holds: its id, text and origin (its own id when none), and
    its band keys when they were stored (``None``: compared by text alone)."""

    id: str
    text: str
    origin: str | None = None
    bands: Bands | None = None


class NearDupIndex:
    """The latest ``window`` articles seen; :meth:`origin_of` names the origin of a new one and
    remembers it (forgetting the oldest, so a long run holds no more than a short one).

    Articles enter the LSH index only when a later article queries it (a run of one article
    computes no MinHash); stored candidates are kept (shingles, and a MinHash once needed) for
    the latest ``window`` of them."""

    def __init__(self, known: Iterable[Known] = (), window: int = WINDOW) -> None:
        self._lsh: MinHashLSH | None = None
        self._shingles: dict[str, Hashes] = {}
        self._origin: dict[str, str] = {}
        self._order: deque[str] = deque()
        self._pending: dict[str, MinHash | None] = {}  # held, not yet in the LSH index
        self._window = window
        # articles signed ahead of origin_of (see signature): id -> (shingles, MinHash, keys)
        self._signed: dict[str, tuple[Hashes, MinHash | None, list[int] | None]] = {}
        # stored candidates: id -> (shingles, origin, MinHash once computed)
        self._stored: OrderedDict[str, tuple[Hashes, str, MinHash | None]] = OrderedDict()
        for item in known:
            self._add(item.id, shingle_hashes(item.text), item.origin or item.id, None)

    def _index(self) -> MinHashLSH:
        """The LSH index with every held article in it."""
        if self._lsh is None:
            self._lsh = _new_lsh()
        for article_id, minhash in self._pending.items():
            self._lsh.insert(article_id, minhash or _minhash(self._shingles[article_id]))
        self._pending.clear()
        return self._lsh

    def _add(self, article_id: str, grams: Hashes, origin: str, minhash: MinHash | None) -> None:
        if article_id in self._origin:
            return
        self._origin[article_id] = origin
        self._order.append(article_id)
        if len(grams) >= MIN_SHINGLES:
            self._shingles[article_id] = grams
            self._pending[article_id] = minhash
        while len(self._order) > self._window:
            old = self._order.popleft()
            del self._origin[old]
            if self._shingles.pop(old, None) is not None:
                if old in self._pending:
                    del self._pending[old]
                elif self._lsh is not None:
                    self._lsh.remove(old)

    def _candidate(self, item: Known) -> tuple[Hashes, str, MinHash | None]:
        """A stored candidate's shingles and origin (kept for the latest ``window`` of them)."""
        held = self._stored.get(item.id)
        if held is None:
            held = (shingle_hashes(item.text), item.origin or item.id, None)
            self._stored[item.id] = held
            while len(self._stored) > self._window:
                self._stored.popitem(last=False)
        else:
            self._stored.move_to_end(item.id)
        return held

    def _collide(self, article: MinHash, item_id: str) -> bool:
        """Whether a stored candidate's MinHash shares an LSH band with the article's (the
        candidates an LSH index holding it would return)."""
        grams, origin, minhash = self._stored[item_id]
        if minhash is None:
            minhash = _minhash(grams)
            self._stored[item_id] = (grams, origin, minhash)
        a, b = article.hashvalues, minhash.hashvalues
        return any((a[start:end] == b[start:end]).all() for start, end in _bands())

    def signature(self, article_id: str, text: str) -> Bands:
        """The band keys of a new article (none for a text too short to group), its shingles
        and MinHash kept for :meth:`origin_of` and :meth:`bands_of`. Loads datasketch."""
        self._signed[article_id] = signed = _sign(text)
        return frozenset(signed[2] or ())

    def bands_of(self, article_id: str) -> list[int] | None:
        """The band keys to store with an article signed by :meth:`signature` (``None`` when it
        was not, or is too short to group: compared by its short text); forgets its signature."""
        return self._signed.pop(article_id, (None, None, None))[2]

    def origin_of(self, article_id: str, text: str, stored: Iterable[Known] = ()) -> str:
        """The origin of this article: the origin of the best-matching known copy (among the
        held articles and the ``stored`` candidates), else itself. The article is added to the
        index either way."""
        if article_id in self._origin:
            return self._origin[article_id]
        signed = self._signed.get(article_id)
        grams, minhash, signed_keys = (
            signed if signed is not None else (shingle_hashes(text), None, None)
        )
        origin = article_id
        keys = frozenset(signed_keys) if signed_keys is not None else None
        if len(grams) >= MIN_SHINGLES:
            best = 0.0
            if self._shingles:
                minhash = minhash or _minhash(grams)
                for other in self._index().query(minhash):
                    score = containment(grams, self._shingles[other])
                    if score >= CONTAINMENT and score > best:
                        best, origin = score, self._origin[other]
            for item in stored:
                if item.id == article_id or item.id in self._origin:
                    continue  # itself, or held (compared above)
                their, their_origin, _ = self._candidate(item)
                if len(their) < MIN_SHINGLES:
                    continue
                score = containment(grams, their)
                if score >= CONTAINMENT and score > best:
                    minhash = minhash or _minhash(grams)
                    if item.bands is None:
                        shared = self._collide(minhash, item.id)
                    else:  # its stored band keys
                        keys = keys or frozenset(band_keys(minhash))
                        shared = not item.bands.isdisjoint(keys)
                    if shared:
                        best, origin = score, their_origin
        self._add(article_id, grams, origin, minhash)
        return origin


def near_days(date: str | None, spread: int = NEAR_DAYS) -> list[str]:
    """The days within ``spread`` days of a full date ("2026-05-27"), nearest first; none for a
    missing or partial one ("2026-05": too many events to compare with)."""
    if not date or len(date) != 10:
        return []
    try:
        day = datetime.date.fromisoformat(date)
    except ValueError:
        return []
    out = [date]
    for k in range(1, spread + 1):
        step = datetime.timedelta(days=k)
        out += [(day - step).isoformat(), (day + step).isoformat()]
    return out


OnDays = Callable[[Sequence[str]], Mapping[str, Iterable[str]]]
Texts = Callable[[Sequence[str]], Iterable[tuple[str, str, str | None]]]
BandsOf = Callable[[Sequence[str]], Iterable[tuple[str, Sequence[int] | None]]]


class StoredCandidates:
    """The stored articles each new article is compared with: those reporting events dated
    within ``NEAR_DAYS`` of its events (a wire rerun reports the same events on the same days),
    read through the store's date index and article keys, never a scan of every article.

    ``on_days(days)`` gives ``{day: article ids}``, ``texts(ids)`` the ``(id, text, origin)``
    rows, ``bands(ids)`` the ``(id, band keys or None)`` rows; texts and keys are read once and
    kept for the latest ``limit`` candidates."""

    def __init__(
        self, on_days: OnDays, texts: Texts, limit: int = WINDOW, bands: BandsOf | None = None
    ) -> None:
        self._on_days = on_days
        self._texts = texts
        self._bands = bands
        self._limit = limit
        self._held: OrderedDict[str, Known] = OrderedDict()
        self._keys: OrderedDict[str, Bands | None] = OrderedDict()

    def for_batch(
        self,
        dates: Mapping[str, Iterable[str | None]],
        signatures: Mapping[str, Bands] | None = None,
    ) -> dict[str, list[Known]]:
        """``{article id: its candidates}`` for a batch (``{article id: its event dates}``):
        one date-index read and one read of the texts not held yet; at most ``limit``
        candidates for the batch, from the nearest days first.

        ``signatures``: the band keys of (some of) the batch's articles
        (:meth:`NearDupIndex.signature`). Such an article gets only the candidates that share
        one of its bands or were stored without keys, and only their texts are read: the
        others could not be its copies."""
        wanted = {a: [d for date in ds for d in near_days(date)] for a, ds in dates.items()}
        days = sorted({d for ds in wanted.values() for d in ds})
        if not days:
            return {}
        on_day = {day: sorted(ids) for day, ids in self._on_days(days).items()}
        picked: dict[str, list[str]] = {}
        chosen: dict[str, None] = {}
        for article, ds in wanted.items():
            # nearest first: each date's own day, then one day off, and so on
            order = sorted(range(len(ds)), key=lambda i: (i % (2 * NEAR_DAYS + 1), i))
            ids: dict[str, None] = {}
            for i in order:
                for other in on_day.get(ds[i], ()):
                    if other not in dates and (other in chosen or len(chosen) < self._limit):
                        chosen[other] = None
                        ids[other] = None
            picked[article] = list(ids)
        if signatures and self._bands is not None:
            picked = self._sharing_a_band(picked, list(chosen), signatures)
        needed = list({i: None for ids in picked.values() for i in ids})
        missing = [i for i in needed if i not in self._held]
        for article_id, text, origin in self._texts(missing) if missing else ():
            self._held[article_id] = Known(article_id, text, origin)
        for article_id in needed:
            if article_id in self._held:
                self._held.move_to_end(article_id)
        while len(self._held) > self._limit:
            self._held.popitem(last=False)
        return {a: [self._known(i) for i in ids if i in self._held] for a, ids in picked.items()}

    def _known(self, article_id: str) -> Known:
        held = self._held[article_id]
        bands = self._keys.get(article_id)
        return held if bands is None else Known(held.id, held.text, held.origin, bands)

    def _sharing_a_band(
        self, picked: dict[str, list[str]], chosen: list[str], signatures: Mapping[str, Bands]
    ) -> dict[str, list[str]]:
        """Each signed article's candidates that share one of its bands or have no keys."""
        assert self._bands is not None
        missing = [i for i in chosen if i not in self._keys]
        found: dict[str, Bands | None] = dict.fromkeys(missing)
        for article_id, keys in self._bands(missing) if missing else ():
            found[article_id] = frozenset(keys) if keys is not None else None
        self._keys.update(found)
        for article_id in chosen:
            self._keys.move_to_end(article_id)
        while len(self._keys) > self._limit:
            self._keys.popitem(last=False)
        unkeyed: set[str] = set()
        by_key: dict[int, set[str]] = {}
        wanted = frozenset().union(*signatures.values())  # a key no signed article has is moot
        for article_id in chosen:
            held = self._keys.get(article_id)
            if held is None:
                unkeyed.add(article_id)
            elif not held.isdisjoint(wanted):
                for key in held & wanted:
                    by_key.setdefault(key, set()).add(article_id)
        out = {}
        for article, ids in picked.items():
            signature = signatures.get(article)
            if signature is None:
                out[article] = ids
                continue
            hit = set(unkeyed)
            for key in signature:
                hit.update(by_key.get(key, ()))
            out[article] = [i for i in ids if i in hit]
        return out
