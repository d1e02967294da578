"""Latin words with a look-alike Cyrillic or Greek letter inside ("Mіnistry" with a Cyrillic "і")
are folded to Latin before the parse, one character for one, so offsets stay valid and the word
is neither split nor misread. Words wholly in another script are left alone."""

from __future__ import annotations

import re

_CONFUSABLES = str.maketrans(
    "аеорсуххіјѕһԁӏАВЕКМНОРСТХІЈЅԜαοτνιΑΒΕΗΙΚΜΝΟΡΤΧΥΖ",
    "aeopcyxxijshdlABEKMHOPCTXIJSWaotviABEHIKMNOPTXYZ",
)
_MIXED = re.compile(
    r"[^\W\d_]*(?:[A-Za-z][^\W\d_]*[\u0370-\u04ff]|[\u0370-\u04ff][^\W\d_]*[A-Za-z])[^\W\d_]*"
)


def fold_mixed_script(text: str) -> str:
    """``text`` with look-alike letters inside mixed-script words replaced by Latin ones."""
    if text.isascii():
        return text
    return _MIXED.sub(lambda m: m.group(0).translate(_CONFUSABLES), text)
