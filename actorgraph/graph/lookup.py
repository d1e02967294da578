"""Find the actor a person means: by id, canonical name or alias (Latin or Cyrillic, any case),
following merges to the live actor. Unknown and ambiguous names are errors that name the input and
suggest close names as commands that work when pasted."""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from actorgraph.core.errors import ResolutionError
from actorgraph.core.records import Actor
from actorgraph.graph.base import GraphStore
from actorgraph.resolve.normalize import fold


@dataclass(frozen=True, slots=True)
class ActorMatch:
    """The actor found, and how: ``id``, ``name`` or ``alias`` (the alias that matched)."""

    actor: Actor
    how: str
    matched: str

    def describe(self) -> str:
        """One line saying which actor an argument matched (for stderr)."""
        if self.how == "id":
            return f"{self.actor.id}  {self.actor.name}"
        return f"{self.matched!r} matched {self.actor.id}  {self.actor.name} (by {self.how})"


def find_actor(store: GraphStore, text: str) -> ActorMatch:
    """The actor ``text`` names (an id: that actor; a name or alias: a live actor);
    ResolutionError when none or several do."""
    wanted = text.strip()
    if not wanted:
        raise ResolutionError("an actor is needed: give an id, a name or an alias")
    by_id = store.actor(wanted)  # an id means that actor, merged away or not
    if by_id is not None:
        return ActorMatch(by_id, "id", wanted)
    actors = store.actors()
    key = _key(wanted)
    for how in ("name", "alias"):
        found = [
            a
            for a in actors
            if (_key(a.name) == key if how == "name" else any(_key(x) == key for x in a.aliases))
        ]
        if len(found) == 1:
            return ActorMatch(found[0], how, wanted)
        if len(found) > 1:
            listed = "; ".join(f"{a.id} ({a.name}, {a.type})" for a in found[:6])
            raise ResolutionError(f"{wanted!r} names {len(found)} actors: {listed}; give an id")
    raise ResolutionError(_unknown(wanted, actors))


def _key(text: str) -> str:
    return fold(text).casefold()


def _unknown(wanted: str, actors: list[Actor]) -> str:
    names = {a.name: a for a in actors}
    close = process.extract(wanted, list(names), scorer=fuzz.WRatio, limit=3, score_cutoff=70)
    message = f"no actor {wanted!r} (by id, name or alias)"
    if close:
        tips = ", ".join(f"{names[n].id} ({n})" for n, _, _ in close)
        return f"{message}; did you mean {tips}?"
    hint = wanted.split(":", 1)[-1].replace("-", " ").strip() or wanted
    return f"{message}; try `actorgraph actors search {shlex.quote(hint)}`"
