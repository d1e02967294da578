"""The English data files under ``core/kb/en/`` (exercises, forces, titles, event triggers).

Every file is plain text that users may extend; lines starting with ``#`` are comments.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from actorgraph.core.errors import ExtractionError


def _read(name: str) -> list[str]:
    text = resources.files("actorgraph.core.kb").joinpath(f"en/{name}").read_text("utf-8")
    return [
        line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")
    ]


@lru_cache(maxsize=1)
def exercise_series() -> tuple[str, ...]:
    """Names of exercise series ("Khaan Quest", "Steppe Partner")."""
    return tuple(line.strip() for line in _read("exercises.txt"))


@lru_cache(maxsize=1)
def military_patterns() -> tuple[dict[str, Any], ...]:
    """EntityRuler patterns for armed forces and units (``id`` holds the ISO3 country if known)."""
    rows = []
    for number, line in enumerate(_read("military.jsonl"), start=1):
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as exc:
            raise ExtractionError(
                f"core/kb/en/military.jsonl line {number}: invalid JSON ({exc})"
            ) from exc
    return tuple(rows)


@dataclass(frozen=True)
class Titles:
    heads: frozenset[str]
    modifiers: frozenset[str]
    honorifics: frozenset[str] = frozenset()
    glue: frozenset[str] = frozenset()
    phrases: tuple[str, ...] = ()

    @property
    def honorific_forms(self) -> frozenset[str]:
        """Lower-case honorifics with and without their full stop ("mr", "mr.", "h.e.")."""
        forms = {h.lower() for h in self.honorifics}
        return frozenset(forms | {f + "." for f in forms if not f.endswith(".")})

    @property
    def words(self) -> frozenset[str]:
        """Every title, rank and honorific word, lower case, without full stops."""
        return frozenset(
            w.lower().replace(".", "") for w in self.heads | self.modifiers | self.honorifics
        )


@lru_cache(maxsize=1)
def titles() -> Titles:
    """Title heads ("Minister") and the words that may precede them ("Deputy", "Foreign")."""
    kinds: dict[str, set[str]] = {
        "head": set(),
        "mod": set(),
        "honorific": set(),
        "glue": set(),
        "phrase": set(),
    }
    for line in _read("titles.txt"):
        kind, _, word = line.partition(":")
        kinds.get(kind.strip(), kinds["mod"]).add(word.strip())
    return Titles(
        frozenset(kinds["head"]),
        frozenset(kinds["mod"]),
        frozenset(kinds["honorific"]),
        frozenset(kinds["glue"]),
        tuple(sorted(kinds["phrase"])),
    )


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], str]:
    """``(lemma, "VERB"|"NOUN")`` -> event type."""
    table: dict[tuple[str, str], str] = {}
    for line in _read("triggers.tsv"):
        cols = line.split("\t")
        if len(cols) < 3:
            continue
        lemma, kind, pos = cols[0].strip().lower(), cols[1].strip(), cols[2].strip().upper()
        for p in ("VERB", "NOUN") if pos == "ANY" else (pos,):
            table.setdefault((lemma, p), kind)
    return table


@lru_cache(maxsize=1)
def aid_nouns() -> frozenset[str]:
    """Nouns that are AID only in "with <noun> from X" (``aid_nouns.txt``)."""
    return frozenset(line.strip().lower() for line in _read("aid_nouns.txt"))


@lru_cache(maxsize=1)
def places() -> frozenset[str]:
    """Place names the NER tends to mislabel (always LOCATION)."""
    return frozenset(line.strip() for line in _read("places.txt"))


@lru_cache(maxsize=1)
def mongolian_name_parts() -> tuple[str, ...]:
    """Lower-case endings of Mongolian personal names."""
    return tuple(line.strip().lower() for line in _read("mongolian_name_parts.txt"))


@lru_cache(maxsize=1)
def furniture_patterns() -> dict[str, tuple[str, ...]]:
    """Page-furniture expressions by kind ("line", "start", "list", "end", "inline",
    "dateline"), from ``furniture.txt``."""
    table: dict[str, list[str]] = {}
    for line in _read("furniture.txt"):
        kind, sep, expr = line.partition(":")
        if sep and expr.strip():
            table.setdefault(kind.strip(), []).append(expr.strip())
    return {kind: tuple(exprs) for kind, exprs in table.items()}


@lru_cache(maxsize=1)
def initials() -> tuple[str, ...]:
    """Name initials longer than one letter ("Ts", "Kh", "Ch"), without the full stop."""
    return tuple(dict.fromkeys(line.strip() for line in _read("initials.txt")))


@dataclass(frozen=True)
class NotActors:
    names: frozenset[str]
    pattern: re.Pattern[str]
    heads: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def not_actors() -> NotActors:
    """Names that are never actors (``not_actors.txt``): exact names and whole-name patterns."""
    names: set[str] = set()
    exprs: list[str] = []
    heads: set[str] = set()
    words: set[str] = set()
    for line in _read("not_actors.txt"):
        kind, sep, rest = line.partition(":")
        if sep and kind == "re":
            exprs.append(rest.strip())
        elif sep and kind == "head":
            heads.add(rest.strip())
        elif sep and kind == "word":
            words.add(rest.strip())
        else:
            names.add(line.strip())
    pattern = re.compile("|".join(f"(?:{e})" for e in exprs) or "(?!)")
    return NotActors(frozenset(names), pattern, frozenset(heads), frozenset(words))


@lru_cache(maxsize=1)
def _event_words() -> dict[str, frozenset[str]]:
    lists: dict[str, set[str]] = {}
    for line in _read("event_words.txt"):
        name, sep, word = line.partition(":")
        if sep and word.strip():
            lists.setdefault(name.strip().lower(), set()).add(word.strip().lower())
    return {name: frozenset(words) for name, words in lists.items()}


def event_words(name: str) -> frozenset[str]:
    """One word list of the event rules (``event_words.txt``), e.g. ``"future_aux"``."""
    try:
        return _event_words()[name]
    except KeyError:
        raise ExtractionError(f"core/kb/en/event_words.txt has no list {name!r}") from None
