"""Within-article grouping of mentions: the same actor under several surface forms.

STATE mentions group by country; people by family name (so "Shoigu" joins "Sergei Shoigu",
"B. Battsetseg" joins "Batmunkh Battsetseg"); acronyms join the name that defined them; other
actors by their normalised name. Used for events (distinct participants) and evaluation.
"""

from __future__ import annotations

import re

from actorgraph.records import Mention


def norm(name: str) -> str:
    """Case-folded name without "the", dots, possessive and extra spaces."""
    name = name.replace("\u2019", "'").strip()
    name = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    name = re.sub(r"'s$", "", name)
    name = name.replace(".", " ").replace("-", " ")
    return re.sub(r"\s+", " ", name).strip().casefold()


def _person_key(name: str) -> str:
    words = norm(name).split()
    return words[-1] if words else ""


def group_mentions(mentions: list[Mention]) -> list[int]:
    """A group number per mention (mentions of one actor share it)."""
    keys: dict[tuple[str, str], int] = {}
    groups: list[int] = []
    acronyms = {m.acronym: m for m in mentions if m.acronym}
    full_people = [norm(m.name).split() for m in mentions if m.type == "PERSON"
                   and len(norm(m.name).split()) > 1]
    for m in mentions:
        if m.type == "STATE" and m.country:
            key = ("STATE", m.country)
        elif m.type == "PERSON":
            words = norm(m.name).split()
            key = ("PERSON", _person_key(m.name))
            if len(words) == 1:
                full = next((f for f in full_people if words[0] in f), None)
                if full:
                    key = ("PERSON", full[-1])
        elif m.name in acronyms and acronyms[m.name] is not m:
            full = acronyms[m.name]
            key = (full.type, norm(full.name))
        else:
            key = (m.type, norm(m.name))
        groups.append(keys.setdefault(key, len(keys)))
    return groups


def share_person_facts(mentions: list[Mention], groups: list[int]) -> None:
    """A person's country and title, once known from one mention, apply to the others."""
    country: dict[int, str] = {}
    title: dict[int, str] = {}
    for m, g in zip(mentions, groups, strict=True):
        if m.type == "PERSON":
            if m.country:
                country.setdefault(g, m.country)
            if m.title:
                title.setdefault(g, m.title)
    for m, g in zip(mentions, groups, strict=True):
        if m.type == "PERSON":
            m.country = m.country or country.get(g) or _mongolian_style(m.name)
            m.title = m.title or title.get(g)


MONGOLIAN_STYLE = re.compile(r"^(?:[A-Z]|Ts|Kh|Sh|Ch|Ya|Yu|Ye|Yo|Zh)\. [A-Z][a-z]+(?:-[A-Z][a-z]+)?$")


def _mongolian_style(name: str) -> str | None:
    """"U. Khurelsukh": an initial (of the patronymic) and a given name is the Mongolian style."""
    return "MNG" if MONGOLIAN_STYLE.match(name) else None
