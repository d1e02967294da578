"""Saved Cypher queries: ``.cypher`` files with a ``//`` header, loaded, typed and run.

Header lines (before the first non-comment line)::

    // name: first_contacts
    // description: Pairs ... whose first interaction falls in [since, until).
    // params: focus (country), since (date), limit (int, 10)
    // engines: ladybug, neo4j

A query whose dialects differ has one file per engine (``NAME.ENGINE.cypher``), each with the same
header; otherwise one ``NAME.cypher`` serves every engine it lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from actorgraph.core.errors import QueryError
from actorgraph.core.kb.countries import parse_country
from actorgraph.graph.base import GraphStore
from actorgraph.graph.lookup import find_actor

QUERY_DIR = Path(__file__).parent
ENGINES: tuple[str, ...] = ("ladybug", "neo4j")
PARAM_TYPES: tuple[str, ...] = (
    "str",
    "int",
    "float",
    "bool",
    "date",
    "year",
    "country",
    "actor",
)
_PARAM = re.compile(r"(\w+)\s*\(\s*(\w+)\s*(?:,\s*([^)]*?))?\s*\)")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Param:
    """A declared parameter; ``default`` None means required."""

    name: str
    type: str
    default: str | None = None
    low: float | None = None
    high: float | None = None

    def __str__(self) -> str:
        bounds = f", {_num(self.low)}..{_num(self.high)}" if self.low is not None else ""
        if self.default is None:
            return f"{self.name} ({self.type}{bounds})"
        shown = self.default or "''"
        return f"{self.name} ({self.type}, default {shown}{bounds})"

    def coerce(self, raw: str, query: str) -> Any:
        """The CLI's string value as the declared type, within its declared bounds (QueryError
        naming the parameter)."""
        try:
            value = _COERCE[self.type](raw)
        except ValueError as exc:
            raise QueryError(
                f"query {query}: parameter {self.name}={raw!r} is not a valid {self.type} ({exc})"
            ) from exc
        if self.low is not None and self.high is not None and not self.low <= value <= self.high:
            raise QueryError(
                f"query {query}: parameter {self.name}={raw} is out of range: "
                f"{_num(self.low)}..{_num(self.high)}"
            )
        return value


def _num(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


@dataclass(frozen=True)
class SavedQuery:
    """One saved query with its Cypher text per engine."""

    name: str
    description: str
    params: tuple[Param, ...]
    engines: tuple[str, ...]
    texts: dict[str, str] = field(default_factory=dict)

    def text_for(self, engine: str) -> str:
        if engine not in self.texts:
            raise QueryError(
                f"query {self.name} has no form for the {engine} store "
                f"(it runs on: {', '.join(self.engines)})"
            )
        return self.texts[engine]

    def bind(self, raw: dict[str, str]) -> dict[str, Any]:
        """Typed parameters from CLI strings; defaults filled, unknown and missing ones refused."""
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(raw) - set(declared))
        if unknown:
            raise QueryError(
                f"query {self.name} has no parameter {', '.join(unknown)}; "
                f"it takes: {', '.join(str(p) for p in self.params) or 'none'}"
            )
        missing = [p.name for p in self.params if p.name not in raw and p.default is None]
        if missing:
            raise QueryError(
                f"query {self.name} needs --param for: {', '.join(missing)} "
                f"(e.g. --param {missing[0]}=VALUE)"
            )
        return {
            p.name: p.coerce(raw[p.name] if p.name in raw else p.default or "", self.name)
            for p in self.params
        }


def _date(raw: str) -> str:
    return date.fromisoformat(raw.strip()).isoformat()


def _year(raw: str) -> str:
    if not re.fullmatch(r"\d{4}", raw.strip()):
        raise ValueError("expected YYYY")
    return raw.strip()


def _country(raw: str) -> str:
    return parse_country(raw)


def _bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "y"):
        return True
    if value in ("0", "false", "no", "n"):
        return False
    raise ValueError("expected true or false")


def _string(raw: str) -> str:
    return "" if raw.strip() in ("''", '""') else raw


_COERCE: dict[str, Callable[[str], Any]] = {
    "str": _string,
    "int": int,
    "float": float,
    "bool": _bool,
    "date": _date,
    "year": _year,
    "country": _country,
    "actor": str,  # resolved against the store in run_query
}


def parse_file(path: Path) -> tuple[dict[str, str], str]:
    """``(header fields, Cypher text)`` of one ``.cypher`` file."""
    header: dict[str, str] = {}
    body: list[str] = []
    in_header = True
    for line in path.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if in_header and stripped.startswith("//"):
            key, sep, value = stripped[2:].partition(":")
            if sep:
                key = key.strip().lower()
                header[key] = f"{header[key]}, {value.strip()}" if key in header else value.strip()
            continue
        in_header = False
        body.append(line)
    return header, "\n".join(body).strip()


def _params(spec: str, where: Path) -> tuple[Param, ...]:
    params = []
    for match in _PARAM.finditer(spec):
        name, kind, default = match.group(1), match.group(2), match.group(3)
        if kind not in PARAM_TYPES:
            raise QueryError(f"{where}: parameter {name} has unknown type {kind!r}")
        low = high = None
        if default is not None:
            default, _, bounds = default.partition(",")
            default = _string(default.strip())
            found = re.fullmatch(r"\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s*", bounds)
            if bounds.strip() and not found or kind not in ("int", "float") and found:
                raise QueryError(f"{where}: parameter {name} has bad bounds {bounds.strip()!r}")
            if found:
                low, high = float(found.group(1)), float(found.group(2))
        params.append(Param(name, kind, default, low, high))
    return tuple(params)


@cache
def _load(directory: str) -> tuple[SavedQuery, ...]:
    found: dict[str, SavedQuery] = {}
    for path in sorted(Path(directory).glob("*.cypher")):
        header, text = parse_file(path)
        name = header.get("name") or path.name.split(".")[0]
        engines = tuple(e.strip() for e in header.get("engines", ", ".join(ENGINES)).split(","))
        bad = [e for e in engines if e not in ENGINES]
        if bad or not text:
            raise QueryError(f"{path}: unknown engine {bad}" if bad else f"{path}: no Cypher text")
        previous = found.get(name)
        texts = dict(previous.texts) if previous else {}
        texts.update({e: text for e in engines})
        found[name] = SavedQuery(
            name=name,
            description=header.get("description", ""),
            params=_params(header.get("params", ""), path),
            engines=tuple(e for e in ENGINES if e in texts),
            texts=texts,
        )
    return tuple(sorted(found.values(), key=lambda q: q.name))


def load_queries(directory: Path = QUERY_DIR) -> list[SavedQuery]:
    """Every saved query, by name."""
    return list(_load(str(directory)))


def get_query(name: str, directory: Path = QUERY_DIR) -> SavedQuery:
    """One saved query; QueryError listing the known names when there is none by that name."""
    for query in _load(str(directory)):
        if query.name == name:
            return query
    names = ", ".join(q.name for q in _load(str(directory)))
    raise QueryError(f"no saved query named {name!r}; saved queries: {names}")


_STRING_LITERAL = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`""")
_RAW_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")


def missing_raw_params(text: str, given: dict[str, str]) -> list[str]:
    """``$names`` that raw Cypher uses (outside string literals) and ``given`` lacks."""
    used = _RAW_PARAM.findall(_STRING_LITERAL.sub("", text))
    return [name for name in dict.fromkeys(used) if name not in given]


def raw_param(value: str) -> Any:
    """A CLI value for raw Cypher: whole numbers become integers, everything else stays text."""
    return int(value) if re.fullmatch(r"-?\d{1,18}", value.strip()) else value


def bind_for(store: GraphStore, query: SavedQuery, params: dict[str, str]) -> dict[str, Any]:
    """A saved query's parameters coerced to their types, actors resolved to their ids in
    ``store`` (by id, name or alias; QueryError when none or several match)."""
    bound = query.bind(params)
    for param in query.params:
        if param.type == "actor" and bound[param.name]:
            bound[param.name] = find_actor(store, bound[param.name]).actor.id
    return bound


def run_query(
    store: GraphStore,
    name_or_cypher: str,
    params: dict[str, str] | None = None,
    write: bool = False,
) -> list[dict[str, Any]]:
    """Run a saved query by name (its form for ``store.engine``), else the text as raw Cypher.

    Saved-query parameters are coerced to their declared types; raw Cypher gets integers for
    whole-number values and strings otherwise. Values are always parameters, never pasted.
    """
    params = params or {}
    text = name_or_cypher.strip()
    if _NAME.match(text):
        query = get_query(text)
        bound = bind_for(store, query, params)
        return store.run(query.text_for(store.engine), bound, write=write)
    missing = missing_raw_params(text, params)
    if missing:
        raise QueryError(
            f"the query uses ${', $'.join(missing)} but no value was given: "
            + " ".join(f"--param {name}=VALUE" for name in missing)
        )
    return store.run(text, {k: raw_param(v) for k, v in params.items()}, write=write)
