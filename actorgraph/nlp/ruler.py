"""An EntityRuler that runs each token pattern only on docs that can hold a match.

spaCy's token ``Matcher`` tries every pattern at every token, so its cost grows with the number of
patterns even when a doc holds none of their words. Here each token pattern gets
"anchors": the ORTH/LOWER/SHAPE values of the tokens it requires (a token without an operator,
or with ``+``). A pattern whose anchors are missing from the doc cannot match and is
skipped; the patterns that remain run in one ``Matcher`` (kept for the next doc with the same
set). The matches, their keys and the choice among overlapping matches are exactly those of
spaCy's ``EntityRuler`` (this class only replaces how the token matches are found).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from spacy.attrs import LOWER, ORTH, SHAPE
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import EntityRuler
from spacy.pipeline.entityruler import DEFAULT_ENT_ID_SEP
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.vocab import Vocab

_ATTRS = {"ORTH": ORTH, "TEXT": ORTH, "LOWER": LOWER, "SHAPE": SHAPE}
_REQUIRED_OPS = (None, "1", "+")
MATCHER_CACHE = 256  # matchers kept for distinct sets of candidate patterns
Needs = tuple[tuple[int, frozenset[int]], ...]  # (attribute id, value hashes) a doc must hold


class MatcherCache:
    """One ``Matcher`` per set of pattern numbers (shared predicate checks), the most recent
    ``MATCHER_CACHE`` sets kept for the next docs."""

    def __init__(self, vocab: Vocab, add: Callable[[Matcher, int], None]) -> None:
        self.vocab = vocab
        self._add = add  # adds pattern ``number`` to a matcher
        self._matchers: OrderedDict[tuple[int, ...], Matcher] = OrderedDict()

    def get(self, numbers: tuple[int, ...]) -> Matcher:
        matcher = self._matchers.get(numbers)
        if matcher is None:
            matcher = Matcher(self.vocab, validate=False)
            for number in numbers:
                self._add(matcher, number)
            self._matchers[numbers] = matcher
            if len(self._matchers) > MATCHER_CACHE:
                self._matchers.popitem(last=False)
        else:
            self._matchers.move_to_end(numbers)
        return matcher

    def clear(self) -> None:
        self._matchers.clear()


@dataclass(frozen=True, slots=True)
class _Anchored:
    """One token pattern, its ruler key, and the value sets a doc must meet (attr id, hashes)."""

    key: str
    pattern: list[dict[str, Any]]
    needs: Needs


def _values(spec: Any) -> set[str] | None:
    """The strings one token predicate accepts, when it is a plain value or an ``IN`` list."""
    if isinstance(spec, str):
        return {spec}
    if isinstance(spec, dict) and set(spec) == {"IN"} and isinstance(spec["IN"], list):
        if all(isinstance(v, str) for v in spec["IN"]):
            return set(spec["IN"])
    return None


def anchors(pattern: list[dict[str, Any]]) -> list[tuple[str, set[str]]]:
    """``(attr, values)`` for every token the pattern requires: a matching doc has, for each, a
    token whose ``attr`` is one of ``values``."""
    found = []
    for token in pattern:
        if token.get("OP") not in _REQUIRED_OPS:
            continue
        for key, spec in token.items():
            attr = key.upper()
            values = _values(spec) if attr in _ATTRS else None
            if values:
                found.append((attr, values))
    return found


def _variants(attr: str, values: set[str]) -> set[str]:
    """The values and, for LOWER, their lower-case forms (a superset is always safe)."""
    return values | {v.lower() for v in values} if attr == "LOWER" else values


def anchor_needs(pattern: list[dict[str, Any]], strings: StringStore) -> Needs:
    """The anchors of ``pattern`` as (attribute id, value hashes) pairs."""
    return tuple(
        (_ATTRS[attr], frozenset(strings.add(v) for v in _variants(attr, values)))
        for attr, values in anchors(pattern)
    )


class AnchoredEntityRuler(EntityRuler):
    """:class:`spacy.pipeline.EntityRuler` with anchored token patterns (see the module doc)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._anchored: list[_Anchored] = []
        self._index: dict[tuple[int, int], list[int]] = {}
        self._always: list[int] = []
        self._matchers = MatcherCache(self.nlp.vocab, self._add_to)

    def _add_to(self, matcher: Matcher, number: int) -> None:
        anchored = self._anchored[number]
        matcher.add(anchored.key, [anchored.pattern])

    def add_patterns(self, patterns: Iterable[dict[str, Any]]) -> None:
        patterns = list(patterns)
        super().add_patterns(patterns)  # validation, ids, phrase patterns, the reference matcher
        strings = self.nlp.vocab.strings
        for entry in patterns:
            pattern = entry["pattern"]
            if not isinstance(pattern, list):
                continue
            key = entry["label"]
            if "id" in entry:
                key = self._create_label(key, entry["id"])
            needs = anchor_needs(pattern, strings)
            number = len(self._anchored)
            self._anchored.append(_Anchored(key, pattern, needs))
            if not needs:
                self._always.append(number)
                continue
            attr, values = min(needs, key=lambda need: len(need[1]))
            for value in values:
                self._index.setdefault((attr, value), []).append(number)

    def clear(self) -> None:
        super().clear()
        self._anchored, self._index, self._always = [], {}, []
        self._matchers.clear()

    def _candidates(self, doc: Doc) -> tuple[int, ...]:
        """Numbers of the patterns whose every anchor occurs in ``doc``, in pattern order."""
        columns = doc.to_array([ORTH, LOWER, SHAPE]).T.tolist()
        present = {
            attr: set(column) for attr, column in zip((ORTH, LOWER, SHAPE), columns, strict=True)
        }
        chosen = set(self._always)
        index = self._index
        for attr, values in present.items():
            for value in values:
                hit = index.get((attr, value))
                if hit:
                    chosen.update(hit)
        return tuple(
            sorted(
                n
                for n in chosen
                if all(
                    not values.isdisjoint(present[attr]) for attr, values in self._anchored[n].needs
                )
            )
        )

    def match(self, doc: Doc):
        self._require_patterns()
        matches = []
        numbers = self._candidates(doc) if len(doc) else ()
        if numbers:
            matches.extend(self._matchers.get(numbers)(doc))
        matches.extend(self.phrase_matcher(doc))
        final = {(m_id, start, end) for m_id, start, end in matches if start != end}
        return sorted(final, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)


@Language.factory(
    "actorgraph_entity_ruler",
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    default_config={"validate": False, "overwrite_ents": False},
)
def make_anchored_ruler(
    nlp: Language, name: str, validate: bool, overwrite_ents: bool
) -> AnchoredEntityRuler:
    return AnchoredEntityRuler(
        nlp,
        name,
        validate=validate,
        overwrite_ents=overwrite_ents,
        ent_id_sep=DEFAULT_ENT_ID_SEP,
    )
