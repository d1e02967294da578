"""The resolver: an extraction's mentions to canonical actors, its event mentions to events.

Order of evidence for one mention: a country (STATE), the curated alias data, an acronym defined
in the article (then one defined in an earlier article), an exact key among the article's actors,
a compatible person or exercise series in the same article, an exact key among all actors, and
last a fuzzy match among blocked candidates of the same type. Anything but an exact key leaves a
:class:`MergeExplanation`. Judgements ("not same" / "same") veto or force a merge.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from actorgraph.core.errors import ResolutionError
from actorgraph.core.judgements import Judgement, JudgementBook, stale_judgements
from actorgraph.core.kb.countries import country_name
from actorgraph.core.records import (
    ACTOR_TYPES,
    ROLES,
    Actor,
    ActorMention,
    Event,
    Extraction,
    Mention,
    MergeExplanation,
    Participant,
    ResolvedArticle,
)
from actorgraph.resolve.aliases import Curated, CuratedActor, state_code
from actorgraph.resolve.facts import ORG_GROUP, NameFacts, known_facts, name_facts, own_id
from actorgraph.resolve.matcher import (
    AMBIGUITY_MARGIN,
    Comparison,
    MatchIndex,
    NameForm,
    form_of,
    iso_codes,
    threshold,
)
from actorgraph.resolve.normalize import (
    COMMON_WORDS,
    acronym_key,
    fold,
    is_acronym,
    letters_in,
    name_key,
    series,
    strip_titles,
)
from actorgraph.resolve.places import locate_place

MAX_NAME = 200
EXERCISE_SHORT = re.compile(r"[A-Za-z]{2,5}[-' ]?\d{2}")


@dataclass(slots=True)
class _Article:
    """What the resolver knows about the article being resolved."""

    ids: list[str] = field(default_factory=list)
    acronyms: dict[str, str] = field(default_factory=dict)
    merges: list[MergeExplanation] = field(default_factory=list)

    def add(self, actor_id: str) -> None:
        if actor_id not in self.ids:
            self.ids.append(actor_id)


@dataclass(slots=True)
class _Match:
    actor_id: str
    method: str | None
    score: float = 1.0
    features: dict[str, Any] = field(default_factory=dict)


def display_name(name: str, actor_type: str) -> str:
    """The name shown for a new actor: titles stripped for people, a leading "the" dropped."""
    name = re.sub(r"\s+", " ", name).strip()
    if actor_type == "PERSON":
        return strip_titles(name) or name
    return re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)


def series_name(name: str) -> str | None:
    """The series of an exercise edition ("Steppe Partner-2024" -> "Steppe Partner"), else None."""
    text, year = series(name)
    return text if year and text else None


def series_id(name: str) -> str | None:
    """The id of an exercise's series ("Steppe Partner-2024" -> "exercise:steppe-partner"), to
    link editions to their series; None when the name has no edition."""
    text, year = series(name)
    return own_id(text, "EXERCISE") if year and text else None


def _order(m: Mention) -> tuple[bool, int]:
    """Resolve full names before partial ones, and fuller person names first (they name the
    actor they create)."""
    if m.type != "PERSON":
        return _deferred(m), 0
    form = form_of((m.name or m.text or "")[:MAX_NAME], "PERSON")
    return _deferred(m), -len(form.words) if form else 0


def _deferred(m: Mention) -> bool:
    """Mentions resolved after the others, once the article's full names and acronyms are known."""
    name = m.name or m.text or ""
    if m.type == "PERSON":
        form = form_of(name[:MAX_NAME], "PERSON")
        return form is not None and len(form.words) <= 1 and not form.initials
    if m.type in ORG_GROUP:
        return is_acronym(name)
    if m.type == "EXERCISE":
        return series(name)[1] is None
    return False


class Resolver:
    """Resolves extractions against the actors it knows; learns the new ones as it goes."""

    def __init__(
        self,
        known: Iterable[Actor] = (),
        judgements: Iterable[Judgement] = (),
        alias_files: Iterable[str] = (),
        existing: Iterable[str] | None = None,
    ) -> None:
        """``existing``: every actor id the store holds, merged away or not (so judgements
        apply exactly as the store applies them; see :mod:`actorgraph.core.merge`)."""
        self._curated = Curated(alias_files)
        self._book = JudgementBook(judgements, existing)
        self._actors: dict[str, Actor] = {}
        self._index = MatchIndex()
        self._acronyms: dict[str, set[str]] = {}
        self._derived: dict[str, set[str]] = {}
        actors = [a for a in known if a.type in ACTOR_TYPES and a.id]
        # the facts of the stored names come from a memo kept between runs (resolve/facts.py)
        facts = known_facts(
            (n[:MAX_NAME], a.type) for a in actors for n in (a.name, *a.aliases) if n
        )
        for actor in actors:
            self._add_known(actor, facts)

    # -- public -----------------------------------------------------------------------------

    def actors(self) -> list[Actor]:
        """Every actor known so far (copies)."""
        return [replace(a, aliases=list(a.aliases)) for a in self._actors.values()]

    @property
    def comparisons(self) -> int:
        """How many pairwise name comparisons were made (for tests of the blocking)."""
        return self._index.comparisons

    def judge(self, judgement: Judgement) -> None:
        """Add a judgement; it applies to every later resolution."""
        self._book.add(judgement)

    def judgements(self) -> list[Judgement]:
        return self._book.all()

    def stale_judgements(self) -> list[Judgement]:
        """Judgements that name an actor this resolver does not know."""
        return stale_judgements(self._book.all(), self._actors)

    def resolve(self, extraction: Extraction) -> ResolvedArticle:
        """Canonical actors, resolved mentions, events and merge explanations of one article."""
        mentions = list(extraction.mentions)
        self._check(extraction)
        ctx = _Article()
        ids: list[str | None] = [None] * len(mentions)
        for i in sorted(range(len(mentions)), key=lambda k: _order(mentions[k])):
            ids[i] = self._resolve_mention(mentions[i], ctx)
        resolved = [
            ActorMention(aid, m.text, m.start, m.end)
            for aid, m in zip(ids, mentions, strict=True)
            if aid
        ]
        actors = [replace(self._actors[a], aliases=list(self._actors[a].aliases)) for a in ctx.ids]
        return ResolvedArticle(
            extraction.article, actors, resolved, self._events(extraction, ids), ctx.merges
        )

    # -- input checks and events --------------------------------------------------------------

    @staticmethod
    def _check(extraction: Extraction) -> None:
        n = len(extraction.mentions)
        where = extraction.article.url or extraction.article.id
        for ev in extraction.events:
            for part in ev.participants:
                ok = isinstance(part, (tuple, list)) and len(part) == 2
                if not ok or not isinstance(part[0], int) or not 0 <= part[0] < n:
                    raise ResolutionError(
                        f"{where}: event {ev.type!r} ({ev.sentence[:60]!r}) names participant "
                        f"{part!r}, but the article has {n} mentions"
                    )

    def _events(self, extraction: Extraction, ids: list[str | None]) -> list[Event]:
        # places (issue 13): the actors' countries break ties between places of one name
        countries = sorted({c for a in ids if a and (c := self._actors[a].country)})
        events: list[Event] = []
        seen_ids: set[str] = set()
        for ev in extraction.events:
            parts: list[Participant] = []
            for index, role in ev.participants:
                aid = ids[index]
                if aid is None or any(p.actor_id == aid for p in parts):
                    continue
                parts.append(
                    Participant(
                        aid,
                        role if role in ROLES else "participant",
                        extraction.mentions[index].text,
                    )
                )
            if len(parts) < 2:
                continue
            eid = Event.make_id(ev.type, [p.actor_id for p in parts], ev.date, ev.status)
            if eid in seen_ids:
                continue
            seen_ids.add(eid)
            place, geo = locate_place(ev.place, countries)
            events.append(
                Event(
                    eid,
                    ev.type,
                    ev.status,
                    ev.date,
                    ev.date_basis,
                    place,
                    parts,
                    extraction.article.id,
                    ev.sentence,
                    ev.start,
                    ev.end,
                    geo,
                )
            )
        return events

    # -- index --------------------------------------------------------------------------------

    def _add_known(self, actor: Actor, facts: dict[tuple[str, str], NameFacts]) -> None:
        self._actors[actor.id] = replace(actor, aliases=list(actor.aliases))
        for name in dict.fromkeys([actor.name, *actor.aliases]):
            if name:
                name = name[:MAX_NAME]
                self._index_name(
                    actor.id,
                    name,
                    actor.type,
                    actor.country,
                    actor.title,
                    only=False,
                    facts=facts[(name, actor.type)],
                )

    def _index_name(
        self,
        actor_id: str,
        name: str,
        actor_type: str,
        country: str | None,
        title: str | None,
        only: bool,
        facts: NameFacts | None = None,
    ) -> None:
        facts = facts or name_facts(name, actor_type)
        form = facts.form(actor_type, country, title)
        if form is None or (self._book.decisive and self._book.not_same(facts.own, actor_id)):
            return
        # a lone given name or a series without edition says too little to index for later
        low = (actor_type == "PERSON" and len(form.words) <= 1 and not form.initials) or (
            actor_type == "EXERCISE" and form.edition is None
        )
        if not low or only or actor_id not in self._index.forms:
            self._index.add(actor_id, form)
        if facts.acronym is not None:
            self._acronyms.setdefault(facts.acronym, set()).add(actor_id)
        for derived in facts.derived:
            self._derived.setdefault(derived, set()).add(actor_id)

    # -- one mention --------------------------------------------------------------------------

    def _resolve_mention(self, m: Mention, ctx: _Article) -> str | None:
        if m.type not in ACTOR_TYPES:
            return None
        name = re.sub(r"\s+", " ", (m.name or m.text or "")).strip()[:MAX_NAME]
        if letters_in(name) < 2:
            return None
        if m.type != "PERSON" and self._curated.is_place(name):
            return None
        if m.type in ORG_GROUP and not m.country and name_key(name, m.type) in COMMON_WORDS:
            return None  # "the Council", "the Army": which one cannot be told
        if m.type == "STATE":
            code, how = state_code(name)
            if code:
                return self._attach_state(code, how, m, name, ctx)
        curated = self._curated.lookup(name, m.type)
        if curated is not None:
            return self._attach_curated(curated, m, name, ctx)
        if m.type in ORG_GROUP and m.country and m.country in iso_codes():
            implied = f"{name} of {country_name(m.country)}"
            curated = self._curated.lookup(implied, m.type)
            if curated is not None and curated.country == m.country:
                return self._attach_curated(curated, m, name, ctx, implied=True)
        form = form_of(name, m.type, m.country, m.title)
        if form is None:
            return None
        own = own_id(name, m.type)
        match = None
        if m.type in ORG_GROUP and is_acronym(name):
            match = self._by_acronym(name, own, ctx, m.country)
        elif m.type == "EXERCISE" and EXERCISE_SHORT.fullmatch(fold(name)):
            match = self._derived_match(
                "exercise:" + re.sub(r"[^a-z0-9]", "", name.lower()),
                own,
                m.country,
                "exercise_abbreviation",
                name,
            )
        match = match or self._match(form, own, ctx)
        if match is None:
            target = self._book.canonical(own)
            if target != own and target in self._actors:
                match = _Match(target, "judgement", 1.0, {"judged_same": [own, target]})
        if match is None:
            return self._create(own, form, m, name, ctx)
        return self._attach(match, m, name, form, ctx)

    def _allowed(self, own: str, actor_id: str, country: str | None, actor_type: str) -> bool:
        if self._book.not_same(own, actor_id):
            return False
        actor = self._actors.get(actor_id)
        if actor is None:
            return False
        clash = bool(country and actor.country and country != actor.country)
        return not (actor_type != "STATE" and clash)

    def _match(self, form: NameForm, own: str, ctx: _Article) -> _Match | None:
        exact = [
            a for a in self._index.exact(form) if self._allowed(own, a, form.country, form.type)
        ]
        local = [a for a in exact if a in ctx.ids]
        if local:
            return _Match(local[0], None)
        in_article = self._in_article(form, own, ctx)
        if in_article:
            return in_article
        if exact:
            return _Match(exact[0], None)
        return self._fuzzy(form, own)

    def _in_article(self, form: NameForm, own: str, ctx: _Article) -> _Match | None:
        """A person named in part, or an exercise named without its edition, in an article that
        names them in full."""
        if form.type == "EXERCISE" and form.edition is None:
            hits = []
            for aid in ctx.ids:
                rich = self._index.richest(aid)
                if rich and rich.type == "EXERCISE" and rich.edition and rich.words == form.words:
                    hits.append((aid, rich.edition))
            if len(hits) == 1 and self._allowed(own, hits[0][0], form.country, form.type):
                return _Match(hits[0][0], "series_in_article", 0.9, {"edition": hits[0][1]})
            return None
        if form.type != "PERSON":
            return None
        found = []
        for aid in ctx.ids:
            if self._actors[aid].type != "PERSON" or not self._allowed(
                own, aid, form.country, "PERSON"
            ):
                continue
            result = self._index.best(form, aid)
            if result.ok and result.score >= threshold("PERSON"):
                found.append((aid, result))
        if len(found) != 1:
            return None
        aid, result = found[0]
        return _Match(aid, "same_article_" + result.method, result.score, result.features)

    def _fuzzy(self, form: NameForm, own: str) -> _Match | None:
        passing: list[tuple[str, Comparison]] = []
        for aid in self._index.candidates(form):
            if not self._allowed(own, aid, form.country, form.type):
                continue
            result = self._index.best(form, aid)
            if result.ok and result.score >= threshold(form.type):
                passing.append((aid, result))
        if not passing:
            return None
        passing.sort(key=lambda p: -p[1].score)
        aid, result = passing[0]
        if len(passing) > 1 and result.score - passing[1][1].score < AMBIGUITY_MARGIN:
            return None
        features = dict(result.features, candidates=len(passing))
        return _Match(aid, result.method, result.score, features)

    def _by_acronym(self, name: str, own: str, ctx: _Article, country: str | None) -> _Match | None:
        key = acronym_key(name)
        if key in ctx.acronyms and not self._book.not_same(own, ctx.acronyms[key]):
            return _Match(ctx.acronyms[key], "acronym_in_article", 1.0, {"acronym": name})
        ids = [a for a in self._acronyms.get(key, ()) if self._allowed(own, a, country, "")]
        if len(ids) == 1:
            return _Match(ids[0], "acronym", 0.95, {"acronym": name, "defined_earlier": True})
        if ids:
            return None
        return self._derived_match(key, own, country, "acronym_initials", name)

    def _derived_match(
        self, key: str, own: str, country: str | None, method: str, name: str
    ) -> _Match | None:
        """An acronym or abbreviation one known actor's name spells out, and only one."""
        ids = [a for a in self._derived.get(key, ()) if self._allowed(own, a, country, "")]
        if len(ids) != 1:
            return None
        spelled_by = self._actors[ids[0]].name
        return _Match(ids[0], method, 0.9, {"acronym": name, "spelled_by": spelled_by})

    # -- attaching ----------------------------------------------------------------------------

    def _attach_state(self, code: str, how: str, m: Mention, name: str, ctx: _Article) -> str:
        actor_id = self._book.canonical(f"state:{code.lower()}")
        if actor_id not in self._actors:
            actor_id = f"state:{code.lower()}"
            self._actors[actor_id] = Actor(actor_id, country_name(code), "STATE", code)
            self._index_name(actor_id, country_name(code), "STATE", code, None, only=True)
        method = None if how == "name" else f"country_{how}"
        match = _Match(actor_id, method, 1.0, {"iso3": code, "matched": how})
        return self._attach(match, m, name, form_of(name, "STATE", code), ctx)

    def _attach_curated(
        self, entry: CuratedActor, m: Mention, name: str, ctx: _Article, implied: bool = False
    ) -> str:
        actor_id = self._book.canonical(entry.id)
        if actor_id not in self._actors:
            actor_id = entry.id
            self._actors[actor_id] = Actor(actor_id, entry.name, entry.type, entry.country)
            for alias in (entry.name, *entry.aliases):
                self._index_name(actor_id, alias, entry.type, entry.country, None, only=True)
        same_name = form_of(name, entry.type) == form_of(entry.name, entry.type)
        method = None if same_name else "curated_alias"
        features: dict[str, Any] = {"alias_of": entry.name}
        if implied:
            method, features["country_from_context"] = "curated_alias_country", entry.country
        match = _Match(actor_id, method, 0.95 if implied else 1.0, features)
        return self._attach(match, m, name, None, ctx)

    def _create(self, own: str, form: NameForm, m: Mention, name: str, ctx: _Article) -> str:
        actor_id, n = own, 1
        while actor_id in self._actors:
            n += 1
            suffix = m.country.lower() if n == 2 and m.country else str(n)
            actor_id = f"{own}-{suffix}"
        self._actors[actor_id] = Actor(
            actor_id,
            display_name(name, m.type),
            m.type,
            m.country or None,
            m.title or None,
            series=series_name(name) if m.type == "EXERCISE" else None,
        )
        return self._attach(_Match(actor_id, None), m, name, form, ctx, created=True)

    def _attach(
        self,
        match: _Match,
        m: Mention,
        name: str,
        form: NameForm | None,
        ctx: _Article,
        created: bool = False,
    ) -> str:
        actor_id = match.actor_id
        canonical = self._book.canonical(actor_id)
        if canonical != actor_id and canonical in self._actors:
            if not match.method:
                match = _Match(canonical, "judgement", 1.0, {"judged_same": [actor_id, canonical]})
            actor_id = canonical
        actor = self._actors[actor_id]
        if form is not None and actor.type == m.type:
            if actor.type == "PERSON" and not created:
                rich = self._index.richest(actor_id)
                if rich is None or len(form.words) > len(rich.words):
                    actor.name = display_name(name, "PERSON")
            self._index_name(
                actor_id, name, actor.type, actor.country or m.country, m.title, only=created
            )
        for alias in (name, re.sub(r"\s+", " ", m.text or "").strip()[:MAX_NAME]):
            if alias and alias not in actor.aliases:
                actor.aliases.append(alias)
        if actor.type != "STATE" and not actor.country and m.country:
            actor.country = m.country
        if actor.type == "PERSON" and not actor.title and m.title:
            actor.title = m.title
        if match.method and not created:
            ctx.merges.append(
                MergeExplanation(
                    m.text or name, actor_id, match.method, round(match.score, 4), match.features
                )
            )
        if m.acronym and actor.type in ORG_GROUP:
            key = acronym_key(m.acronym)
            ctx.acronyms[key] = actor_id
            self._acronyms.setdefault(key, set()).add(actor_id)
        ctx.add(actor_id)
        return actor_id


def resolve_all(
    extractions: Iterable[Extraction],
    known: Iterable[Actor] = (),
    judgements: Iterable[Judgement] = (),
) -> list[ResolvedArticle]:
    """Resolve extractions in order with one resolver."""
    resolver = Resolver(known, judgements)
    return [resolver.resolve(e) for e in extractions]
