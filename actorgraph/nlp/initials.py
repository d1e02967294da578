"""Name initials in the tokenizer: "Ts." and "Kh." stay one token like "D.", and an initial glued
to its name ("D.Amarbayasgalan", "Kh.Tsend-Ayush") is split off, so the NER sees the form it knows
("D. Amarbayasgalan"). The initials are data (``core/kb/en/initials.txt``)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.util import compile_infix_regex

from actorgraph.core.kb.lexicon import initials


@lru_cache(maxsize=1)
def initial_regex() -> re.Pattern[str]:
    """An initial with its full stop ("D.", "Ts.")."""
    longer = "|".join(re.escape(i) for i in initials())
    return re.compile(rf"^(?:[A-Z]|{longer})\.$" if longer else r"^[A-Z]\.$")


def glued_infixes() -> list[str]:
    """Zero-width infixes between a glued initial (one or two, "A.N.") and a name."""
    forms = ["[A-Z]", "[A-Z]\\.[A-Z]"] + [re.escape(i) for i in initials()]
    return [rf"(?<=^{f}\.)(?=[A-Z][a-z])" for f in forms]


def add_initials(nlp: Language) -> None:
    """Special cases for two-letter initials and infixes that split glued ones."""
    tokenizer: Any = nlp.tokenizer
    for i in initials():
        for form in (f"{i}.", f"{i.upper()}."):
            tokenizer.add_special_case(form, [{ORTH: form}])
    infixes = list(nlp.Defaults.infixes or []) + glued_infixes()
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
