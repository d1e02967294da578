"""spaCy's ``attribute_ruler`` with the same matches found faster.

The stock component runs all of its patterns (179 in ``en_core_web_sm``) through one token
``Matcher`` at every token, which costs about an eighth of the whole pipeline. Most of those
patterns look at one token only. Here:

- a key whose patterns are all one token with a plain ``TAG`` value is found by looking up each
  token's tag;
- other one-token patterns (plain, ``IN``, ``NOT_IN`` and ``REGEX`` values on TAG, DEP, LOWER,
  ORTH and IS_SPACE) are checked on the doc's attribute arrays, and only on docs that hold one of
  the ORTH/LOWER values the pattern requires (see ``ruler.anchors``);
- anything else (patterns of several tokens) runs in a ``Matcher`` as before, also anchored.

The matches, their order and the attributes they set are exactly those of spaCy's component
(``tests/test_attribute_ruler.py`` compares every token of a corpus against it).
"""

from __future__ import annotations

import re
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, SHAPE, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from actorgraph.nlp.ruler import MATCHER_CACHE, Needs, anchor_needs

COLUMNS = (TAG, DEP, LOWER, ORTH, SHAPE, IS_SPACE)  # the doc array read once per doc
_COLUMN = {attr: n for n, attr in enumerate(COLUMNS)}
_STRING_ATTRS = {"TAG": TAG, "DEP": DEP, "LOWER": LOWER, "ORTH": ORTH, "TEXT": ORTH}


class _DocColumns:
    """The doc's attribute array, with the distinct values of each column (computed on demand)."""

    def __init__(self, array: np.ndarray) -> None:
        self.array = array
        self._distinct: dict[int, set[int]] = {}

    def distinct(self, column: int) -> set[int]:
        values = self._distinct.get(column)
        if values is None:
            values = self._distinct[column] = set(self.array[:, column].tolist())
        return values

    def where_in(self, column: int, values: set[int]) -> np.ndarray:
        """Mask of the tokens whose value in ``column`` is one of ``values``."""
        found = values & self.distinct(column)
        if not found:
            return np.zeros(len(self.array), dtype=bool)
        if len(found) == 1:
            return self.array[:, column] == next(iter(found))
        return np.isin(self.array[:, column], np.fromiter(found, dtype=np.uint64))


@dataclass(slots=True)
class _Check:
    """One predicate of a one-token pattern, on one column of the doc array."""

    column: int
    kind: str  # "eq", "in", "not_in" or "regex"
    values: set[int] = field(default_factory=set)
    regex: re.Pattern[str] | None = None
    verdicts: dict[int, bool] = field(default_factory=dict)  # regex result per string hash

    def mask(self, doc: _DocColumns, strings: StringStore) -> np.ndarray:
        if self.kind in ("eq", "in"):
            return doc.where_in(self.column, self.values)
        if self.kind == "not_in":
            return ~doc.where_in(self.column, self.values)
        assert self.regex is not None
        for value in doc.distinct(self.column) - self.verdicts.keys():
            self.verdicts[value] = bool(self.regex.search(strings[value]))
        accepted = {value for value, ok in self.verdicts.items() if ok}
        return doc.where_in(self.column, accepted)


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
        return _Check(column, "regex", regex=re.compile(value))
    return None


def _one_token_checks(pattern: list[dict[str, Any]], strings: StringStore) -> list[_Check] | None:
    if len(pattern) != 1 or not pattern[0] or "OP" in pattern[0]:
        return None
    checks = [_check(attr.upper(), spec, strings) for attr, spec in pattern[0].items()]
    return None if any(c is None for c in checks) else checks  # type: ignore[return-value]


@dataclass(slots=True)
class _Rule:
    """A key whose patterns are all one token: one list of checks per pattern."""

    number: int
    key: int
    patterns: list[list[_Check]]

    def tokens(self, doc: _DocColumns, strings: StringStore) -> list[int]:
        hit = np.zeros(len(doc.array), dtype=bool)
        for checks in self.patterns:
            mask = checks[0].mask(doc, strings)
            for check in checks[1:]:
                if not mask.any():
                    break
                mask &= check.mask(doc, strings)
            hit |= mask
        return np.flatnonzero(hit).tolist()


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
        self._matchers: OrderedDict[tuple[int, ...], Matcher] = OrderedDict()

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
        per_pattern = [anchor_needs(pattern, strings) for pattern in patterns]
        if all(per_pattern):
            self._needs[number] = per_pattern
        checks = [_one_token_checks(pattern, strings) for pattern in patterns]
        if all(c is not None for c in checks):
            self._rules[number] = _Rule(number, key, checks)  # type: ignore[arg-type]
        else:
            self._patterns[number] = patterns
            self._matchers.clear()

    def _matcher(self, numbers: tuple[int, ...]) -> Matcher:
        matcher = self._matchers.get(numbers)
        if matcher is None:
            matcher = Matcher(self.vocab, validate=False)
            for number in numbers:
                matcher.add(str(number), self._patterns[number])
            self._matchers[numbers] = matcher
            if len(self._matchers) > MATCHER_CACHE:
                self._matchers.popitem(last=False)
        else:
            self._matchers.move_to_end(numbers)
        return matcher

    def _present(self, number: int, present: dict[int, set[int]]) -> bool:
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
        array = doc.to_array(list(COLUMNS))
        by_tag = self._by_tag
        matches = [
            (number, key, i, i + 1)
            for i, tag in enumerate(array[:, 0].tolist())
            for number, key in by_tag.get(tag, ())
        ]
        columns = _DocColumns(array)
        present = {attr: columns.distinct(_COLUMN[attr]) for attr in (ORTH, LOWER, SHAPE)}
        strings = self.vocab.strings
        for number, rule in self._rules.items():
            if self._present(number, present):
                matches.extend((number, rule.key, i, i + 1) for i in rule.tokens(columns, strings))
        numbers = tuple(n for n in self._patterns if self._present(n, present))
        if numbers:
            for m_id, start, end in self._matcher(numbers)(doc, allow_missing=True):
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
    patterns = nlp.get_pipe("attribute_ruler").patterns
    ruler = nlp.replace_pipe("attribute_ruler", "actorgraph_attribute_ruler")
    ruler.add_patterns(patterns)
