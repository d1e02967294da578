"""Candidate blocking and pairwise comparison of names of the same type.

Names are indexed by type and by blocking keys (their words and word prefixes), so a mention is
compared with a bounded number of actors and the cost grows about linearly with the number of
mentions. Comparisons use rapidfuzz within one type only, combined with country and title
agreement; blockers (a contradicting initial, a distinguishing word, a different edition or
number, different countries, low-information names) veto a merge whatever the score.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from actorgraph.core.kb.countries import countries
from actorgraph.resolve.normalize import (
    COMMON_WORDS,
    DISTINGUISHING,
    STOPWORDS,
    low_information,
    name_key,
    org_tokens,
    person_tokens,
    series,
    variant,
)

MAX_CANDIDATES = 48
PERSON_MIN = 0.85
ORG_MIN = 0.90
WORD_MIN = 85.0
AMBIGUITY_MARGIN = 0.02


@dataclass(frozen=True, slots=True)
class NameForm:
    """The comparable form of one name: its key, words, initials and edition."""

    type: str
    key: str
    words: tuple[str, ...]
    initials: tuple[str, ...] = ()
    edition: str | None = None
    country: str | None = None
    title: str | None = None

    @property
    def text(self) -> str:
        return " ".join(self.words)


@lru_cache(maxsize=262144)
def form_of(
    name: str, actor_type: str, country: str | None = None, title: str | None = None
) -> NameForm | None:
    """The form of a name, or None when it carries no information (empty, punctuation)."""
    key = name_key(name, actor_type)
    if not key:
        return None
    if actor_type == "PERSON":
        initials, words = person_tokens(name)
        return NameForm(actor_type, key, words, initials, None, country, title)
    if actor_type == "EXERCISE":
        base, year = series(name)
        words = tuple(w for w in (variant(x) for x in re.split(r"[^A-Za-z0-9]+", base)) if w)
        return NameForm(actor_type, key, words, (), year, country, title)
    return NameForm(actor_type, key, org_tokens(name), (), None, country, title)


def blocking_keys(form: NameForm) -> list[str]:
    """Keys under which a name is indexed for candidate search (none for STATE: exact only)."""
    if form.type == "STATE":
        return []
    keys: list[str] = []
    shortest = 2 if form.type == "PERSON" else 3
    for word in form.words:
        if len(word) < shortest or word in STOPWORDS or word in COMMON_WORDS:
            continue
        keys.append("w:" + word)
        # people match only through a shared word; other names also through word prefixes
        if len(word) >= 5 and form.type != "PERSON":
            keys.append("p:" + word[:4])
    return keys


@dataclass(slots=True)
class Comparison:
    """The outcome of comparing a mention's form with an actor's form."""

    score: float
    method: str
    features: dict[str, Any] = field(default_factory=dict)
    blocked: str = ""

    @property
    def ok(self) -> bool:
        return not self.blocked


def _country(a: NameForm, b: NameForm) -> str:
    if a.country and b.country:
        return "agree" if a.country == b.country else "differ"
    return "unknown"


def _title(a: NameForm, b: NameForm) -> str:
    if not (a.title and b.title):
        return "unknown"
    wa = set(re.findall(r"[a-z]+", a.title.lower())) - STOPWORDS
    wb = set(re.findall(r"[a-z]+", b.title.lower())) - STOPWORDS
    return "agree" if wa & wb else "differ"


def _adjust(score: float, country: str, title: str) -> float:
    score += 0.03 if country == "agree" else 0.0
    score += {"agree": 0.02, "differ": -0.03}.get(title, 0.0)
    return round(max(0.0, min(1.0, score)), 4)


def _align(
    a: tuple[str, ...], b: tuple[str, ...]
) -> tuple[list[str], list[tuple[str, str, float]], list[str], list[str]]:
    """Exact matches, fuzzy pairs (same first letter, ratio >= WORD_MIN) and leftovers."""
    rest_b = list(b)
    exact: list[str] = []
    rest_a: list[str] = []
    for w in a:
        if w in rest_b:
            rest_b.remove(w)
            exact.append(w)
        else:
            rest_a.append(w)
    pairs: list[tuple[str, str, float]] = []
    left_a: list[str] = []
    for w in rest_a:
        best, best_score = None, 0.0
        for v in rest_b:
            if len(w) >= 4 and len(v) >= 4 and v[0] == w[0]:
                s = fuzz.ratio(w, v)
                if s >= WORD_MIN and s > best_score:
                    best, best_score = v, s
        if best is None:
            left_a.append(w)
        else:
            rest_b.remove(best)
            pairs.append((w, best, best_score))
    return exact, pairs, left_a, rest_b


def _initials_fit(
    initials: tuple[str, ...], other_initials: tuple[str, ...], other_left: list[str]
) -> bool:
    """Each initial must match an initial or an unmatched word of the other name, unless the
    other name has neither (then it is unknown, not contradicting)."""
    if not other_initials and not other_left:
        return True
    return all(i in other_initials or any(w.startswith(i) for w in other_left) for i in initials)


def compare_person(a: NameForm, b: NameForm) -> Comparison:
    """Two person names: shared word, compatible initials, no conflicting leftover words."""
    country, title = _country(a, b), _title(a, b)
    features: dict[str, Any] = {"country": country, "title": title}
    if country == "differ":
        return Comparison(0.0, "person", features, "country")
    fit = _initials_fit(a.initials, b.initials, []) and _initials_fit(b.initials, a.initials, [])
    if len(a.words) != len(b.words) and "".join(a.words) == "".join(b.words) and fit:
        features["joined"] = "".join(a.words)
        return Comparison(_adjust(0.95, country, title), "word_spacing", features)
    exact, pairs, left_a, left_b = _align(a.words, b.words)
    features.update(shared_words=exact, fuzzy_words=[[x, y, s] for x, y, s in pairs])
    short_ok = country == "agree" and len(exact) == 1 and len(exact[0]) >= 2
    if not exact or (sum(len(w) for w in exact) < 4 and not short_ok):
        return Comparison(0.0, "person", features, "no_shared_word")
    if left_a and left_b:
        return Comparison(0.0, "person", features, "different_words")
    if not (
        _initials_fit(a.initials, b.initials, left_b)
        and _initials_fit(b.initials, a.initials, left_a)
    ):
        features["initials"] = [list(a.initials), list(b.initials)]
        return Comparison(0.0, "person", features, "initial")
    features["initials"] = "compatible" if (a.initials or b.initials) else "none"
    if pairs:
        scores = [100.0] * len(exact) + [s for _, _, s in pairs]
        method, base = "fuzzy_name", sum(scores) / len(scores) / 100.0
    elif left_a or left_b:
        shorter = a if len(a.words) < len(b.words) else b
        if (
            len(shorter.words) == 1
            and not shorter.initials
            and len(shorter.words[0]) < 5
            and country != "agree"
        ):
            return Comparison(0.0, "person", features, "low_information")
        method, base = "partial_name", 0.9
    elif a.initials != b.initials:
        method, base = "initials", 0.95
    else:
        method, base = "same_key", 1.0
    return Comparison(_adjust(base, country, title), method, features)


def _codes(words: tuple[str, ...]) -> set[str]:
    """Country codes among an organisation's words (names and demonyms became codes)."""
    return {w for w in words if len(w) == 3 and w.upper() in iso_codes()}


def compare_org(a: NameForm, b: NameForm) -> Comparison:
    """Two organisation, force or exercise names: blockers first, then token-sort similarity."""
    country = _country(a, b)
    features: dict[str, Any] = {"country": country}
    if country == "differ":
        return Comparison(0.0, "fuzzy_name", features, "country")
    if a.edition != b.edition:
        features["editions"] = [a.edition, b.edition]
        return Comparison(0.0, "fuzzy_name", features, "edition")
    da, db = set(a.words) & DISTINGUISHING, set(b.words) & DISTINGUISHING
    if da != db:
        features["distinguishing"] = sorted(da ^ db)
        return Comparison(0.0, "fuzzy_name", features, "distinguishing_word")
    na = {w for w in a.words if any(c.isdigit() for c in w)}
    nb = {w for w in b.words if any(c.isdigit() for c in w)}
    if na != nb:
        return Comparison(0.0, "fuzzy_name", features, "number")
    if low_information(a.words) or low_information(b.words):
        return Comparison(0.0, "fuzzy_name", features, "low_information")
    ca, cb = _codes(a.words), _codes(b.words)
    for code in ca ^ cb:
        other = b if code in ca else a
        if other.country != code.upper():
            features["country_word"] = code.upper()
            return Comparison(0.0, "fuzzy_name", features, "country_word")
    if ca != cb and sorted(w for w in a.words if w not in ca) == sorted(
        w for w in b.words if w not in cb
    ):
        return Comparison(_adjust(0.95, country, "unknown"), "country_implied", features)
    ratio = fuzz.token_sort_ratio(a.text, b.text) / 100.0
    features["name_score"] = round(ratio, 4)
    return Comparison(_adjust(ratio, country, "unknown"), "fuzzy_name", features)


def compare(a: NameForm, b: NameForm) -> Comparison:
    """Compare two forms; different types never match."""
    if a.type != b.type:
        return Comparison(0.0, "type", {}, "type")
    if a.type == "STATE":
        return Comparison(
            1.0 if a.key == b.key else 0.0,
            "state",
            {},
            "" if a.key == b.key else "state_exact_only",
        )
    if a.type == "PERSON":
        return compare_person(a, b)
    return compare_org(a, b)


@lru_cache(maxsize=1)
def iso_codes() -> frozenset[str]:
    return frozenset(c.iso3 for c in countries())


def threshold(actor_type: str) -> float:
    return PERSON_MIN if actor_type == "PERSON" else ORG_MIN


class MatchIndex:
    """Actors' name forms indexed by type + exact key and by type + blocking key."""

    def __init__(self) -> None:
        self.forms: dict[str, list[NameForm]] = {}
        self._by_key: dict[tuple[str, str], dict[str, None]] = {}  # ids in order added
        self._blocks: dict[tuple[str, str], list[str]] = {}
        self.comparisons = 0

    def add(self, actor_id: str, form: NameForm) -> None:
        """Index one more name form of an actor (no-op if already there)."""
        forms = self.forms.setdefault(actor_id, [])
        key = form.key
        for f in forms:
            if f.key == key:
                return
        forms.append(form)
        self._by_key.setdefault((form.type, key), {})[actor_id] = None
        blocks = self._blocks
        for block in blocking_keys(form):
            bucket = blocks.setdefault((form.type, block), [])
            if not bucket or (bucket[-1] != actor_id and actor_id not in bucket[-4:]):
                bucket.append(actor_id)

    def exact(self, form: NameForm) -> list[str]:
        """Actors that have a name with exactly this key and type."""
        return list(self._by_key.get((form.type, form.key), ()))

    def candidates(self, form: NameForm, limit: int = MAX_CANDIDATES) -> list[str]:
        """Actors sharing a blocking key, rarest keys first, at most ``limit``."""
        buckets = [self._blocks.get((form.type, k), []) for k in blocking_keys(form)]
        buckets.sort(key=len)
        out: list[str] = []
        seen: set[str] = set()
        for bucket in buckets:
            for actor_id in bucket[:limit]:
                if actor_id not in seen:
                    seen.add(actor_id)
                    out.append(actor_id)
                    if len(out) >= limit:
                        return out
        return out

    def richest(self, actor_id: str) -> NameForm | None:
        """The actor's most informative form (most words, then initials)."""
        forms = self.forms.get(actor_id)
        if not forms:
            return None
        return max(forms, key=lambda f: (len(f.words), len(f.initials)))

    def best(self, form: NameForm, actor_id: str) -> Comparison:
        """Compare a form with an actor: persons against their richest name (every alias must
        not contradict), others against their most similar alias."""
        forms = self.forms.get(actor_id, [])
        if form.type == "PERSON":
            rich = self.richest(actor_id)
            if rich is None:
                return Comparison(0.0, "none", {}, "no_forms")
            self.comparisons += 1
            return compare_person(form, rich)
        results = [compare(form, other) for other in forms]
        self.comparisons += len(results)
        passing = [r for r in results if r.ok]
        if passing:
            return max(passing, key=lambda r: r.score)
        return results[0] if results else Comparison(0.0, "none", {}, "no_forms")
