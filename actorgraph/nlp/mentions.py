"""Actor mentions from the entity spans of one parsed chunk, with cleaned names, country, title,
acronyms defined in the text, and page furniture (found by ``nlp/furniture.py``) left out."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from actorgraph.core.kb.countries import country_name
from actorgraph.core.records import Mention
from actorgraph.nlp.context import ACTOR_LABELS, org_country, person_country_title


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in ranges)


def clean_name(span: Span, label: str) -> str:
    """The mention's name: a capital used as a government is named by its country."""
    if label == "STATE" and span.kb_id_:
        from actorgraph.core.kb.countries import code_for_name

        if not code_for_name(span.text):
            return country_name(span.kb_id_)
    name = span.text.replace("\n", " ").strip()
    name = re.sub(r"\s+", " ", name)
    return re.sub(r"['’]s$", "", name).strip()


def _acronym_after(span: Span) -> str | None:
    """ "Shanghai Cooperation Organization (SCO)" -> "SCO"; "State Great Khural (Улсын Их Хурал)"
    -> the other-script name in brackets."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(":
        close = next(
            (i for i in range(span.end + 1, min(len(doc), span.end + 8)) if doc[i].text == ")"),
            None,
        )
        if close is None or close == span.end + 1:
            return None
        inner = doc[span.end + 1 : close].text
        if close == span.end + 2 and inner.isupper() and 2 <= len(inner) <= 10:
            return inner
        if any(ord(ch) > 0x3FF for ch in inner if ch.isalpha()):
            return inner
    return None


def mentions_of(
    doc: Doc, offset: int, furniture: list[tuple[int, int]]
) -> list[tuple[Span, Mention]]:
    """One Mention per actor entity occurrence (with its span), offsets into the article text."""
    out: list[tuple[Span, Mention]] = []
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        start, end = offset + ent.start_char, offset + ent.end_char
        if _inside(start, end, furniture):
            continue
        country, title = "", ""
        if ent.label_ == "PERSON":
            country, title = person_country_title(ent)
        elif ent.label_ == "STATE":
            country = ent.kb_id_
        else:
            country = org_country(ent)
        out.append(
            (
                ent,
                Mention(
                    text=ent.text,
                    name=clean_name(ent, ent.label_),
                    type=ent.label_,
                    start=start,
                    end=end,
                    country=country or None,
                    title=title or None,
                    acronym=_acronym_after(ent),
                ),
            )
        )
    return out


def add_acronym_uses(text: str, mentions: list[Mention]) -> list[Mention]:
    """Occurrences of a defined acronym that the NER missed become mentions of the same type
    (and mentions of it that the NER typed otherwise take the defining mention's type)."""
    defined = {m.acronym: m for m in mentions if m.acronym}
    if not defined:
        return mentions
    for m in mentions:
        source = defined.get(m.name)
        if source is not None and source is not m:
            m.type = source.type
            m.country = m.country or source.country
    covered = [(m.start, m.end) for m in mentions]
    extra = []
    for acronym, source in defined.items():
        for match in re.finditer(rf"(?<![\w(]){re.escape(acronym)}(?![\w)])", text):
            s, e = match.start(), match.end()
            if any(a <= s < b or a < e <= b for a, b in covered):
                continue
            extra.append(
                Mention(
                    text=acronym,
                    name=acronym,
                    type=source.type,
                    start=s,
                    end=e,
                    country=source.country,
                )
            )
    return sorted(mentions + extra, key=lambda m: m.start)
