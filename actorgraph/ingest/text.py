"""Plain text from HTML fragments, titles and dates in the forms the records need."""

from __future__ import annotations

import html
import re
import time
from datetime import UTC, date, datetime

import lxml.etree
import lxml.html

_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header footer "
    "figcaption dd dt".split()
)
_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg")
_TAG = re.compile(r"<[^>]{0,2000}>")


def _squash_lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.splitlines())
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment: scripts and styles dropped, blocks on their own lines."""
    if not fragment or not fragment.strip():
        return ""
    if "<" not in fragment and "&" not in fragment:
        return _squash_lines(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return _squash_lines(html.unescape(_TAG.sub(" ", fragment)))
    for bad in list(root.iter(*_DROP_TAGS)):
        if bad.getparent() is not None:
            bad.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    return _squash_lines(root.text_content())


def plain_title(raw: str | None) -> str:
    """A title as one line of plain text: tags removed (twice, for escaped markup), entities
    decoded, whitespace collapsed."""
    if not raw:
        return ""
    text = html_to_text(raw)
    if "<" in text and ">" in text:  # markup that was escaped inside the title
        text = html_to_text(text)
    return " ".join(text.split())


def utc_iso(moment: datetime) -> str:
    """``YYYY-MM-DDTHH:MM:SSZ`` in UTC (naive datetimes are taken as UTC)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def from_struct_time(value: time.struct_time | None) -> str | None:
    """feedparser's parsed dates (already UTC) as ISO strings."""
    if not value:
        return None
    try:
        return utc_iso(datetime(*value[:6], tzinfo=UTC))
    except (TypeError, ValueError):
        return None


def parse_date(value: object) -> str | None:
    """A date or date-time (``YYYY-MM-DD``, ISO-8601 with offset, RFC 822) as UTC ISO, or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return utc_iso(value)
    if isinstance(value, date):
        return f"{value.isoformat()}T00:00:00Z"
    raw = str(value).strip().strip("'\"")
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        try:
            return f"{date.fromisoformat(raw).isoformat()}T00:00:00Z"
        except ValueError:
            return None
    try:
        return utc_iso(datetime.fromisoformat(raw.replace("Z", "+00:00")))
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return utc_iso(parsedate_to_datetime(raw))
    except (TypeError, ValueError, IndexError):
        return None
