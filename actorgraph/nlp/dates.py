"""Dates of events, resolved against the article's publication date.

Explicit dates ("on 26 May", "May 26, 2026"), weekdays ("on Wednesday": the most recent such day on
or before publication, "next Wednesday" the one after), "yesterday"/"today"/"tomorrow", "last week"
(no day: the month), months ("in March 2026"), and years for historical references ("launched in
2024" -> "2024"). :func:`find_date` returns None when the text gives no date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
MONTHS["sept"] = 9
WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}

_MON = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_YEAR = r"((?:19|20)\d\d)"
DAY_MONTH = re.compile(
    rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"(?:\s+of)?\s+{_MON}(?:,?\s+{_YEAR})?\b",
    re.IGNORECASE,
)
MONTH_DAY = re.compile(
    rf"\b{_MON}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:\s*(?:[-–]|and|to)\s*\d{{1,2}})?"
    rf"(?:,?\s+{_YEAR})?",
    re.IGNORECASE,
)
ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b")
WEEKDAY = re.compile(
    r"\b(last|next|this|on|on\s+last)?\s*(monday|tuesday|wednesday|thursday|friday|"
    r"saturday|sunday)\b",
    re.IGNORECASE,
)
RELATIVE = re.compile(
    r"\b(yesterday|today|tomorrow|last week|last month|last year|next week|"
    r"next month|next year|this week|earlier this month|this month|this year)\b",
    re.IGNORECASE,
)
MONTH_YEAR = re.compile(
    rf"\b(?:in|since|during|from|by|of|until|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?"
    rf"{_MON}(?:\s+{_YEAR})?\b",
    re.IGNORECASE,
)
YEAR = re.compile(
    rf"\b(?:in|since|during|from|of|until|by|back in|year)\s+{_YEAR}\b(?!-)", re.IGNORECASE
)
BARE_YEAR = re.compile(rf"(?<![-\d]){_YEAR}(?![-\d])")


def _month(name: str) -> int:
    return MONTHS[
        name.lower().rstrip(".")[:4]
        if name.lower().startswith("sept")
        else name.lower().rstrip(".")[:3]
    ]


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, published: date) -> int:
    """A date without a year: the publication year, or the year before if that lands far ahead."""
    candidate = _safe(published.year, month, day)
    if candidate and (candidate - published).days > 180:
        return published.year - 1
    return published.year


def find_date(text: str, published: date | None, future: bool = False) -> str | None:
    """The first date stated in ``text`` as YYYY-MM-DD / YYYY-MM / YYYY, or None. With
    ``future``, a bare weekday is the next such day rather than the last one."""
    best: tuple[int, str] | None = None

    def offer(pos: int, value: str | None) -> None:
        nonlocal best
        if value and (best is None or pos < best[0]):
            best = (pos, value)

    for m in ISO.finditer(text):
        d = _safe(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        offer(m.start(), d.isoformat() if d else None)
    for m in DAY_MONTH.finditer(text):
        offer(m.start(), _day(int(m.group(1)), _month(m.group(2)), m.group(3), published))
    for m in MONTH_DAY.finditer(text):
        offer(m.start(), _day(int(m.group(2)), _month(m.group(1)), m.group(3), published))
    if best is not None:
        return best[1]
    if published is not None:
        for m in RELATIVE.finditer(text):
            offer(m.start(), _relative(m.group(1).lower(), published))
        for m in WEEKDAY.finditer(text):
            qualifier = m.group(1) or ("next" if future else None)
            offer(m.start(), _weekday(qualifier, m.group(2).lower(), published))
        if best is not None:
            return best[1]
    for m in MONTH_YEAR.finditer(text):
        month = _month(m.group(1))
        year = (
            int(m.group(2))
            if m.group(2)
            else (
                published.year - (1 if published and month > published.month + 6 else 0)
                if published
                else None
            )
        )
        if year:
            offer(m.start(), f"{year:04d}-{month:02d}")
    if best is not None:
        return best[1]
    for m in YEAR.finditer(text):
        offer(m.start(), m.group(1))
    return best[1] if best else None


def _day(day: int, month: int, year: str | None, published: date | None) -> str | None:
    if year:
        y = int(year)
    elif published:
        y = _year_for(month, day, published)
    else:
        return None
    d = _safe(y, month, day)
    return d.isoformat() if d else None


def _relative(word: str, published: date) -> str | None:
    if word == "yesterday":
        return (published - timedelta(days=1)).isoformat()
    if word == "today":
        return published.isoformat()
    if word == "tomorrow":
        return (published + timedelta(days=1)).isoformat()
    if word == "last week":
        return (published - timedelta(days=7)).strftime("%Y-%m")
    if word == "next week":
        return (published + timedelta(days=7)).strftime("%Y-%m")
    if word == "last month":
        first = published.replace(day=1) - timedelta(days=1)
        return first.strftime("%Y-%m")
    if word == "last year":
        return f"{published.year - 1:04d}"
    if word == "next year":
        return f"{published.year + 1:04d}"
    if word == "next month":
        nxt = published.replace(day=28) + timedelta(days=7)
        return nxt.strftime("%Y-%m")
    if word in ("this week",):
        return published.isoformat()
    if word in ("this month", "earlier this month"):
        return published.strftime("%Y-%m")
    if word == "this year":
        return f"{published.year:04d}"
    return None


def _weekday(qualifier: str | None, name: str, published: date) -> str:
    target = WEEKDAYS[name]
    qualifier = (qualifier or "").lower().strip()
    if qualifier == "next" or qualifier == "on next":
        ahead = (target - published.weekday()) % 7 or 7
        return (published + timedelta(days=ahead)).isoformat()
    back = (published.weekday() - target) % 7
    if qualifier in ("last", "on last") and back == 0:
        back = 7
    return (published - timedelta(days=back)).isoformat()


def parse_published(value: str | None) -> date | None:
    """The day of an ISO-8601 publication timestamp."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
