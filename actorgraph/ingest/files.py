"""Local article files: ``.txt``/``.md`` with optional front matter, ``.html``/``.htm`` pages,
and directories of them (recursive, sorted)."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from actorgraph.core.errors import SourceError
from actorgraph.ingest.charset import decode
from actorgraph.ingest.sniff import ARTICLE_SUFFIXES
from actorgraph.ingest.text import parse_date, plain_title

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True, slots=True)
class TextDocument:
    """A text file split into front matter fields and body."""

    title: str
    published: str | None
    url: str | None
    outlet: str | None
    body: str
    date_warning: str | None = None


def read_bytes(path: Path, source: str, max_bytes: int) -> bytes:
    """A file's bytes, or SourceError (missing, unreadable, over the size cap)."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise SourceError(source, "is a directory")
        if not stat.S_ISREG(info.st_mode):  # FIFO, /dev/zero, socket: could hang or never end
            raise SourceError(source, "not a regular file")
        if info.st_size > max_bytes:
            raise SourceError(source, f"larger than {max_bytes} bytes")
        with path.open("rb") as fh:
            body = fh.read(max_bytes + 1)  # the file may grow after stat
        if len(body) > max_bytes:
            raise SourceError(source, f"larger than {max_bytes} bytes")
        return body
    except FileNotFoundError as exc:
        raise SourceError(source, "no such file or directory") from exc
    except PermissionError as exc:
        raise SourceError(source, "permission denied") from exc
    except IsADirectoryError as exc:
        raise SourceError(source, "is a directory") from exc
    except OSError as exc:
        raise SourceError(source, exc.strerror or type(exc).__name__) from exc


def article_files(directory: Path, source: str) -> list[Path]:
    """Article files under a directory, recursively, sorted; hidden entries skipped."""
    found = sorted(
        path
        for path in directory.rglob("*")
        if path.is_file()
        and path.suffix.lower() in ARTICLE_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )
    if not found:
        names = ", ".join(sorted(ARTICLE_SUFFIXES))
        raise SourceError(source, f"directory holds no article files ({names})")
    return found


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    found = _FRONT_MATTER.match(text)
    if not found:
        return {}, text
    fields: dict[str, str] = {}
    for line in found.group(1).splitlines():
        pair = _KEY_VALUE.match(line)
        if pair:
            value = pair.group(2)
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                value = value[1:-1]
            fields[pair.group(1).lower()] = value
    return fields, text[found.end() :]


def _markdown_to_text(body: str) -> str:
    lines = [_MD_LINK.sub(r"\1", _MD_HEADING.sub("", line)).rstrip() for line in body.splitlines()]
    paragraphs: list[str] = []
    current: list[str] = []
    for line in lines + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return "\n\n".join(paragraphs)


def read_text_document(body: bytes, source: str, mtime: float | None = None) -> TextDocument:
    """Split a ``.txt``/``.md`` file into front matter (title, date, url, outlet) and text.

    ``published`` is accepted as another name for ``date``. Without a title in the front matter,
    a first Markdown heading (or a short first line followed by a blank line) is the title.
    Without a date in the front matter, the date is the dateline's, else the first explicit
    date of the text, else the file's modification time ``mtime`` (with ``date_warning`` set)."""
    fields, rest = _front_matter(decode(body).replace("\r\n", "\n"))
    title = plain_title(fields.get("title"))
    if not title:
        first, sep, remainder = rest.strip().partition("\n")
        if first.startswith("#") or (sep and len(first) <= 200 and remainder.startswith("\n")):
            title = plain_title(_MD_HEADING.sub("", first))
            rest = remainder
    published = None
    raw_date = fields.get("date") or fields.get("published")
    if raw_date:
        published = parse_date(raw_date)
        if published is None:
            raise SourceError(source, f"front matter date {raw_date!r} is not a date")
    text = _markdown_to_text(rest)
    warning = None
    if published is None and not raw_date:
        published, warning = clipping_date(f"{title}\n{text}", mtime, source)
    url = fields.get("url") or None
    if url and not url.lower().startswith(("http://", "https://")):
        raise SourceError(source, f"front matter url {url!r} is not an http(s) URL")
    return TextDocument(
        title=title,
        published=published,
        url=url,
        outlet=plain_title(fields.get("outlet")) or None,
        body=text,
        date_warning=warning,
    )


_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>[A-Z][a-z]{2,8})\.?"
_DATES = (
    re.compile(rf"\b(?P<day>\d{{1,2}}) {_MONTH},? (?P<year>(?:19|20)\d\d)\b"),
    re.compile(rf"\b{_MONTH} (?P<day>\d{{1,2}}),? (?P<year>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)\b"),
    re.compile(r"\b(?P<day>\d{1,2})\.(?P<mnum>\d{1,2})\.(?P<year>(?:19|20)\d\d)\b"),
)
_DAY_MONTH = (
    re.compile(rf"^{_MONTH} (?P<day>\d{{1,2}})$"),
    re.compile(rf"^(?P<day>\d{{1,2}}) {_MONTH}$"),
)


def _iso(match: re.Match[str], year: int | None = None) -> str | None:
    groups = match.groupdict()
    month = groups.get("mnum")
    number = int(month) if month else _MONTHS.get((groups.get("month") or "").lower())
    try:
        when = date(int(groups.get("year") or year or 0), number or 0, int(groups["day"]))
    except (TypeError, ValueError):
        return None
    return f"{when.isoformat()}T00:00:00Z"


def _dateline_date(text: str, year: int) -> str | None:
    """The date of a dateline in the first lines ("SEOUL, March 12 (Reuters) -")."""
    from actorgraph.core.kb.lexicon import furniture_patterns

    rules = [re.compile(e) for e in furniture_patterns().get("dateline", ())]
    for line in text.split("\n")[:15]:
        for rule in rules:
            m = rule.match(line.strip())
            raw = m.groupdict().get("date") if m else None
            if not raw:
                continue
            for pattern in _DATES:
                full = pattern.search(raw)
                if full:
                    return _iso(full)
            for pattern in _DAY_MONTH:
                part = pattern.match(raw.strip())
                if part:
                    return _iso(part, year)
    return None


def clipping_date(text: str, mtime: float | None, source: str) -> tuple[str | None, str | None]:
    """(publication date, warning) of a clipping without a front-matter date: the dateline's,
    else the first explicit date, else the file's modification time (with a warning)."""
    modified = datetime.fromtimestamp(mtime, UTC) if mtime is not None else None
    year = modified.year if modified else datetime.now(UTC).year
    found = _dateline_date(text, year)
    if found:
        return found, None
    hits = [(m.start(), m) for p in _DATES for m in [p.search(text)] if m]
    for _, m in sorted(hits, key=lambda h: h[0]):
        iso = _iso(m)
        if iso:
            return iso, None
    if modified is None:
        return None, f"{source}: no date in the text; the article has no date"
    stamp = modified.replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return (
        stamp,
        f"{source}: no date in the front matter or text; used the file's modification time",
    )
