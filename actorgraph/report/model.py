"""The weekly report as plain JSON-ready data, with the citation numbers of its sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class WeeklyReport:
    """A focus country's week: per-counterpart new/continuing actor pairs, events, exercises,
    upcoming (announced) events and the annex of every cited article.

    Entries are JSON-ready dicts (see :mod:`actorgraph.report.diff` for their shape). ``sources``
    is the annex in citation order: source ``n`` is ``sources[n - 1]``.
    """

    week: str
    focus: str
    start: str
    end: str
    counterparts: dict[str, dict[str, Any]]
    events: list[dict[str, Any]]
    exercises: list[dict[str, Any]]
    key_events: list[dict[str, Any]]
    upcoming: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    summary: dict[str, Any]
    names: dict[str, str]
    generated_at: str
    trends: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    outlook: list[dict[str, Any]] = field(default_factory=list)
    non_events: list[dict[str, Any]] = field(default_factory=list)
    hotspots: list[dict[str, Any]] = field(default_factory=list)
    assessment: dict[str, Any] = field(default_factory=lambda: {"indicators": []})
    narrative: dict[str, Any] | None = None
    nearest: list[str] = field(default_factory=list)
    _refs: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._refs = {s["url"]: i + 1 for i, s in enumerate(self.sources)}

    def ref(self, url: str) -> int:
        """The citation number of an article URL in the annex."""
        return self._refs[url]

    def refs(self, sources: list[dict[str, Any]]) -> list[int]:
        """Sorted, unique citation numbers of ``sources`` (dicts with a ``url``)."""
        return sorted({self._refs[s["url"]] for s in sources if s["url"] in self._refs})

    def name(self, iso3: str | None) -> str:
        """Display name of a country code used in this report."""
        return self.names.get(iso3 or "", iso3 or "")

    def to_dict(self) -> dict[str, Any]:
        """The JSON document: ``week``, ``focus``, ``counterparts``, ``events``, ``sources`` and
        the additions ``period``, ``summary``, ``key_events``, ``exercises``, ``upcoming``,
        ``names``, ``generated_at``, ``outlook``, ``non_events``, ``trends``, ``hotspots``,
        ``assessment`` (and ``narrative`` when one was asked for)."""
        doc: dict[str, Any] = {
            "week": self.week,
            "focus": self.focus,
            "period": {"start": self.start, "end": self.end},
            "generated_at": self.generated_at,
            "summary": self.summary,
            "counterparts": self.counterparts,
            "key_events": self.key_events,
            "events": self.events,
            "exercises": self.exercises,
            "upcoming": self.upcoming,
            "outlook": self.outlook,
            "non_events": self.non_events,
            "trends": self.trends,
            "hotspots": self.hotspots,
            "assessment": self.assessment,
            "sources": self.sources,
            "names": self.names,
        }
        if self.nearest:
            doc["nearest_weeks"] = self.nearest
        if self.narrative is not None:
            doc["narrative"] = self.narrative
        return doc
