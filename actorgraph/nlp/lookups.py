"""Memoised country lookups (the NLP stage asks the same words thousands of times)."""

from __future__ import annotations

from functools import lru_cache

from actorgraph.resolve import countries as _countries


@lru_cache(maxsize=65536)
def code_for_name(text: str) -> str | None:
    """ISO3 for a country name or alias, else None."""
    return _countries.code_for_name(text)


@lru_cache(maxsize=65536)
def code_for_demonym(text: str) -> str | None:
    """ISO3 for a demonym ("Mongolian"), else None."""
    return _countries.code_for_demonym(text)


@lru_cache(maxsize=65536)
def code_for_capital(text: str) -> str | None:
    """ISO3 for a capital used for its government, else None."""
    return _countries.code_for_capital(text)
