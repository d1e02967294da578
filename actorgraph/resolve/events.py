"""Cross-article event identity: one interaction reported by several outlets is one event.

:meth:`Event.make_id` already gives the same id to the same type, status, participants and day.
Outlets often differ by one day, though, when one states the date ("on 27 May") and another gives
none, so its event falls back to its publication day (the next morning). :class:`EventIndex`
joins such events: same type, status and participants, days at most one apart, and at least one
of the two dated only by publication. Two dated statements on different days stay two events
(the same two people meeting twice are two meetings).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from actorgraph.core.records import Event, EventKey, EventView, ResolvedArticle

Key = tuple[str, str, frozenset[str]]
KeyLookup = Callable[[Sequence[str]], Iterable[EventKey]]


@dataclass(frozen=True, slots=True)
class _Dated:
    id: str
    day: date
    basis: str


def _day(value: str | None) -> date | None:
    if not value or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


class EventIndex:
    """The events known so far (from the store and this run), keyed by type/status/participants.

    With ``lookup`` (days -> the stored events' keys on those days, e.g.
    ``GraphStore.event_keys``) the store is asked only about the days around the events being
    unified, each day once per run: the cost follows the new articles, not the store.
    """

    def __init__(self, known: Iterable[EventView] = (), lookup: KeyLookup | None = None) -> None:
        self._by_key: dict[Key, list[_Dated]] = {}
        self._ids: set[str] = set()
        self._lookup = lookup
        self._loaded: set[str] = set()
        for view in known:
            self._add(
                (view.type, view.status, frozenset(a.id for a, _ in view.participants)),
                view.id,
                view.date,
                view.date_basis,
            )

    def _add(self, key: Key, event_id: str, day_text: str | None, basis: str) -> None:
        day = _day(day_text)
        if day is not None and event_id not in self._ids:
            self._ids.add(event_id)
            self._by_key.setdefault(key, []).append(_Dated(event_id, day, basis))

    def prefetch(self, days: Iterable[str | None]) -> None:
        """Load the stored events of these days and the days either side, in one lookup."""
        if self._lookup is None:
            return
        wanted: set[str] = set()
        for text in days:
            day = _day(text)
            if day is not None:
                wanted.update((day + timedelta(days=d)).isoformat() for d in (-1, 0, 1))
        missing = sorted(wanted - self._loaded)
        if not missing:
            return
        self._loaded.update(missing)
        for key in self._lookup(missing):
            self._add((key.type, key.status, key.actor_ids), key.id, key.date, key.date_basis)

    def same_event(self, event: Event) -> Event:
        """``event`` under the id of an already known event it reports (taking the known date
        when only that one was stated in the text), else unchanged (and now known)."""
        key = (event.type, event.status, frozenset(p.actor_id for p in event.participants))
        day = _day(event.date)
        if day is not None:
            self.prefetch([event.date])
            for known in self._by_key.get(key, ()):
                if known.id == event.id:
                    return event
                close = abs(known.day - day) <= timedelta(days=1)
                if close and "published" in (known.basis, event.date_basis):
                    if known.basis == "text" and event.date_basis == "published":
                        return replace(
                            event, id=known.id, date=known.day.isoformat(), date_basis="text"
                        )
                    return replace(event, id=known.id)
        self._add(key, event.id, event.date, event.date_basis)
        return event

    def unify(self, doc: ResolvedArticle) -> ResolvedArticle:
        """``doc`` with each event's id replaced by the id of the known event it reports."""
        self.prefetch(e.date for e in doc.events)
        events: list[Event] = []
        taken: set[str] = set()
        for event in map(self.same_event, doc.events):
            if event.id in taken:
                continue  # two sentences of one article stating the same event: keep the first
            taken.add(event.id)
            events.append(event)
        return replace(doc, events=events)
