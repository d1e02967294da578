"""What the resolver's index needs of one name, and a memo of it kept between runs (issue 12).

Indexing the stored actors computes, for each of their names, its comparable form, the id the
name would get as a new actor and the acronyms it defines or spells out: about 25 us a name, a
quarter of a second a run at 5,000 actors with their aliases, growing with the store. These facts
are a pure function of the name, its type, the code below and the KB data, so they are kept in
``ACTORGRAPH_CACHE_DIR`` (``off``: nowhere) in a file named by what they are made of: a change to
any of it starts another file. Only a speed-up: a missing or unreadable memo is recomputed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, NamedTuple

from actorgraph.core import cache, records
from actorgraph.core.cache import write_whole
from actorgraph.core.records import stable_id
from actorgraph.core.settings import cache_dir
from actorgraph.resolve.matcher import NameForm, form_of
from actorgraph.resolve.normalize import (
    acronym_key,
    fold,
    initials_acronyms,
    is_acronym,
    series,
    slug,
    strip_titles,
)

PREFIX = {
    "PERSON": "person",
    "STATE": "state",
    "MILITARY": "military",
    "EXERCISE": "exercise",
    "ORGANIZATION": "org",
}
ORG_GROUP = ("ORGANIZATION", "MILITARY")
# the memo is rewritten with only the names asked for when it holds this many more
SLACK = 20_000


@lru_cache(maxsize=262144)
def own_id(name: str, actor_type: str) -> str:
    """The readable id a name would get as a new actor ("person:battsetseg-batmunkh")."""
    if actor_type == "PERSON":
        base = slug(strip_titles(name))
    elif actor_type == "EXERCISE":
        text, year = series(name)
        base = "-".join(p for p in (slug(text), year) if p)
    else:
        base = slug(re.sub(r"^the\s+", "", fold(name), flags=re.IGNORECASE))
    if not base:
        base = stable_id(name, length=10)
    elif len(slug(name, limit=10_000)) > 60:
        base = f"{base}-{stable_id(name, length=8)}"
    return f"{PREFIX[actor_type]}:{base}"


class NameFacts(NamedTuple):
    """One name of one type: its form (without country and title; ``key`` empty when the name
    carries no information), its own id, the acronym it is, and the abbreviations it spells."""

    key: str
    words: tuple[str, ...]
    initials: tuple[str, ...]
    edition: str | None
    own: str
    acronym: str | None
    derived: tuple[str, ...]

    def form(self, actor_type: str, country: str | None, title: str | None) -> NameForm | None:
        """The name's form for an actor of this country and title (as ``form_of`` gives it)."""
        if not self.key:
            return None
        return NameForm(
            actor_type, self.key, self.words, self.initials, self.edition, country, title
        )


@lru_cache(maxsize=262144)
def name_facts(name: str, actor_type: str) -> NameFacts:
    """The facts of a name, computed."""
    form = form_of(name, actor_type)
    own = own_id(name, actor_type)
    if form is None:
        return NameFacts("", (), (), None, own, None, ())
    acronym: str | None = None
    derived: tuple[str, ...] = ()
    if actor_type in ORG_GROUP and is_acronym(name):
        acronym = acronym_key(name)
    elif actor_type in ORG_GROUP:
        derived = tuple(initials_acronyms(name))
    elif actor_type == "EXERCISE" and form.edition and len(form.words) >= 2:
        words = re.findall(r"[a-z0-9]+", series(name)[0].lower())
        derived = ("exercise:" + "".join(w[0] for w in words) + form.edition[2:],)
    return NameFacts(form.key, form.words, form.initials, form.edition, own, acronym, derived)


def known_facts(names: Iterable[tuple[str, str]]) -> dict[tuple[str, str], NameFacts]:
    """The facts of each ``(name, type)``: from the memo, the others computed and added to it."""
    wanted = dict.fromkeys(names)
    path = memo_file() if wanted else None
    stored, torn = _read(path) if path is not None else ({}, False)
    out: dict[tuple[str, str], NameFacts] = {}
    missing: list[tuple[str, str]] = []
    for pair in wanted:
        facts = stored.get(pair)
        if facts is None:
            facts = name_facts(*pair)
            missing.append(pair)
        out[pair] = facts
    if path is not None:
        with contextlib.suppress(OSError):
            if len(stored) > len(out) + SLACK:
                write_whole(path, "".join(_line(p, f) for p, f in out.items()).encode("utf-8"))
            elif missing:
                _append(path, "\n" * torn + "".join(_line(p, out[p]) for p in missing))
    return out


def memo_file() -> Path | None:
    """Where the memo is kept, named by what the facts are made of (None: no cache)."""
    folder = cache_dir()
    return None if folder is None else folder / f"name-facts-{_made_of()}.jsonl"


def made_of_files() -> list[Path]:
    """The code and data the facts are computed from: the resolver's name modules, the stable
    ids and every KB file."""
    here = Path(__file__).parent
    files = [here / n for n in ("facts.py", "matcher.py", "normalize.py")]
    files.append(Path(records.__file__))
    kb = Path(str(resources.files("actorgraph.core.kb")))
    files += sorted(p for p in kb.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return files


def digest(files: Iterable[Path]) -> str:
    """A digest of the files' names and contents and of the Unicode tables ``fold`` uses."""
    return cache.digest(files, unicodedata.unidata_version)


@lru_cache(maxsize=1)
def _made_of() -> str:
    return digest(made_of_files())


def _line(pair: tuple[str, str], f: NameFacts) -> str:
    row = [*pair, f.key, f.words, f.initials, f.edition, f.own, f.acronym, f.derived]
    return json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n"


def _read(path: Path) -> tuple[dict[tuple[str, str], NameFacts], bool]:
    """The memo's facts, and whether its last line is torn (a write cut short): lines that are
    not a row of facts are skipped."""
    try:
        text = path.read_bytes().decode("utf-8", errors="replace")
    except OSError:
        return {}, False
    lines = text.splitlines()
    try:
        rows: list[Any] = json.loads("[" + ",".join(lines) + "]")
    except ValueError:
        rows = []
        for line in lines:
            with contextlib.suppress(ValueError):
                rows.append(json.loads(line))
    out: dict[tuple[str, str], NameFacts] = {}
    for row in rows:
        with contextlib.suppress(TypeError, ValueError):
            name, kind, key, words, initials, edition, own, acronym, derived = row
            out[(name, kind)] = NameFacts(
                key, tuple(words), tuple(initials), edition, own, acronym, tuple(derived)
            )
    return out, bool(text) and not text.endswith("\n")


def _append(path: Path, text: str) -> None:
    """Add lines with one ``write`` to the end of the file (two runs adding at once each add
    whole lines; a write cut short leaves a torn last line, skipped when read)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)
