"""The shipped sample articles and outlets, read from the Markdown files next to this module."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from actorgraph.core.errors import SourceError

SAMPLE_DIR = Path(__file__).resolve().parent
ARTICLES_DIR = SAMPLE_DIR / "articles"
OUTLETS_FILE = SAMPLE_DIR / "outlets.json"

_REQUIRED = ("id", "outlet", "title", "published", "slug")
_KEY_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*):\s*(.*)$")


@dataclass(frozen=True)
class Outlet:
    """A fictional news outlet (or digest) with its feed format: rss2, atom or rss1."""

    key: str
    name: str
    format: str
    style: str
    tagline: str = ""
    digest: bool = False


@dataclass(frozen=True)
class SampleArticle:
    """One sample article: front-matter fields plus the body (paragraphs joined by a blank line)."""

    id: str
    outlet: str
    title: str
    published: str
    slug: str
    body: str
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def paragraphs(self) -> list[str]:
        """The body's paragraphs, in order."""
        return self.body.split("\n\n")

    @property
    def published_dt(self) -> datetime:
        """``published`` as an aware UTC datetime."""
        return datetime.strptime(self.published, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)

    @property
    def path(self) -> str:
        """The article page's path on the sample site."""
        dt = self.published_dt
        return f"/{self.outlet}/{dt:%Y}/{dt:%m}/{self.slug}.html"

    @property
    def iso_week(self) -> str:
        """ISO week of publication, e.g. ``2026-W22``."""
        year, week, _ = self.published_dt.isocalendar()
        return f"{year}-W{week:02d}"

    @property
    def also_in(self) -> list[str]:
        """Keys of further feeds (digests) that republish this article."""
        return list(self.extra.get("also_in", []))

    @property
    def canonical_query(self) -> str:
        """Tracking query string appended to the link when republished, or ''."""
        return str(self.extra.get("canonical_query", ""))


def _parse_value(raw: str) -> Any:
    raw = raw.strip()
    if raw.startswith("[") and raw.endswith("]"):
        return [item.strip().strip("\"'") for item in raw[1:-1].split(",") if item.strip()]
    if len(raw) >= 2 and raw[0] == raw[-1] and raw[0] in "\"'":
        return raw[1:-1]
    return raw


def parse_article(text: str, source: str = "<text>") -> SampleArticle:
    """Parse one Markdown article with ``---`` front matter; SourceError naming ``source``."""
    lines = text.replace("\r\n", "\n").split("\n")
    if not lines or lines[0].strip() != "---":
        raise SourceError(source, "missing front matter")
    try:
        end = lines.index("---", 1)
    except ValueError as exc:
        raise SourceError(source, "front matter is not closed") from exc
    meta: dict[str, Any] = {}
    for line in lines[1:end]:
        if not line.strip():
            continue
        match = _KEY_LINE.match(line)
        if not match:
            raise SourceError(source, f"bad front-matter line {line!r}")
        meta[match.group(1)] = _parse_value(match.group(2))
    missing = [key for key in _REQUIRED if not meta.get(key)]
    if missing:
        raise SourceError(source, f"front matter lacks {', '.join(missing)}")
    body_text = "\n".join(lines[end + 1 :]).strip()
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body_text) if p.strip()]
    if not paragraphs:
        raise SourceError(source, "article has no text")
    extra = {key: value for key, value in meta.items() if key not in _REQUIRED}
    article = SampleArticle(
        id=meta["id"],
        outlet=meta["outlet"],
        title=meta["title"],
        published=meta["published"],
        slug=meta["slug"],
        body="\n\n".join(paragraphs),
        extra=extra,
    )
    try:
        _ = article.published_dt
    except ValueError as exc:
        raise SourceError(source, "published is not YYYY-MM-DDTHH:MM:SSZ") from exc
    return article


def load_articles(directory: Path | None = None) -> list[SampleArticle]:
    """All sample articles, sorted by id."""
    folder = directory or ARTICLES_DIR
    articles = [parse_article(p.read_text(encoding="utf-8"), str(p)) for p in folder.glob("*.md")]
    return sorted(articles, key=lambda a: a.id)


def load_outlets() -> list[Outlet]:
    """The outlets then the digest feeds declared in ``outlets.json``."""
    data = json.loads(OUTLETS_FILE.read_text(encoding="utf-8"))
    outlets = [Outlet(**item) for item in data["outlets"]]
    outlets += [Outlet(**item, digest=True) for item in data.get("digests", [])]
    return outlets
