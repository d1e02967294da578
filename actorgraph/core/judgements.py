"""A person's decisions about two actors (same, not same, unsure), applied by the resolver and
shared as JSON. Storage in the graph is the graph stage's job; these are plain records."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from actorgraph.core.enums import Verdict
from actorgraph.core.errors import ResolutionError
from actorgraph.core.merge import merge_groups

VERDICTS: tuple[str, ...] = (Verdict.SAME, Verdict.NOT_SAME, Verdict.UNSURE)
ACTOR_VERDICTS: tuple[str, ...] = (Verdict.EDIT, Verdict.DROP)
EDITABLE: tuple[str, ...] = ("type", "country", "title")


@dataclass(frozen=True, slots=True)
class Judgement:
    """``a`` and ``b`` are actor ids; ``when`` is UTC ISO-8601. An ``edit`` or ``drop`` names one
    actor (``b`` is empty); an edit's ``changes`` is JSON ``{field: [old, new]}`` for ``type``,
    ``country`` and ``title``, so undo can restore the old values."""

    a: str
    b: str
    verdict: str
    who: str = ""
    when: str = ""
    why: str = ""
    changes: str = ""

    def __post_init__(self) -> None:
        if self.verdict not in VERDICTS + ACTOR_VERDICTS:
            raise ResolutionError(
                f"judgement {self.a} / {self.b}: verdict {self.verdict!r} is not "
                f"one of {', '.join(VERDICTS + ACTOR_VERDICTS)}"
            )
        if self.verdict in ACTOR_VERDICTS:
            if not self.a or self.b:
                raise ResolutionError(f"judgement {self.verdict} {self.a!r}: names one actor")
            return
        if not self.a or not self.b or self.a == self.b:
            raise ResolutionError(
                f"judgement {self.a!r} / {self.b!r}: needs two different actor ids"
            )

    @property
    def pair(self) -> tuple[str, str]:
        return (self.a, self.b) if self.a <= self.b else (self.b, self.a)

    def edits(self) -> dict[str, list[str | None]]:
        """``{field: [old, new]}`` of an edit (empty for other verdicts)."""
        if self.verdict != Verdict.EDIT or not self.changes:
            return {}
        data = json.loads(self.changes)
        return {k: list(v) for k, v in data.items() if k in EDITABLE}


def actor_edits(
    judgements: Iterable[Judgement],
) -> tuple[dict[str, dict[str, str | None]], set[str]]:
    """What a person's ``edit`` and ``drop`` judgements make of actors: ``({id: {field: value}},
    dropped ids)``, later judgements winning."""
    fields: dict[str, dict[str, str | None]] = {}
    dropped: set[str] = set()
    for j in judgements:
        if j.verdict == Verdict.EDIT:
            for name, (_, new) in j.edits().items():
                fields.setdefault(j.a, {})[name] = new
        elif j.verdict == Verdict.DROP:
            dropped.add(j.a)
    return fields, dropped


def judge(
    a: str, b: str, verdict: str, who: str = "", why: str = "", changes: str = ""
) -> Judgement:
    """A judgement made now."""
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return Judgement(a, b, verdict, who, now, why, changes)


class JudgementBook:
    """The latest verdict per pair, and the groups :func:`actorgraph.core.merge.merge_groups`
    makes of them (the same rule the store applies)."""

    def __init__(
        self, judgements: Iterable[Judgement] = (), existing: Iterable[str] | None = None
    ) -> None:
        """``existing``: the actor ids the store holds (merged away or not); judgements naming
        others are ignored by the merge rule, as the store ignores them. Default: every id the
        judgements name."""
        self._latest: dict[tuple[str, str], Judgement] = {}
        self._decisive: dict[tuple[str, str], Judgement] = {}
        self._order: list[Judgement] = []
        self._parent: dict[str, str] | None = None
        self._existing = None if existing is None else set(existing)
        for j in judgements:
            self.add(j)

    def add(self, judgement: Judgement) -> None:
        self._latest[judgement.pair] = judgement
        if judgement.verdict != Verdict.UNSURE:
            self._decisive[judgement.pair] = judgement
        self._order.append(judgement)
        self._parent = None

    def all(self) -> list[Judgement]:
        return list(self._order)

    def verdict(self, a: str, b: str) -> str | None:
        if not self._latest:
            return None
        found = self._latest.get((a, b) if a <= b else (b, a))
        return found.verdict if found else None

    @property
    def decisive(self) -> bool:
        """Whether any pair has a ``same`` or ``not_same`` verdict."""
        return bool(self._decisive)

    def not_same(self, a: str, b: str) -> bool:
        """Whether the pair is kept apart: its latest ``same``/``not_same`` verdict is
        ``not_same`` (``unsure`` decides nothing, as in :func:`merge_groups`)."""
        found = self._decisive.get((a, b) if a <= b else (b, a))
        return found is not None and found.verdict == Verdict.NOT_SAME

    def _groups(self) -> dict[str, str]:
        if self._parent is None:
            existing = self.ids() if self._existing is None else self._existing
            self._parent = merge_groups(self._order, existing)
        return self._parent

    def canonical(self, actor_id: str) -> str:
        """The id an actor is joined into by ``same`` judgements (itself if none)."""
        return self._groups().get(actor_id, actor_id)

    def ids(self) -> set[str]:
        return {x for j in self._order for x in (j.a, j.b) if x}


def stale_judgements(judgements: Iterable[Judgement], actor_ids: Iterable[str]) -> list[Judgement]:
    """Judgements naming an actor that does not exist (to report, never to drop silently)."""
    known = set(actor_ids)
    return [j for j in judgements if j.a not in known or (j.b and j.b not in known)]


def judgements_to_json(judgements: Iterable[Judgement]) -> str:
    """JSON text: ``{"judgements": [{"a","b","verdict","who","when","why"}, ...]}``."""
    return json.dumps({"judgements": [asdict(j) for j in judgements]}, indent=2, ensure_ascii=False)


def judgements_from_json(text: str, origin: str = "judgements") -> list[Judgement]:
    """Parse :func:`judgements_to_json` output; bad input raises ResolutionError naming it."""
    try:
        data = json.loads(text)
        rows = data["judgements"] if isinstance(data, dict) else data
        return [
            Judgement(
                str(r["a"]),
                str(r["b"]),
                str(r["verdict"]),
                str(r.get("who", "")),
                str(r.get("when", "")),
                str(r.get("why", "")),
                str(r.get("changes", "")),
            )
            for r in rows
        ]
    except ResolutionError as exc:
        raise ResolutionError(f"{origin}: {exc}") from exc
    except (ValueError, KeyError, TypeError) as exc:
        raise ResolutionError(f"{origin}: not a judgements file ({exc})") from exc


def save_judgements(path: str | Path, judgements: Iterable[Judgement]) -> None:
    Path(path).write_text(judgements_to_json(judgements) + "\n", encoding="utf-8")


def load_judgements(path: str | Path) -> list[Judgement]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ResolutionError(f"{path}: cannot read judgements: {exc}") from exc
    return judgements_from_json(text, str(path))
