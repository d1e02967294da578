"""Within-article grouping of mentions: the same actor under several surface forms.

STATE mentions group by country; people by family name (so "Shoigu" joins "Sergei Shoigu",
"B. Battsetseg" joins "Batmunkh Battsetseg"); acronyms join the name that defined them; other
actors by their normalised name. Used for events (distinct participants) and evaluation.
"""

from __future__ import annotations

import re

from actorgraph.core.records import Mention


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


STOP = {"of", "the", "and", "for", "in", "to", "'s", "on"}
EDITION = re.compile(r"[- ]?(?:19|20)\d\d$")
OTHER_EDITION = re.compile(
    r"\b(?:first|inaugural|previous|last|earlier|past|next|each|every)\s+$", re.IGNORECASE
)


def initials(name: str) -> str:
    """ "People's Liberation Army" -> "PLA" (small words skipped)."""
    words = [w for w in re.split(r"[\s-]+", name.replace("'s", "")) if w and w.lower() not in STOP]
    return "".join(w[0] for w in words if w[0].isalpha()).upper()


def _acronym_targets(mentions: list[Mention]) -> dict[str, Mention]:
    """Acronym -> the full-name mention it abbreviates (defined in brackets or by initials)."""
    out: dict[str, Mention] = {m.acronym: m for m in mentions if m.acronym}
    for m in mentions:
        if m.type in ("ORGANIZATION", "MILITARY") and len(m.name.split()) > 1:
            full = initials(m.name)
            out.setdefault(full, m)
            words = m.name.split()
            if len(words) > 2:  # "Chinese People's Liberation Army" -> "PLA" as well
                out.setdefault(initials(" ".join(words[1:])), m)
    return out


def _series_editions(mentions: list[Mention], text: str) -> dict[str, Mention]:
    """A bare series name ("Khaan Quest") -> its only edition in the article ("Khaan Quest 2026"),
    unless the text says it is another edition ("the first Khaan Quest", "the ... series")."""
    editions: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.type == "EXERCISE" and EDITION.search(m.name):
            editions.setdefault(norm(EDITION.sub("", m.name)), []).append(m)
    out: dict[str, Mention] = {}
    for m in mentions:
        if m.type != "EXERCISE" or EDITION.search(m.name):
            continue
        found = editions.get(norm(m.name), [])
        names = {norm(e.name) for e in found}
        if len(names) != 1:
            continue
        before = text[max(0, m.start - 20) : m.start] if text else ""
        after = text[m.end : m.end + 8] if text else ""
        if OTHER_EDITION.search(before) or after.strip().lower().startswith("series"):
            continue
        out[norm(m.name)] = found[0]
    return out


def group_mentions(mentions: list[Mention], text: str = "") -> list[int]:
    """A group number per mention (mentions of one actor share it). With the article ``text``,
    a bare exercise series joins its edition when the context allows it."""
    keys: dict[tuple[str, str], int] = {}
    groups: list[int] = []
    acronym_of = _acronym_targets(mentions)
    series = _series_editions(mentions, text) if text else {}
    full_people = [
        norm(m.name).split()
        for m in mentions
        if m.type == "PERSON" and len(norm(m.name).split()) > 1
    ]
    for m in mentions:
        if m.type == "STATE" and m.country:
            key = ("STATE", m.country)
        elif m.type == "PERSON":
            words = norm(m.name).split()
            key = ("PERSON", _person_key(m.name))
            if len(words) == 1:
                person = next((f for f in full_people if words[0] in f), None)
                if person:
                    key = ("PERSON", person[-1])
        elif m.name in acronym_of and acronym_of[m.name] is not m:
            full = acronym_of[m.name]
            key = (full.type, norm(full.name))
        elif m.type == "EXERCISE" and norm(m.name) in series:
            key = ("EXERCISE", norm(series[norm(m.name)].name))
        else:
            key = (m.type, norm(m.name))
        groups.append(keys.setdefault(key, len(keys)))
    return groups


def retype_short_names(mentions: list[Mention]) -> None:
    """A one-word mention typed ORGANIZATION/MILITARY that is part of a person's full name in the
    same article ("Zakharova" after "Maria Zakharova") is that person."""
    words = {
        w
        for m in mentions
        if m.type == "PERSON" and len(m.name.split()) > 1
        for w in re.split(r"[\s]+", m.name)
        if len(w) > 2 and not w.endswith(".")
    }
    for m in mentions:
        if (
            m.type in ("ORGANIZATION", "MILITARY", "EXERCISE")
            and " " not in m.name
            and m.name in words
        ):
            m.type = "PERSON"
            m.country = None


def share_person_facts(
    mentions: list[Mention], groups: list[int], foreign: str | None = None
) -> None:
    """A person's country and title, once known from one mention, apply to the others. A person
    with no evidence at all whose name is not Mongolian takes ``foreign``: the counterpart country
    the article is about (its most named country other than Mongolia), if any."""
    country: dict[int, str] = {}
    title: dict[int, str] = {}
    for m, g in zip(mentions, groups, strict=True):
        if m.type == "PERSON":
            if m.country:
                country.setdefault(g, m.country)
            if m.title:
                title.setdefault(g, m.title)
    staff = {
        m.name
        for m in mentions
        if m.type == "ORGANIZATION" and not m.country and INTERNATIONAL.search(m.name)
    }
    for m, g in zip(mentions, groups, strict=True):
        if m.type == "PERSON":
            m.title = m.title or title.get(g)
            serves = bool(m.title) and any(_serves(m.title or "", name) for name in staff)
            m.country = (
                m.country
                or country.get(g)
                or _mongolian_style(m.name)
                or _mongolian_name(m.name)
                or (None if serves else foreign)  # NATO's Deputy Secretary General: no state
            )


def _style() -> re.Pattern[str]:
    from actorgraph.core.kb.lexicon import initials

    forms = "|".join(["[A-Z]", *map(re.escape, initials())])
    return re.compile(rf"^(?:{forms})\.\s?(?:[A-Z][a-z]?\.\s?)?[A-Z][a-z]+(?:-[A-Z][a-z]+)?$")


MONGOLIAN_STYLE = _style()


INTERNATIONAL = re.compile(
    r"^[A-Z]{2,6}$|\b(?:International|Nations|Organi[sz]ation|Alliance|European Union|Treaty)\b"
)


def _serves(title: str, org: str) -> bool:
    """ "NATO's Deputy Secretary General", "Secretary General of the SCO": a post in ``org``."""
    return title.startswith((f"{org}'s", f"{org}’s")) or title.endswith(
        (f" of {org}", f" of the {org}")
    )


def _mongolian_name(name: str) -> str | None:
    """A name whose every word ends like a Mongolian name ("Tsogtjargal Chimeddorj")."""
    from actorgraph.core.kb.lexicon import mongolian_name_parts

    parts = mongolian_name_parts()
    words = [w.lower() for w in re.split(r"[\s-]+", name) if len(w) > 2 and not w.endswith(".")]
    if (
        words
        and any(w.endswith(parts) for w in words)
        and all(w.endswith(parts) or len(words) > 1 for w in words)
    ):
        return "MNG"
    return None


def _mongolian_style(name: str) -> str | None:
    """ "U. Khurelsukh": an initial (of the patronymic) and a given name is the Mongolian style."""
    return "MNG" if MONGOLIAN_STYLE.match(name) else None
