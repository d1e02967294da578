"""Bytes to text for HTML pages and text files: BOM, declared charset, meta tag, then guesses."""

from __future__ import annotations

import codecs
import re

_META = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_PROLOG = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Browsers read these labels as their supersets; so do we.
_SUPERSETS = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
    "iso8859-1": "cp1252",
}


def _codec(label: str | bytes | None) -> str | None:
    if not label:
        return None
    name = label.decode("ascii", "ignore") if isinstance(label, bytes) else label
    name = name.strip().lower()
    name = _SUPERSETS.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def sniff_charset(body: bytes) -> str | None:
    """The charset a document declares about itself (BOM, XML prolog or ``<meta>``)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return name
    head = body[:4096]
    for pattern in (_PROLOG, _META):
        found = pattern.search(head)
        if found and _codec(found.group(1)):
            return _codec(found.group(1))
    return None


def decode(body: bytes, declared: str | None = None) -> str:
    """Decode bytes: a BOM wins, then the header's charset, then the document's own declaration,
    then UTF-8, then Windows-1252 (which never fails)."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return body.decode(name, errors="replace")
    for candidate in (_codec(declared), sniff_charset(body)):
        if candidate:
            try:
                return body.decode(candidate)
            except UnicodeDecodeError:
                continue
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    guess = detect(body)
    if guess:
        try:
            return body.decode(guess)
        except (UnicodeDecodeError, LookupError):
            pass
    return body.decode("cp1252", errors="replace")


def detect(body: bytes) -> str | None:
    """The charset of undeclared bytes as charset-normalizer judges it (cp1251, gb2312 ...)."""
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    return _codec(best.encoding) if best is not None else None
