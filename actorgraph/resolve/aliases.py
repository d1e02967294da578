"""Curated actors and aliases (international organisations, armed forces, government bodies) and
places that are never actors, loaded from ``core/kb/en/aliases.json`` plus any user files with the
same layout; and country lookups for STATE mentions (names, demonyms, capitals as governments)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from actorgraph.core.errors import ConfigError
from actorgraph.core.kb.countries import code_for_capital, code_for_demonym, code_for_name
from actorgraph.core.records import ACTOR_TYPES
from actorgraph.resolve.normalize import fold, name_key


@dataclass(frozen=True, slots=True)
class CuratedActor:
    """One actor from the alias data, with the mention types its aliases may carry."""

    id: str
    type: str
    name: str
    country: str | None
    aliases: tuple[str, ...]
    types: tuple[str, ...]


def _entries(data: object, origin: str) -> tuple[list[CuratedActor], list[str]]:
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: alias data must be a JSON object with 'actors'")
    actors: list[CuratedActor] = []
    for row in data.get("actors", []):
        try:
            actor_type = row["type"]
            if actor_type not in ACTOR_TYPES:
                raise ValueError(f"unknown type {actor_type!r}")
            actors.append(
                CuratedActor(
                    id=str(row["id"]),
                    type=actor_type,
                    name=str(row["name"]),
                    country=row.get("country"),
                    aliases=tuple(row.get("aliases", [])),
                    types=tuple(row.get("types", [actor_type])),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"{origin}: bad alias entry {row!r}: {exc}") from exc
    places = [str(p["name"]) for p in data.get("not_actors", []) if isinstance(p, dict)]
    return actors, places


class Curated:
    """Exact lookups in the curated alias data."""

    def __init__(self, extra_files: Iterable[str | Path] = ()) -> None:
        data_dir = resources.files("actorgraph.core.kb").joinpath("en")
        text = data_dir.joinpath("aliases.json").read_text("utf-8")
        actors, places = _entries(json.loads(text), "aliases.json")
        for path in extra_files:
            try:
                data = json.loads(Path(path).read_text("utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigError(f"{path}: cannot read alias data: {exc}") from exc
            more, more_places = _entries(data, str(path))
            actors += more
            places += more_places
        self.actors: dict[str, CuratedActor] = {}
        self._by_key: dict[tuple[str, str], CuratedActor] = {}
        for actor in actors:
            self.actors.setdefault(actor.id, actor)
            for mention_type in actor.types:
                for alias in (actor.name, *actor.aliases):
                    key = name_key(alias, mention_type)
                    if key:
                        self._by_key.setdefault((mention_type, key), actor)
        self._places = {name_key(p, "ORGANIZATION") for p in places}

    def lookup(self, name: str, mention_type: str) -> CuratedActor | None:
        """The curated actor this name is an alias of, for a mention of this type."""
        return self._by_key.get((mention_type, name_key(name, mention_type)))

    def is_place(self, name: str) -> bool:
        """A region or place the NLP may type as an actor ("Inner Mongolia")."""
        return name_key(name, "ORGANIZATION") in self._places


def state_code(name: str) -> tuple[str | None, str]:
    """ISO3 of a STATE mention and how it was found: ``name``, ``demonym`` or ``capital``."""
    text = fold(name)
    for method, lookup in (
        ("name", code_for_name),
        ("demonym", code_for_demonym),
        ("capital", code_for_capital),
    ):
        code = lookup(text)
        if code:
            return code, method
    return None, ""
