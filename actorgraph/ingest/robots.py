"""robots.txt for the article pages a feed links to (RFC 9309), one fetch per site and run.

Feeds and pages the user names are fetched as asked; pages found through a feed are fetched only
where the site's robots.txt lets our User-Agent in. A robots.txt that is missing (any 4xx)
allows everything; one that cannot be reached (5xx, timeout, refused) disallows the whole site
for this run, as the RFC asks. Either way the feed's own text is used when it has some.
"""

from __future__ import annotations

import threading
from urllib.parse import urlsplit, urlunsplit
from urllib.robotparser import RobotFileParser

from actorgraph.core.errors import SourceError
from actorgraph.core.settings import Settings
from actorgraph.ingest.fetch import fetch

MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309: parse at least the first 500 KiB


class _Verdict:
    """What one site's robots.txt says: its parsed rules, or allow/deny all."""

    def __init__(self, parser: RobotFileParser | None, allow_all: bool, reason: str = ""):
        self.parser = parser
        self.allow_all = allow_all
        self.reason = reason

    def allows(self, agent: str, url: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(agent, url)


class RobotsRules:
    """Per-site robots.txt verdicts for one run (thread-safe; each site is fetched once)."""

    def __init__(self, settings: Settings, trusted: set[str] | None = None) -> None:
        self.settings = settings
        self.trusted = trusted if trusted is not None else set()  # shared with the collector
        self.agent = settings.user_agent.split("/", 1)[0]
        self._sites: dict[str, _Verdict] = {}
        self._lock = threading.Lock()

    def check(self, url: str) -> None:
        """Raise SourceError naming ``url`` when its site's robots.txt keeps us out."""
        site = _site(url)
        if site is None:
            return
        with self._lock:
            verdict = self._sites.get(site)
            if verdict is None:
                verdict = self._sites[site] = self._load(site)
        if not verdict.allows(self.agent, url):
            why = f" ({verdict.reason})" if verdict.reason else ""
            raise SourceError(url, f"disallowed by {site}/robots.txt{why}")

    def _load(self, site: str) -> _Verdict:
        settings = self.settings
        try:
            response = fetch(f"{site}/robots.txt", settings, trusted=self.trusted)
        except SourceError as exc:
            if exc.reason.startswith("HTTP 4"):
                return _Verdict(None, allow_all=True)
            return _Verdict(None, allow_all=False, reason=f"robots.txt unreachable: {exc.reason}")
        parser = RobotFileParser()
        body = response.body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        parser.parse(body.splitlines())
        return _Verdict(parser, allow_all=True)


def _site(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    return urlunsplit((parts.scheme, parts.netloc, "", "", ""))
