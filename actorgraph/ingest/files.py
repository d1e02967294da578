"""Local article files: ``.txt``/``.md`` with optional front matter, ``.html``/``.htm`` pages,
and directories of them (recursive, sorted)."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass
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


def read_text_document(body: bytes, source: str) -> TextDocument:
    """Split a ``.txt``/``.md`` file into front matter (title, date, url, outlet) and text.

    ``published`` is accepted as another name for ``date``. Without a title in the front matter,
    a first Markdown heading (or a short first line followed by a blank line) is the title."""
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
    url = fields.get("url") or None
    if url and not url.lower().startswith(("http://", "https://")):
        raise SourceError(source, f"front matter url {url!r} is not an http(s) URL")
    return TextDocument(
        title=title,
        published=published,
        url=url,
        outlet=plain_title(fields.get("outlet")) or None,
        body=_markdown_to_text(rest),
    )
