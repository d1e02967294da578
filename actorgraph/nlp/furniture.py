"""Page furniture as structure: a step before the NER that finds datelines, captions' credits,
bylines, release headers, share buttons, lists of other stories, author notes, contact lines and
footers (patterns in ``core/kb/en/furniture.txt``).

Datelines become metadata (:class:`Dateline`); photo captions stay text (they can state events);
everything else is masked with spaces so that character offsets into the article stay valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from actorgraph.core.kb.countries import code_for_capital, code_for_name
from actorgraph.core.kb.lexicon import furniture_patterns, places
from actorgraph.core.records import Dateline

_SENTENCE_END = re.compile(r"[.!?…»”\"')]\s*$")
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Furniture:
    """Masked character ranges of one text and its first dateline."""

    ranges: tuple[tuple[int, int], ...] = ()
    dateline: Dateline | None = None


@dataclass(frozen=True)
class _Rules:
    line: re.Pattern[str]
    start: re.Pattern[str]
    list_head: re.Pattern[str]
    end: re.Pattern[str]
    inline: tuple[re.Pattern[str], ...]
    datelines: tuple[re.Pattern[str], ...]
    tail: re.Pattern[str]


def _alt(exprs: tuple[str, ...], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{e})" for e in exprs) or "(?!)", flags)


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    p = furniture_patterns()
    return _Rules(
        line=_alt(p.get("line", ())),
        start=_alt(p.get("start", ())),
        list_head=_alt(p.get("list", ())),
        end=_alt(p.get("end", ())),
        inline=tuple(re.compile(e, re.IGNORECASE) for e in p.get("inline", ())),
        datelines=tuple(re.compile(e) for e in p.get("dateline", ())),
        tail=_alt(p.get("tail", ())),
    )


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def _prose(line: str) -> bool:
    """A line of running text: a sentence of some length."""
    n = _words(line)
    return n >= 15 or n >= 4 and bool(_SENTENCE_END.search(line))


def _is_place(name: str) -> bool:
    title = name.title() if name.isupper() else name
    return bool(code_for_capital(title) or title in places() or code_for_capital(name))


def _pipe_line(line: str) -> bool:
    """ "Events | News | Transcripts", "Home > News > 2025": navigation and labels."""
    for sep in (" | ", " > ", " · "):
        parts = [p for p in line.split(sep) if p.strip()]
        if len(parts) >= 2 and all(_words(p) <= 6 for p in parts):
            return True
    return False


def _dateline(line: str, start: int) -> tuple[Dateline, int] | None:
    for rule in _rules().datelines:
        m = rule.match(line)
        if not m:
            continue
        groups = m.groupdict()
        place = (groups.get("place") or "").strip(" ,.")
        outlet = groups.get("outlet")
        if code_for_name(place.title()) and not outlet:
            continue
        if not outlet and not _is_place(place):
            continue
        return Dateline(place, groups.get("date"), outlet, start, start + m.end()), m.end()
    return None


def find_furniture(text: str, title: str = "") -> Furniture:
    """Furniture ranges of ``text`` (``title``: the article's headline, masked where repeated)."""
    rules = _rules()
    spans: list[tuple[int, int]] = []
    lines: list[tuple[int, str]] = []
    pos = 0
    for raw in text.split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    headline = title.strip().casefold()
    dateline: Dateline | None = None
    masthead = True
    in_list = False
    tail_from = len(text) * 2 // 3
    for k, (start, raw) in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        whole = (start, start + len(raw))
        prose = _prose(line)
        if rules.end.fullmatch(line):
            spans.append((start, len(text)))
            break
        if in_list and not prose:
            spans.append(whole)
            continue
        in_list = False
        if rules.list_head.fullmatch(line) or (
            rules.list_head.match(line) and line.endswith(":") and _words(line) <= 5
        ):
            spans.append(whole)
            in_list = True
            continue
        if masthead and not prose:
            spans.append(whole)
            continue
        masthead = False
        if (
            (headline and line.casefold() == headline)
            or rules.line.fullmatch(line)
            or rules.start.match(line)
            and (_words(line) <= 40)
            or _pipe_line(line)
            or _shouting(line)
            or start >= tail_from
            and rules.tail.search(line)
            and _words(line) <= 60
            or "@" in line
            and _words(line) <= 40
            and re.search(r"[\w.+-]+@[\w-]+\.\w", line)
        ):
            spans.append(whole)
            continue
        if _short_block(lines, k):
            spans.append(whole)
            continue
        offset = 0
        found = _dateline(raw, start)
        if found:
            dl, offset = found
            dateline = dateline or dl
            spans.append((start, start + offset))
        for rule in rules.inline:
            for m in rule.finditer(raw, offset):
                spans.append((start + m.start(), start + m.end()))
    return Furniture(tuple(_merge(spans)), dateline)


def _shouting(line: str) -> bool:
    """A line in capitals ("MINISTRY OF DEFENCE OF MONGOLIA", a headline in capitals)."""
    letters = [c for c in line if c.isalpha()]
    if len(letters) < 4:
        return False
    upper = sum(c.isupper() for c in letters)
    return upper / len(letters) >= 0.8 and _words(line) <= 25


def _short_block(lines: list[tuple[int, str]], k: int) -> bool:
    """A line inside a block of three or more short lines (menus, button rows, footers)."""

    def short(i: int) -> bool:
        return 0 <= i < len(lines) and 0 < _words(lines[i][1]) <= 5 and not _prose(lines[i][1])

    if not short(k):
        return False
    run = 1
    i = k - 1
    while short(i):
        run += 1
        i -= 1
    i = k + 1
    while short(i):
        run += 1
        i += 1
    return run >= 3


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def mask(text: str, ranges: tuple[tuple[int, int], ...] | list[tuple[int, int]]) -> str:
    """``text`` with every furniture range blanked (line breaks kept, so offsets stay valid);
    a range that opens a line and ends inside it ends in a line break, since the NER reads a
    name after a run of spaces worse than one at the start of a line."""
    if not ranges:
        return text
    parts: list[str] = []
    pos = 0
    for a, b in ranges:
        parts.append(text[pos:a])
        blank = re.sub(r"[^\n]", " ", text[a:b])
        if blank and (a == 0 or text[a - 1] == "\n") and b < len(text) and text[b] != "\n":
            blank = blank[:-1] + "\n"  # a dateline: what follows starts a line, as for the NER
        parts.append(blank)
        pos = b
    parts.append(text[pos:])
    return "".join(parts)
