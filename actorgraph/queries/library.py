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
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from actorgraph.core.errors import QueryError
from actorgraph.graph.base import GraphStore

QUERY_DIR = Path(__file__).parent
ENGINES: tuple[str, ...] = ("ladybug", "neo4j")
PARAM_TYPES: tuple[str, ...] = ("str", "int", "float", "bool", "date", "year", "country")
_PARAM = re.compile(r"(\w+)\s*\(\s*(\w+)\s*(?:,\s*([^)]*?))?\s*\)")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Param:
    """A declared parameter; ``default`` None means required."""

    name: str
    type: str
    default: str | None = None

    def __str__(self) -> str:
        if self.default is None:
            return f"{self.name} ({self.type})"
        shown = self.default or "''"
        return f"{self.name} ({self.type}, default {shown})"

    def coerce(self, raw: str, query: str) -> Any:
        """The CLI's string value as the declared type (QueryError naming the parameter)."""
        try:
            return _COERCE[self.type](raw)
        except ValueError as exc:
            raise QueryError(
                f"query {query}: parameter {self.name}={raw!r} is not a valid {self.type} ({exc})"
            ) from exc


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
    code = raw.strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise ValueError("expected an ISO 3166 alpha-3 code such as MNG")
    return code


def _bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in ("1", "true", "yes", "y"):
        return True
    if value in ("0", "false", "no", "n"):
        return False
    raise ValueError("expected true or false")


def _string(raw: str) -> str:
    return "" if raw.strip() in ("''", '""') else raw


_COERCE = {
    "str": _string,
    "int": int,
    "float": float,
    "bool": _bool,
    "date": _date,
    "year": _year,
    "country": _country,
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
        if default is not None:
            default = _string(default.strip())
        params.append(Param(name, kind, default))
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


def raw_param(value: str) -> Any:
    """A CLI value for raw Cypher: whole numbers become integers, everything else stays text."""
    return int(value) if re.fullmatch(r"-?\d{1,18}", value.strip()) else value


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
        return store.run(query.text_for(store.engine), query.bind(params), write=write)
    return store.run(text, {k: raw_param(v) for k, v in params.items()}, write=write)
