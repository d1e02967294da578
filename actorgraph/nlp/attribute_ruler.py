"""spaCy's ``attribute_ruler`` with the same matches found faster.

The stock component runs all of its patterns (179 in ``en_core_web_sm``) through one token
``Matcher`` at every token, which costs about an eighth of the whole pipeline. Most of those
patterns look at one token only. Here:

- a key whose patterns are all one token with a plain ``TAG`` value is found by looking up each
  token's tag;
- other one-token patterns (plain, ``IN``, ``NOT_IN`` and ``REGEX`` values on TAG, DEP, LOWER,
  ORTH and IS_SPACE) start from the tokens holding the word (or dependency, or tag) they name,
  found through an index of the doc's values, and check their other predicates on those only;
- anything else (patterns of several tokens) runs in a ``Matcher`` as before, on docs that hold
  the ORTH/LOWER values the pattern requires (see ``ruler.anchors``).

The matches, their order and the attributes they set are exactly those of spaCy's component
(``tests/test_nlp_components.py`` compares every token of a corpus against it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, SHAPE, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from actorgraph.nlp.ruler import MatcherCache, Needs, anchor_needs

COLUMNS = (TAG, DEP, LOWER, ORTH, SHAPE, IS_SPACE)  # the doc array read once per doc
_COLUMN = {attr: n for n, attr in enumerate(COLUMNS)}
_STRING_ATTRS = {"TAG": TAG, "DEP": DEP, "LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH}


class _DocColumns:
    """The doc's attribute rows, with where each value of a column occurs (built on demand)."""

    def __init__(self, rows: list[list[int]]) -> None:
        self.rows = rows
        self._positions: dict[int, dict[int, list[int]]] = {}

    def positions(self, column: int) -> dict[int, list[int]]:
        found = self._positions.get(column)
        if found is None:
            found = self._positions[column] = {}
            for i, row in enumerate(self.rows):
                found.setdefault(row[column], []).append(i)
        return found


# which check of a pattern finds its candidates: word values first, NOT_IN last
_KIND_ORDER = {"eq": 0, "in": 0, "regex": 1, "not_in": 2}
_COLUMN_ORDER = {LOWER: 0, ORTH: 0, DEP: 1, TAG: 2, SHAPE: 3, IS_SPACE: 3}


@dataclass(slots=True)
class _Check:
    """One predicate of a one-token pattern, on one column of the doc's rows."""

    column: int
    kind: str  # "eq", "in", "not_in" or "regex"
    values: set[int] = field(default_factory=set)
    regex: re.Pattern[str] | None = None
    verdicts: dict[int, bool] = field(default_factory=dict)  # regex result per string hash
    strings: StringStore | None = None

    def accepts(self, value: int) -> bool:
        if self.kind == "not_in":
            return value not in self.values
        if self.kind == "regex":
            verdict = self.verdicts.get(value)
            if verdict is None:
                assert self.regex is not None and self.strings is not None
                verdict = self.verdicts[value] = bool(self.regex.search(self.strings[value]))
            return verdict
        return value in self.values

    def candidates(self, doc: _DocColumns) -> list[int]:
        """The tokens this check accepts (every token when it is a NOT_IN check)."""
        if self.kind == "not_in":
            return list(range(len(doc.rows)))
        positions = doc.positions(self.column)
        if self.kind == "regex":
            accepted = [value for value in positions if self.accepts(value)]
        else:
            accepted = list(self.values & positions.keys())
        return [i for value in accepted for i in positions[value]]


def _check(attr: str, spec: Any, strings: StringStore) -> _Check | None:
    """The check for ``{attr: spec}``, or None when it is not one this module handles."""
    if attr == "IS_SPACE" and isinstance(spec, bool):
        return _Check(_COLUMN[IS_SPACE], "eq", {int(spec)})
    if attr not in _STRING_ATTRS:
        return None
    column = _COLUMN[_STRING_ATTRS[attr]]
    if isinstance(spec, str):
        return _Check(column, "eq", {strings.add(spec)})
    if not isinstance(spec, dict) or len(spec) != 1:
        return None
    ((op, value),) = spec.items()
    if op in ("IN", "NOT_IN") and isinstance(value, list):
        if all(isinstance(v, str) for v in value):
            return _Check(column, op.lower(), values={strings.add(v) for v in value})
    if op == "REGEX" and isinstance(value, str):
        return _Check(column, "regex", regex=re.compile(value), strings=strings)
    return None


def _one_token_checks(pattern: list[dict[str, Any]], strings: StringStore) -> list[_Check] | None:
    if len(pattern) != 1 or not pattern[0] or "OP" in pattern[0]:
        return None
    checks = [_check(attr.upper(), spec, strings) for attr, spec in pattern[0].items()]
    if any(c is None for c in checks):
        return None
    return sorted(
        checks,  # type: ignore[arg-type]
        key=lambda c: (_KIND_ORDER[c.kind], _COLUMN_ORDER[COLUMNS[c.column]]),  # type: ignore[union-attr]
    )


@dataclass(slots=True)
class _Rule:
    """A key whose patterns are all one token: one list of checks per pattern."""

    number: int
    key: int
    patterns: list[list[_Check]]

    def tokens(self, doc: _DocColumns) -> list[int]:
        hits: set[int] = set()
        rows = doc.rows
        for first, *rest in self.patterns:
            hits.update(
                i
                for i in first.candidates(doc)
                if all(check.accepts(rows[i][check.column]) for check in rest)
            )
        return sorted(hits)


def _plain_tag(patterns: list[list[dict[str, Any]]]) -> str | None:
    """The tag when every pattern is one token with only a plain ``TAG`` value (same tag)."""
    tags = set()
    for pattern in patterns:
        if (
            len(pattern) != 1
            or set(pattern[0]) != {"TAG"}
            or not isinstance(pattern[0]["TAG"], str)
        ):
            return None
        tags.add(pattern[0]["TAG"])
    return tags.pop() if len(tags) == 1 else None


class AnchoredAttributeRuler(AttributeRuler):
    """:class:`spacy.pipeline.AttributeRuler` with tag lookups, array checks and anchors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._by_tag: dict[int, list[tuple[int, int]]] = {}
        self._rules: dict[int, _Rule] = {}
        self._needs: dict[int, list[Needs]] = {}  # anchors per pattern of a key
        self._patterns: dict[int, list[list[dict[str, Any]]]] = {}  # keys left to the Matcher
        self._matchers = MatcherCache(
            self.vocab, lambda matcher, n: matcher.add(str(n), self._patterns[n])
        )

    def add(self, patterns, attrs: dict, index: int = 0) -> None:  # type: ignore[override]
        patterns = [list(p) for p in patterns]
        super().add(patterns, attrs, index)  # validation, attrs and the reference matcher
        number = len(self.attrs) - 1
        strings = self.vocab.strings
        key = strings[str(number)]
        tag = _plain_tag(patterns)
        if tag is not None:
            self._by_tag.setdefault(strings.add(tag), []).append((number, key))
            return
        checks = [_one_token_checks(pattern, strings) for pattern in patterns]
        if all(c is not None for c in checks):
            self._rules[number] = _Rule(number, key, checks)  # type: ignore[arg-type]
            return
        self._patterns[number] = patterns
        per_pattern = [anchor_needs(pattern, strings) for pattern in patterns]
        if all(per_pattern):
            self._needs[number] = per_pattern
        self._matchers.clear()

    def _present(self, number: int, present: dict[int, Any]) -> bool:
        """Whether the doc may match key ``number`` (True when the key has no anchors)."""
        per_pattern = self._needs.get(number)
        if per_pattern is None:
            return True
        return any(
            all(not values.isdisjoint(present[attr]) for attr, values in needs)
            for needs in per_pattern
        )

    def match(self, doc: Doc):
        if not len(doc):
            return []
        columns = _DocColumns(doc.to_array(list(COLUMNS)).tolist())
        matches: list[Any] = []
        for tag, where in columns.positions(_COLUMN[TAG]).items():
            for number, key in self._by_tag.get(tag, ()):
                matches.extend((number, key, i, i + 1) for i in where)
        for rule in self._rules.values():
            matches.extend((rule.number, rule.key, i, i + 1) for i in rule.tokens(columns))
        present = {attr: columns.positions(_COLUMN[attr]).keys() for attr in (ORTH, LOWER, SHAPE)}
        numbers = tuple(n for n in self._patterns if self._present(n, present))
        if numbers:
            strings = self.vocab.strings
            for m_id, start, end in self._matchers.get(numbers)(doc, allow_missing=True):
                matches.append((int(strings[m_id]), m_id, start, end))
        matches.sort()
        return matches

    def set_annotations(self, doc: Doc, matches) -> None:
        """As spaCy's, in the same order, without building a Span for a one-token match."""
        for match in matches:
            number, _, start, end = match
            if end - start == 1 and self.indices[number] in (0, -1):
                set_token_attrs(doc[start], self.attrs[number])
            else:
                super().set_annotations(doc, [match])


@Language.factory("actorgraph_attribute_ruler", default_config={"validate": False})
def make_attribute_ruler(nlp: Language, name: str, validate: bool) -> AnchoredAttributeRuler:
    return AnchoredAttributeRuler(nlp.vocab, name, validate=validate)


def replace_attribute_ruler(nlp: Language) -> None:
    """Swap the model's ``attribute_ruler`` for the anchored one, with the same patterns."""
    if "attribute_ruler" not in nlp.pipe_names:
        return
    patterns = nlp.get_pipe("attribute_ruler").patterns  # type: ignore[attr-defined]
    ruler = nlp.replace_pipe("attribute_ruler", "actorgraph_attribute_ruler")
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
