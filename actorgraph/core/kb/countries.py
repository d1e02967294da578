"""Country reference data: ISO 3166 alpha-3 codes, names, aliases, demonyms and capitals.

Data lives in ``core/kb/en/countries.tsv`` (users may extend it). Lookups are exact on a
normalised form (case-folded, dots and "the" removed), never fuzzy: "South Sudan" and "Sudan",
"North Korea" and "South Korea" are distinct keys, and "Inner Mongolia" is not a country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


def _key(text: str) -> str:
    text = text.replace("\u2019", "'").strip()
    text = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"'s$", "", text)
    return re.sub(r"[.\s]+", " ", text.replace(".", "")).strip().casefold()


def _split(field: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in field.split("|") if p.strip())


@lru_cache(maxsize=1)
def countries() -> tuple[Country, ...]:
    """Every country in the data file."""
    text = resources.files("actorgraph.core.kb").joinpath("en/countries.tsv").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = (line.split("\t") + [""] * 5)[:5]
        iso3, name, aliases, demonyms, capitals = cols
        rows.append(Country(iso3, name, _split(aliases), _split(demonyms), _split(capitals)))
    return tuple(rows)


@lru_cache(maxsize=1)
def _indexes() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    names: dict[str, str] = {}
    demonyms: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for c in countries():
        for n in (c.name, *c.aliases):
            names.setdefault(_key(n), c.iso3)
        for d in c.demonyms:
            demonyms.setdefault(_key(d), c.iso3)
        for cap in c.capitals:
            capitals.setdefault(_key(cap), c.iso3)
    return names, demonyms, capitals


def by_code(iso3: str) -> Country | None:
    """The country with this ISO alpha-3 code."""
    return _by_code().get(iso3.upper())


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Country]:
    return {c.iso3: c for c in countries()}


def country_name(iso3: str | None) -> str:
    """Display name for a code ("MNG" -> "Mongolia"); the code itself if unknown."""
    if not iso3:
        return ""
    found = by_code(iso3)
    return found.name if found else iso3


@lru_cache(maxsize=65536)
def code_for_name(text: str) -> str | None:
    """ISO3 for a country name or alias ("Russian Federation" -> "RUS"), else None. A bare
    ISO3 code counts only written as one, in capitals ("MNG"; "and" and "can" are words)."""
    found = _indexes()[0].get(_key(text))
    if found is None and len(text) == 3 and text.isupper() and text not in _WORD_CODES:
        return text if text in _by_code() else None
    return found


_WORD_CODES = frozenset({"AND", "CAN", "NOR", "PER", "TON", "ARE", "FIN", "GAB", "MAR", "COG"})


@lru_cache(maxsize=65536)
def code_for_demonym(text: str) -> str | None:
    """ISO3 for a demonym/adjective ("Mongolian" -> "MNG"), else None."""
    return _indexes()[1].get(_key(text))


@lru_cache(maxsize=65536)
def code_for_capital(text: str) -> str | None:
    """ISO3 for a capital used for its government ("Moscow" -> "RUS"), else None."""
    return _indexes()[2].get(_key(text))


def code_for(text: str) -> str | None:
    """ISO3 for a name, alias, demonym or capital, in that order of preference."""
    return code_for_name(text) or code_for_demonym(text) or code_for_capital(text)


def parse_country(text: str) -> str:
    """The ISO3 code a user means by ``text``: a code in any case ("mng") or a country name
    ("Mongolia"). ``ValueError`` naming the input when neither is known; every command that takes a
    country validates it here, the one place."""
    raw = text.strip()
    if by_code(raw):
        return raw.upper()
    code = code_for_name(raw)
    if code:
        return code
    raise ValueError(
        f"{text!r} is not a known country: give an ISO 3166 alpha-3 code (MNG, RUS, CHN, ISL, ...) "
        "or a country name"
    )
