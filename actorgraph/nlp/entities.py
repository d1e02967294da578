"""The component after the NER: trim spans, fix known mislabels, map labels to actor types.

Output labels on ``doc.ents``: the actor types ``PERSON``, ``STATE``, ``MILITARY``, ``EXERCISE``,
``ORGANIZATION``; ``LOCATION`` for places (kept for event places); ``NORP`` for demonyms (not
actors, they only give a country); ``TITLE`` for official titles; spaCy's other labels (DATE, …)
pass through. ``Span.kb_id_`` carries the ISO3 country when the span itself names one.
Country normalisation happens here, after the NER, never before it: "Mongolia-USA Strategic
Dialogue" stays one organisation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import numpy
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from actorgraph.core.kb.countries import code_for_capital, code_for_demonym, code_for_name
from actorgraph.core.kb.lexicon import exercise_series, not_actors, places, titles
from actorgraph.nlp.context import envoy_before
from actorgraph.nlp.initials import initial_regex

INITIAL = initial_regex()
HONORIFICS = titles().honorific_forms  # core/kb/en/titles.txt, shared with resolve/
LEADING_JUNK = {"the", "a", "an", "'s", "’s", "-", "–", "—", ",", ".", ":", ";", "(", ")", '"', "'"}
TRAILING_JUNK = {
    "of",
    "and",
    "the",
    "'s",
    "’s",
    "'",
    "-",
    "–",
    "—",
    ",",
    ".",
    ":",
    ";",
    "(",
    ")",
    '"',
    "in",
    "on",
    "for",
    "to",
    "with",
    "at",
}
MILITARY_WORDS = {
    "army",
    "armed",
    "forces",
    "force",
    "navy",
    "battalion",
    "brigade",
    "regiment",
    "division",
    "corps",
    "troops",
    "command",
    "military",
    "marines",
    "squadron",
    "fleet",
    "garrison",
    "guard",
    "defense",
    "defence",
    "staff",
    "contingent",
}
CIVIL_WORDS = {
    "ministry",
    "university",
    "academy",
    "agency",
    "institute",
    "committee",
    "council",
    "department",
    "office",
    "college",
    "school",
    "hospital",
    "bureau",
    "association",
}
EXERCISE_WORDS = {"exercise", "exercises", "drill", "drills", "training", "maneuvers", "manoeuvres"}
PLACE_NOUNS = {
    "province",
    "aimag",
    "city",
    "region",
    "river",
    "memorial",
    "monument",
    "district",
    "soum",
    "county",
    "prefecture",
    "lake",
    "mountain",
    "mountains",
    "valley",
    "desert",
    "training",
    "range",
    "ground",
    "airport",
    "base",
    "port",
    "state",
}
STANCE_NOUNS = {
    "position",
    "stance",
    "policy",
    "response",
    "ambition",
    "ambitions",
    "influence",
    "support",
    "concern",
    "concerns",
    "decision",
    "view",
    "views",
    "interests",
    "approach",
    "reaction",
    "objection",
    "demand",
    "demands",
    "proposal",
    "offer",
    "plan",
    "plans",
    "strategy",
    "statement",
    "warning",
    "call",
    "refusal",
    "claim",
}
PLACE_VERBS = {
    "be",
    "lie",
    "locate",
    "sit",
    "situate",
    "remain",
    "become",
    "host",
    "welcome",
    "sprawl",
    "border",
    "reach",
    "see",
    "experience",
    "suffer",
    "record",
    "get",
}
MOTION_VERBS = {"visit", "reach", "leave", "tour", "enter", "travel", "arrive", "return", "fly"}
SPEECH_GOV = {
    "say",
    "state",
    "announce",
    "refer",
    "continue",
    "insist",
    "reject",
    "warn",
    "urge",
    "call",
    "accuse",
    "criticize",
    "criticise",
    "protest",
    "respond",
    "deny",
    "confirm",
    "claim",
    "agree",
    "sign",
    "propose",
    "seek",
    "want",
    "consider",
    "view",
    "oppose",
    "support",
    "demand",
    "condemn",
    "push",
    "press",
    "expect",
    "hope",
    "plan",
    "decide",
    "threaten",
    "offer",
    "send",
    "deploy",
    "sanction",
    "recognize",
    "recognise",
    "note",
    "stress",
    "emphasize",
    "emphasise",
    "signal",
    "argue",
    "maintain",
    "pledge",
    "vow",
    "promise",
    "welcome",
    "praise",
    "dismiss",
    "summon",
    "tell",
    "ask",
    "approve",
}


NOT_EXERCISES = {
    "vision",
    "agenda",
    "covid",
    "expo",
    "strategy",
    "program",
    "programme",
    "plan",
    "mongolia",
    "law",
    "budget",
    "target",
    "goal",
    "concept",
}
FUSED_EDITION = re.compile(r"^([A-Za-z]+)-((?:19|20)\d\d)$")
ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")


def _ruled_ok(span: Span) -> bool:
    """Checks the ruler's cheap shape patterns cannot make: a real year, a real ordinal."""
    first = span[0].text
    if span.label_ == "EXERCISE" and len(span) == 1 and "-" in first:
        m = FUSED_EDITION.match(first)
        if m is None:
            return False
        return (
            m.group(1).lower() not in NOT_EXERCISES
            and not code_for_name(m.group(1))
            and not code_for_demonym(m.group(1))
        )
    if span.label_ == "MILITARY" and first[:1].isdigit():
        return bool(ORDINAL.match(first))
    return True


def _trim(doc: Doc, start: int, end: int, person: bool) -> tuple[int, int]:
    """Drop leading "the"/punctuation, trailing "of"/"'s"/punctuation, titles before names."""
    t = titles()
    while start < end and doc[start].lower_ in LEADING_JUNK:
        start += 1
    while end > start and doc[end - 1].lower_ in TRAILING_JUNK:
        end -= 1
    while end - start > 1 and doc[start].is_lower and doc[start].is_alpha:
        start += 1
    for i in range(start + 1, end):
        if doc[i].lower_ in HONORIFICS and doc[i].text[:1].isupper():
            end = i
            break
    while end > start and doc[end - 1].lower_ in TRAILING_JUNK:
        end -= 1
    if person:
        while end - start > 1 and (
            doc[start].lower_ in HONORIFICS
            or doc[start].text in t.heads
            or doc[start].text in t.modifiers
            or code_for_demonym(doc[start].text)
            or code_for_name(doc[start].text)
        ):
            start += 1
    return start, end


def _initial_before(doc: Doc, start: int) -> int:
    """Extend a name left over a Mongolian-style initial ("A. Byambajargal", "Ts. Enkhbold")."""
    if start > 0 and INITIAL.match(doc[start - 1].text):
        return start - 1
    if (
        start > 1
        and doc[start - 1].text == "."
        and not doc[start - 2].whitespace_
        and INITIAL.match(doc[start - 2].text + ".")
    ):
        return start - 2
    return start


def _is_person_like(doc: Doc, start: int, end: int) -> bool:
    """One name after an initial or a title, or in apposition to "counterpart" or a title."""
    if _initial_before(doc, start) < start:
        return True
    if start > 0 and doc[start - 1].ent_type_ == "TITLE":
        return True
    root = doc[start:end].root
    if root.dep_ == "appos" and (
        root.head.lower_ in {"counterpart", "counterparts", "envoy", "ambassador"}
        or root.head.text in titles().heads
    ):
        return True
    return False


def _government_use(span: Span) -> bool:
    """A capital (or "Washington") used for its government: subject of an action, or a stance."""
    root = span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    head = root.head
    if root.dep_ in ("nsubj", "nsubjpass"):
        return head.lemma_ not in PLACE_VERBS
    if root.dep_ == "poss":
        return head.lemma_.lower() in STANCE_NOUNS
    if root.dep_ == "pobj" and head.lower_ == "between":
        return True
    if root.dep_ == "dobj":
        return head.lemma_ not in MOTION_VERBS and head.lemma_ in SPEECH_GOV
    if root.dep_ == "pobj" and head.lower_ == "by" and head.dep_ == "agent":
        return True
    return False


def _relabel(doc: Doc, span: Span) -> tuple[str, str]:
    """(our label, ISO3 or "") for one trimmed entity span."""
    label, text = span.label_, span.text
    ruled = doc[span.start].ent_id_ if doc[span.start].ent_type_ == label else ""
    if label in ("EXERCISE", "MILITARY", "TITLE", "ORGANIZATION"):
        if not _ruled_ok(span):
            return "", ""
        return label, ruled or _leading_country(span)
    if label in ("DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
        return label, ""
    name_code = code_for_name(text)
    if name_code and label in ("GPE", "ORG", "PERSON", "LOC", "NORP"):
        return "STATE", name_code
    if text in places() or text.split("-")[0] in places() and label != "ORG":
        return "LOCATION", ""
    if label in ("ORG", "PERSON", "GPE") and code_for_demonym(text):
        return "NORP", code_for_demonym(text) or ""
    capital = code_for_capital(text)
    if capital and label in ("GPE", "ORG", "PERSON", "LOC", "FAC"):
        return ("STATE", capital) if _government_use(span) else ("LOCATION", capital)
    if label == "NORP":
        return "NORP", code_for_demonym(text) or ""
    after = doc[span.end].lower_ if span.end < len(doc) else ""
    if label in ("GPE", "LOC", "FAC"):
        if len(span) == 1 and _is_person_like(doc, span.start, span.end):
            return "PERSON", ""
        if _visits(doc, span):
            return "PERSON", ""
        return "LOCATION", ""
    if label == "PERSON":
        if after in PLACE_NOUNS or _place_object(doc, span):
            return "LOCATION", ""
        if text in exercise_series() or after in EXERCISE_WORDS:
            return "EXERCISE", ""
        return "PERSON", ""
    if label in ("ORG", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"):
        words = {t.lower_ for t in span}
        if len(span) == 1 and _is_person_like(doc, span.start, span.end):
            return "PERSON", ""
        if words & EXERCISE_WORDS or after in EXERCISE_WORDS and label != "LAW":
            return "EXERCISE", ""
        if label != "ORG":
            return label, ""
        if _visits(doc, span) and not words & (CIVIL_WORDS | MILITARY_WORDS | ORG_HEADS):
            return "PERSON", ""
        if (
            span.start > 0
            and doc[span.start - 1].ent_type_ == "TITLE"
            and len(span) <= 4
            and not words & (CIVIL_WORDS | MILITARY_WORDS | ORG_HEADS)
            and all(t.is_title or t.text == "-" for t in span)
        ):
            return "PERSON", ""
        if (
            len(span) == 1
            and span.root.dep_ == "pobj"
            and span.root.head.lower_ in ("in", "near", "at")
            and not words & CIVIL_WORDS
            and not span.text.isupper()
        ):
            return "LOCATION", ""
        if words & MILITARY_WORDS and not words & CIVIL_WORDS:
            return "MILITARY", _leading_country(span)
        return "ORGANIZATION", _leading_country(span)
    return label, ""


def _country_glued_to_name(doc: Doc, start: int, end: int) -> int:
    """ "Ambassador to [Mongolia Park Min-ho]": the end of a country name that opens a place span
    after an envoy's "to" and is followed by name words, else 0."""
    if start == 0 or doc[start - 1].lower_ != "to" or not envoy_before(doc, start - 1, 0):
        return 0
    for cut in (start + 2, start + 1):
        if cut < end - 0 and code_for_name(doc[start:cut].text) and _name_word(doc[cut]):
            return cut
    return 0


def _visits(doc: Doc, span: Span) -> bool:
    """ "Sergei Shoigu's visit": two or three capitalised words whose visit or remarks follow
    name a person, not a place or an organisation."""
    return (
        2 <= len(span) <= 3
        and all(t.is_title for t in span)
        and span.end + 1 < len(doc)
        and doc[span.end].lower_ in ("'s", "’s")
        and doc[span.end + 1].lower_ in PERSON_NOUNS
    )


def _only_titles(span: Span) -> bool:
    """ "Ms.", "Maj", "General": a title or honorific alone is no person."""
    t = titles()
    return all(
        tok.lower_ in HONORIFICS
        or tok.lower_.rstrip(".") + "." in HONORIFICS
        or tok.text in t.heads
        or tok.text in t.modifiers
        or tok.text == "."
        for tok in span
    )


def _org_before_title(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "State Duma Chairman X", "NATO Deputy Secretary General X": the title-case words right
    before a title name the organisation the person serves (one ORGANIZATION)."""
    out = []
    t = titles()
    for title in (s for s in spans if s.label_ == "TITLE"):
        start = title.start
        while (
            start > 0
            and (doc[start - 1].is_title or doc[start - 1].is_upper)
            and doc[start - 1].is_alpha
            and not doc[start - 1].is_sent_start
            and not code_for_demonym(doc[start - 1].text)
            and not code_for_name(doc[start - 1].text)
            and doc[start - 1].text not in t.heads
            and not _country_ends_at(doc, start)
            and doc[start - 1].lower_ not in ("the", "a", "an")
            and doc[start - 1].lower_ not in HONORIFICS
        ):
            start -= 1
        if start < title.start and not (
            title.start - start == 1
            and doc[start].ent_type_ == "PERSON"
            and _initial_before(doc, start) < start
        ):
            out.append(Span(doc, start, title.start, label="ORGANIZATION"))
    return out


def _name_word(tok) -> bool:
    """A title-case proper noun that can be part of a person's name (no country, title or
    honorific)."""
    t = titles()
    return (
        tok.pos_ == "PROPN"
        and tok.is_title
        and tok.is_alpha
        and not code_for_name(tok.text)
        and not code_for_demonym(tok.text)
        and tok.text not in t.heads
        and tok.text not in t.modifiers
        and tok.lower_ not in HONORIFICS
        and tok.lower_ + "." not in HONORIFICS
    )


def _apposed_title(doc: Doc, end: int) -> bool:
    """ "X, the deputy foreign minister of Mongolia,", "X, Minister of Finance of Mongolia,": a
    title noun phrase follows the name."""
    if end + 2 >= len(doc) or doc[end].text != ",":
        return False
    t = titles()
    nxt = doc[end + 1]
    if nxt.ent_type_ == "TITLE" or nxt.text in t.heads or nxt.text in t.modifiers:
        return True
    if nxt.lower_ not in ("the", "a"):
        return False
    heads = t.heads
    for tok in doc[end + 2 : min(len(doc), end + 7)]:
        if tok.is_punct:
            return False
        if tok.text.capitalize() in heads or tok.text in heads:
            return True
    return False


def _complete_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """Whole names of people: a given name the NER left out or read as a group ("Mehmet Kemal
    Bozay", "Han Zheng", "Cevdet Yılmaz"), a hyphenated second part ("Han Duck-soo"), and a
    name typed ORGANIZATION that a title stands in apposition to ("Tsend-Ayush Bold, the deputy
    foreign minister of Mongolia")."""
    by_token = {i: s for s in spans for i in range(s.start, s.end)}
    out: list[Span] = []
    dropped: set[int] = set()
    for span in spans:
        label = span.label_
        if (
            label in ("ORGANIZATION", "LOCATION", "PRODUCT", "WORK_OF_ART", "EVENT", "FAC")
            and not (label == "LOCATION" and (span.text in places() or code_for_capital(span.text)))
            and len(span) <= 5
            and all(t.is_title or t.is_upper and t.is_alpha or t.text == "-" for t in span)
            and any(t.is_title for t in span)
            and not {t.lower_ for t in span} & (CIVIL_WORDS | MILITARY_WORDS | ORG_HEADS)
            and (
                _apposed_title(doc, _name_end(doc, span.end, by_token))
                or len(span) > 1
                and span[0].lower_ in HONORIFICS
                and span[0].text[:1].isupper()
            )
        ):
            label = "PERSON"
        if label == "NORP" and not code_for_demonym(span.text) and len(span) == 1:
            nxt = span.end
            if nxt < len(doc) and nxt not in by_token and _name_word(doc[nxt]):
                label = "PERSON"
        if label != "PERSON":
            out.append(span)
            continue
        start, end = span.start, span.end
        start = _hyphen_start(doc, start, by_token)
        while end - start > 1 and (
            doc[start].lower_ in HONORIFICS or doc[start].lower_ + "." in HONORIFICS
        ):
            start += 1
        k = start - 1  # one given name before ("Mehmet Kemal Bozay"), not a glued word run
        if k >= span.sent.start and _name_word(doc[k]) and _lone_word(doc, k):
            other = by_token.get(k)
            if other is None or other.label_ == "NORP" and not code_for_demonym(other.text):
                if other is not None:
                    dropped.add(id(other))
                start = k
        end = _name_end(doc, end, by_token)
        out.append(Span(doc, start, end, label="PERSON", kb_id=span.kb_id_))
    out = [s for s in out if id(s) not in dropped]
    return _people_after_apposed_titles(doc, _people_by_frame(doc, out))


def _people_by_frame(doc: Doc, spans: list[Span]) -> list[Span]:
    """Name words the NER left without a person: after an honorific ("H.E. Hakan Fidan") or
    before an apposed title ("Tsend-Ayush Bold, the deputy foreign minister of Mongolia,")."""
    by_token = {i: s for s in spans for i in range(s.start, s.end)}
    free = {
        i: s
        for i, s in by_token.items()
        if not (s.label_ == "NORP" and not code_for_demonym(s.text))
    }
    found: list[Span] = []
    i = 0
    while i < len(doc):
        if i in free or not _name_word(doc[i]) or i > 0 and _name_word(doc[i - 1]):
            i += 1
            continue
        end = _name_end(doc, i + 1, free)
        start = _hyphen_start(doc, i, free)
        before = doc[start - 1] if start > 0 else None
        honorific = (
            before is not None
            and before.lower_ in HONORIFICS
            and before.text[:1].isupper()
            and before.lower_ not in ("his", "her")
            and not (end in by_token and by_token[end].label_ == "PERSON")
        )
        words = {t.lower_ for t in doc[start:end]}
        if (
            end - start <= 6
            and not words & (CIVIL_WORDS | MILITARY_WORDS | ORG_HEADS)
            and not (before is not None and before.lower_ in ("of", "the", "'s", "’s"))
            and (honorific or _apposed_title(doc, end))
        ):
            found.append(Span(doc, start, end, label="PERSON"))
        i = end
    if not found:
        return spans
    covered = {i for s in found for i in range(s.start, s.end)}
    kept = [s for s in spans if not any(i in covered for i in range(s.start, s.end))]
    return sorted(kept + found, key=lambda s: s.start)


def _join_adjacent_people(doc: Doc, spans: list[Span]) -> list[Span]:
    """Two person spans with nothing between them are one name ("Yury" + "Ushakov")."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        last = out[-1] if out else None
        if last is not None and last.label_ == span.label_ == "PERSON" and last.end == span.start:
            out[-1] = Span(doc, last.start, span.end, label="PERSON", kb_id=last.kb_id_)
        else:
            out.append(span)
    return out


def _lone_word(doc: Doc, i: int) -> bool:
    """Token ``i`` starts its run of capitalised words and is no organisation or force word."""
    before = doc[i - 1] if i > doc[i].sent.start else None
    return (
        before is None
        or not (before.is_title or before.is_upper)
        or before.pos_ not in ("PROPN", "NOUN")
        or before.lower_ == "by"
    ) and doc[i].lower_ not in CIVIL_WORDS | MILITARY_WORDS | ORG_HEADS


def _hyphen_start(doc: Doc, start: int, by_token: dict[int, Span]) -> int:
    """The start of a name whose first part is hyphenated ("Tsend-" before "Ayush Bold")."""
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].is_title
        and doc[start - 2].is_alpha
        and start - 2 not in by_token
    ):
        start -= 2
    return start


def _name_end(doc: Doc, end: int, by_token: dict[int, Span]) -> int:
    """The end of a name continued by hyphenated parts ("Duck-soo") and further name words."""
    while end < len(doc):
        if (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and not doc[end - 1].whitespace_
            and not doc[end].whitespace_
            and doc[end + 1].is_alpha
            and (doc[end + 1].is_lower or doc[end + 1].is_title)
            and end + 1 not in by_token
        ):
            end += 2
        elif end not in by_token and _name_word(doc[end]):
            end += 1
        else:
            break
    return end


GLUE = ("of", "the", "to")


def _people_after_apposed_titles(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "the Minister of Foreign Affairs of Mongolia, Tsend-Ayush Bold,": the name words after a
    title (and its country) and a comma are a person, even where the NER saw none or an
    organisation."""
    by_token = {i: s for s in spans for i in range(s.start, s.end)}
    found: list[Span] = []
    heads = titles().heads
    anchors = [s.end for s in spans if s.label_ == "TITLE"] + [
        t.i + 1 for t in doc if t.is_lower and t.text.capitalize() in heads and t.i not in by_token
    ]
    for j in anchors:
        start_j = j
        while j < len(doc):
            owner = by_token.get(j)
            if owner is None and doc[j].lower_ in GLUE:
                j += 1
            elif owner is not None and owner.start == j and doc[j - 1].lower_ in GLUE:
                if owner.label_ not in ("STATE", "ORGANIZATION"):
                    break
                j = owner.end
            else:
                break
        if j + 1 >= len(doc) or doc[j].text != "," or j == start_j and doc[j - 1].is_lower:
            continue
        first = j + 1
        other = by_token.get(first)
        if other is not None and (
            other.label_ not in ("ORGANIZATION", "LOCATION")
            or other.start != first
            or other.text in places()
            or code_for_capital(other.text)
        ):
            continue
        if other is None and not _name_word(doc[first]):
            continue
        free = {i: s for i, s in by_token.items() if s is not other}
        end = _name_end(doc, first if other is None else other.end, free)
        if end - first > 5 or end < len(doc) and doc[end].text not in (",", "and"):
            continue
        if other is not None and (
            {t.lower_ for t in other} & (CIVIL_WORDS | MILITARY_WORDS | ORG_HEADS)
        ):
            continue
        found.append(Span(doc, first, end, label="PERSON"))
    if not found:
        return spans
    covered = {i for s in found for i in range(s.start, s.end)}
    kept = [s for s in spans if not any(i in covered for i in range(s.start, s.end))]
    return sorted(kept + found, key=lambda s: s.start)


def _country_ends_at(doc: Doc, end: int) -> bool:
    """Whether two or three words before ``end`` name a country or its people ("South Korean",
    "United Arab Emirates")."""
    for start in range(max(0, end - 3), end - 1):
        piece = doc[start:end].text
        if code_for_demonym(piece) or code_for_name(piece):
            return True
    return False


def _place_object(doc: Doc, span: Span) -> bool:
    """A lone name after "in"/"near"/"at" with no initial before it: a place, not a person."""
    if len([t for t in span if t.text != "-"]) > 2 or _initial_before(doc, span.start) < span.start:
        return False
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ in ("in", "near", "at", "outside")


def _leading_country(span: Span) -> str:
    """ISO3 when exactly one country or demonym word/phrase leads or ends the name."""
    found = set()
    tokens = [t.text for t in span]
    for i in range(len(tokens)):
        for j in range(i + 1, min(len(tokens), i + 3) + 1):
            piece = " ".join(tokens[i:j])
            code = code_for_name(piece) or code_for_demonym(piece)
            if code:
                found.add(code)
    return found.pop() if len(found) == 1 else ""


def _holds_any(doc: Doc, attr: int, words: Iterable[str]) -> bool:
    """Whether some token's ``attr`` (ORTH or LOWER) is one of ``words`` (one array scan)."""
    wanted = numpy.array([doc.vocab.strings.add(w) for w in words], dtype=numpy.uint64)
    return bool(numpy.isin(doc.to_array(attr), wanted).any())


def _exercise_before_noun(doc: Doc, taken: set[int]) -> list[Span]:
    """Title-case words right before "exercise"/"drills" that no entity covers: an exercise name."""
    spans: list[Span] = []
    if not _holds_any(doc, LOWER, EXERCISE_WORDS):
        return spans
    for token in doc:
        if token.lower_ not in EXERCISE_WORDS or token.i == 0:
            continue
        end = token.i
        start = end
        while (
            start > 0
            and doc[start - 1].is_title
            and doc[start - 1].i not in taken
            and not code_for_demonym(doc[start - 1].text)
            and doc[start - 1].lower_ not in LEADING_JUNK
            and not doc[start - 1].is_sent_start
        ):
            start -= 1
        if end - start >= 1:
            spans.append(Span(doc, start, end, label="EXERCISE"))
    return spans


ORG_HEADS = {
    "committee",
    "commission",
    "dialogue",
    "council",
    "forum",
    "partnership",
    "centre",
    "center",
    "group",
    "consultations",
    "association",
    "chamber",
    "foundation",
    "board",
    "society",
    "institute",
    "alliance",
    "mechanism",
    "secretariat",
}


def _hyphen_compounds(doc: Doc) -> list[Span]:
    """ "Mongolia-USA Strategic Dialogue": country names joined by hyphens inside an organisation's
    name stay one ORGANIZATION (the NER often stops at the first country)."""
    spans: list[Span] = []
    if not _holds_any(doc, ORTH, ("-",)) or not _holds_any(doc, LOWER, ORG_HEADS):
        return spans  # a compound needs a hyphen token and an organisation head word
    i = 0
    while i < len(doc) - 2:
        tok = doc[i]
        if tok.is_title or tok.is_upper:
            j = i
            hyphen = False
            while j + 1 < len(doc) and (
                doc[j + 1].is_title
                or doc[j + 1].is_upper
                or doc[j + 1].text == "-"
                and not doc[j].whitespace_
            ):
                hyphen = hyphen or doc[j + 1].text == "-"
                j += 1
            if hyphen and doc[j].lower_ in ORG_HEADS and j > i + 1:
                spans.append(Span(doc, i, j + 1, label="ORG"))
            i = j + 1
        else:
            i += 1
    return spans


OFFICE_HEADS = {"Mission", "Delegation", "Embassy", "Office", "Representation", "Consulate"}


def _extend_over_and(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "the Korea Internet and Security Agency": title-case words joined by "and" right before an
    organisation's name belong to it (the NER often keeps only the last part)."""
    taken = {i for s in spans for i in range(s.start, s.end) if s.label_ == "PERSON"}
    out = []
    for span in spans:
        if span.label_ == "ORGANIZATION" and span.start > 2 and doc[span.start - 1].lower_ == "and":
            j = span.start - 1
            while (
                j > 0
                and doc[j - 1].is_title
                and doc[j - 1].i not in taken
                and not doc[j - 1].is_sent_start
            ):
                j -= 1
            if (
                span.start - 1 - j >= 2
                and j > 0
                and doc[j - 1].lower_ == "the"
                and not span.text.isupper()
            ):
                span = Span(doc, j, span.end, label="ORGANIZATION", kb_id=span.kb_id_)
        out.append(span)
    return filter_spans(out)


def _extend_offices(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "United Nations Mission" + "in South Sudan", "Delegation of the European Union" + "to
    Mongolia": an office named after where it sits is one ORGANIZATION."""
    by_start = {s.start: s for s in spans}
    out: list[Span] = []
    skip: set[int] = set()
    for span in spans:
        if span.start in skip:
            continue
        if span.label_ == "ORGANIZATION" and any(t.text in OFFICE_HEADS for t in span):
            end = span.end
            j = end
            if j + 1 < len(doc) and doc[j].lower_ in ("in", "to", "of"):
                k = j + 1
                if doc[k].lower_ == "the":
                    k += 1
                nxt = by_start.get(k)
                allowed = ("STATE",) if doc[j].lower_ == "in" else ("STATE", "ORGANIZATION")
                if nxt is not None and nxt.label_ in allowed:
                    skip.add(nxt.start)
                    end = nxt.end
            if end != span.end:
                span = Span(doc, span.start, end, label="ORGANIZATION", kb_id=span.kb_id_)
        elif (
            span.label_ == "ORGANIZATION"
            and span.end + 1 < len(doc)
            and doc[span.end].lower_ == "of"
        ):
            nxt = by_start.get(span.end + 1)
            if nxt is not None and nxt.label_ == "STATE" and len(nxt) <= 3:
                skip.add(nxt.start)
                span = Span(doc, span.start, nxt.end, label="ORGANIZATION", kb_id=nxt.kb_id_)
        out.append(span)
    return out


ABBREVIATIONS = {
    "Mr.",
    "Ms.",
    "Mrs.",
    "Dr.",
    "Gen.",
    "Maj.",
    "Lt.",
    "Col.",
    "Brig.",
    "Adm.",
    "Capt.",
    "Sgt.",
    "Gov.",
    "Sen.",
    "Rep.",
    "Prof.",
    "St.",
    "No.",
}


AFTER_RANK = {"Maj", "Gen", "Col", "Lt", "Brig"}


def doc_words(doc: Doc) -> list[str]:
    """The text of every token, read from the doc's array (no Token objects)."""
    strings = doc.vocab.strings
    return [strings[o] for o in doc.to_array(ORTH).tolist()] if len(doc) else []


def _may_be_initial(word: str) -> bool:
    """Cheap test before ``INITIAL`` (which needs a short word with a full stop)."""
    return len(word) <= 4 and "." in word


@Language.component("actorgraph_no_split_after_initials")
def keep_initials_in_sentence(doc: Doc) -> Doc:
    """Before the parser: "Defence Minister D. Ganzorig" is one sentence (no break after "D.")."""
    words = doc_words(doc)
    for i in range(1, len(words)):
        prev = words[i - 1]
        if (
            prev in ABBREVIATIONS
            or prev in AFTER_RANK
            or _may_be_initial(prev)
            and INITIAL.match(prev)
            or prev == "."
            and i > 1
            and len(words[i - 2]) <= 3
            and INITIAL.match(words[i - 2] + ".")
        ) and doc[i].is_title:
            doc[i].is_sent_start = False
    return doc


@Language.component("actorgraph_entities")
def fix_entities(doc: Doc) -> Doc:
    """Trim, relabel and complete ``doc.ents`` (see the module docstring)."""
    spans: list[Span] = []
    compounds = _hyphen_compounds(doc)
    if compounds:
        doc.ents = filter_spans(compounds + list(doc.ents))
    for ent in _split_glued(doc, list(doc.ents)):
        start, end = _trim(doc, ent.start, ent.end, ent.label_ == "PERSON")
        if start >= end:
            continue
        start, end = _before_open_bracket(doc, start, end)
        span = Span(doc, start, end, label=ent.label_)
        label, code = _relabel(doc, span)
        if not label or label == "PERSON" and _only_titles(span) or _never_actor(span.text):
            continue
        if label in ("ORGANIZATION", "MILITARY") and _names_no_actor(span):
            continue
        if label == "EXERCISE" and doc[end - 1].lower_ in SITE_WORDS:
            label, code = "LOCATION", ""
        if label == "PERSON" and end < len(doc) and doc[end].lower_ in GOVERNMENT_WORDS:
            label, end = "ORGANIZATION", end + 1
        if label == "PERSON":
            start = _initial_before(doc, start)
        cut = _country_glued_to_name(doc, start, end) if label == "LOCATION" else 0
        if cut:
            code = code_for_name(doc[start:cut].text) or ""
            spans.append(Span(doc, start, cut, label="STATE", kb_id=code))
            start, label, code = cut, "PERSON", ""
        spans.append(Span(doc, start, end, label=label, kb_id=code))
    spans = _extend_offices(doc, sorted(spans, key=lambda s: s.start))
    spans = _extend_over_and(doc, spans)
    spans += _countries_without_entity(doc, {i for s in spans for i in range(s.start, s.end)})
    spans = _complete_people(doc, sorted(spans, key=lambda s: s.start))
    orgs = _org_before_title(doc, spans)
    if orgs:
        covered = {i for o in orgs for i in range(o.start, o.end)}
        spans = [s for s in spans if not any(i in covered for i in range(s.start, s.end))] + orgs
    taken = {i for s in spans for i in range(s.start, s.end)}
    spans.extend(_initials_without_entity(doc, taken))
    taken = {i for s in spans for i in range(s.start, s.end)}
    spans.extend(_names_after_titles(doc, spans, taken))
    spans.extend(_exercise_before_noun(doc, taken))
    named = _exercise_after_noun(doc) + _drills_with_year(doc, spans)
    if named:
        covered = {i for s in named for i in range(s.start, s.end)}
        spans = [s for s in spans if not any(i in covered for i in range(s.start, s.end))] + named
    kept = [_government_as_state(doc, s) for s in _join_adjacent_people(doc, spans)]
    doc.ents = filter_spans([s for s in kept if s is not None])
    return doc


GLUE_HEADS = {"federation", "union", "khural", "duma", "parliament", "government", "republic"}
NOT_NAME_WORDS = {
    "service",
    "administration",
    "authority",
    "corporation",
    "company",
    "court",
    "assembly",
    "bank",
    "organization",
    "organisation",
    "programme",
    "program",
    "agreement",
    "fund",
    "initiative",
    "project",
    "party",
    "club",
    "league",
    "station",
    "hall",
    "palace",
    "house",
}


PERSON_NOUNS = {"visit", "trip", "remarks", "speech", "arrival", "predecessor", "successor"}
SITE_WORDS = {"centre", "center", "area", "ground", "grounds", "range", "camp", "base", "site"}
GOVERNMENT_WORDS = {"administration", "government", "cabinet"}


def _never_actor(text: str) -> bool:
    """ "State", "Presidential", "Su-30": a title word, a region, a weapon system."""
    lex = not_actors()
    name = re.sub(r"^(?:the|The)\s+", "", text.strip())
    return name in lex.names or bool(lex.pattern.fullmatch(name))


def _names_no_actor(span: Span) -> bool:
    """ "Defence Cooperation Program", "Bilateral Advisory Council": a programme or a format."""
    lex = not_actors()
    return len(span) > 1 and (
        span[-1].lower_ in lex.heads or any(t.text in lex.words for t in span)
    )


def _before_open_bracket(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """ "Shanghai Cooperation Organization (SCO": a bracket opened and not closed ends the name."""
    for i in range(start + 1, end):
        if doc[i].text == "(" and not any(doc[j].text == ")" for j in range(i, end)):
            end = i
            while end > start and doc[end - 1].lower_ in TRAILING_JUNK:
                end -= 1
            break
    return start, end


def _split_glued(doc: Doc, ents: list[Span]) -> list[Span]:
    """ "State Great Khural D.Amarbayasgalan", "Russian Federation Sergey Lavrov": an organisation
    or state glued to the person after it becomes two spans; a span that starts with an initial
    ("Kh.Tsend-Ayush") is a person."""
    out: list[Span] = []
    heads = ORG_HEADS | CIVIL_WORDS | MILITARY_WORDS | GLUE_HEADS
    for ent in ents:
        if ent.label_ in ("PERSON", "TITLE", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY"):
            out.append(ent)
            continue
        cut = next(
            (
                i
                for i in range(ent.start, ent.end - 1)
                if INITIAL.match(doc[i].text) and doc[i + 1].is_title
            ),
            None,
        )
        joint = next(
            (i for i in range(ent.start + 1, ent.end - 1) if _joins_two(doc, ent, i, heads)), None
        )
        if joint is not None:  # "Mongolian Armed Forces and NATO", "Mongolia & Korea": two actors
            out.append(Span(doc, ent.start, joint, label=ent.label_))
            out.append(Span(doc, joint + 1, ent.end, label=ent.label_))
            continue
        if cut is None and len(ent) >= 3:
            cut = _name_after_head(doc, ent, heads)
        if cut is None:
            out.append(ent)
            continue
        if cut > ent.start:
            out.append(Span(doc, ent.start, cut, label=ent.label_))
        out.append(Span(doc, cut, ent.end, label="PERSON"))
    return out


def _joins_two(doc: Doc, ent: Span, i: int, heads: set[str]) -> bool:
    """ "Mongolian Armed Forces and NATO", "Mongolia & Korea": "and" between two actors' names."""
    if doc[i].lower_ not in ("and", "&"):
        return False
    left, right = doc[ent.start : i], doc[i + 1 : ent.end]
    left_ok = left[-1].lower_ in heads or bool(code_for_name(left.text))
    right_ok = right.text.isupper() and len(right.text) > 1 or bool(code_for_name(right.text))
    return left_ok and right_ok


def _name_after_head(doc: Doc, ent: Span, heads: set[str]) -> int | None:
    """Where a 1-3 word proper name starts after a country or an organisation head word."""
    for k in range(ent.end - 1, max(ent.start, ent.end - 5) - 1, -1):
        before = doc[ent.start : k]
        if not before:
            break
        rest = doc[k : ent.end]
        if len([t for t in rest if t.text != "-"]) > 3:
            break
        if not all(t.is_title and (t.is_alpha or t.text == "-") or t.text == "-" for t in rest):
            continue
        if any(
            t.lower_ in heads
            or t.lower_ in NOT_NAME_WORDS
            or t.text in places()
            or code_for_name(t.text)
            or code_for_demonym(t.text)
            for t in rest
        ):
            continue
        if code_for_name(before.text) or before[-1].lower_ in heads:
            if len([t for t in rest if t.text != "-"]) >= 2 and all(
                t.pos_ == "PROPN" for t in rest if t.text != "-"
            ):
                return k
    return None


YEAR = re.compile(r"^(?:19|20)\d\d$")
EXERCISE_NOUNS = {"exercise", "exercises", "drill", "drills"}


def _exercise_after_noun(doc: Doc) -> list[Span]:
    """ "exercise Selenge", "Exercise NOMADIC ELEPHANT": a name right after the noun is the
    exercise when it is a known series, is written in capitals, or carries a year."""
    out: list[Span] = []
    if not _holds_any(doc, LOWER, EXERCISE_NOUNS):
        return out
    for token in doc:
        if token.lower_ not in EXERCISE_NOUNS or token.i + 1 >= len(doc):
            continue
        j = token.i + 1
        while (
            j < len(doc)
            and j - token.i <= 4
            and (
                (doc[j].is_title or doc[j].is_upper)
                and doc[j].is_alpha
                and not code_for_name(doc[j].text)
                and not code_for_demonym(doc[j].text)
                or doc[j].text == "-"
                and j > token.i + 1
                and not doc[j - 1].whitespace_
                or YEAR.match(doc[j].text)
                and j > token.i + 1
            )
        ):
            j += 1
        if doc[j - 1].text == "-":
            j -= 1
        if j == token.i + 1:
            continue
        span = doc[token.i + 1 : j]
        words = [t.text for t in span if t.is_alpha]
        if (
            span.text in exercise_series()
            or any(YEAR.match(t.text) for t in span)
            or words
            and all(w.isupper() and len(w) > 2 for w in words)
        ):
            out.append(Span(doc, span.start, span.end, label="EXERCISE"))
    return out


def _drills_with_year(doc: Doc, spans: list[Span]) -> list[Span]:
    """ "Steppe Eagle-2026": title-case words before an exercise named "Word-YYYY" belong to it."""
    out: list[Span] = []
    for s in spans:
        if s.label_ != "EXERCISE" or not FUSED_EDITION.match(s[-1].text) and len(s) > 2:
            continue
        start = s.start
        while (
            start > 0
            and doc[start - 1].is_title
            and doc[start - 1].is_alpha
            and not doc[start - 1].is_sent_start
            and not code_for_name(doc[start - 1].text)
            and not code_for_demonym(doc[start - 1].text)
            and doc[start - 1].lower_ not in EXERCISE_WORDS
            and doc[start - 1].text not in titles().heads
        ):
            start -= 1
        if start < s.start and "-" in doc[s.start : s.end].text:
            out.append(Span(doc, start, s.end, label="EXERCISE"))
    return out


def _government_as_state(doc: Doc, span: Span) -> Span | None:
    """ "Government of Japan", "the Korean Government": the STATE; "Government" alone: none."""
    if span.label_ != "ORGANIZATION":
        return span
    words = [t for t in span if t.lower_ not in ("the", "of")]
    gov = [t for t in words if t.lower_ in GOVERNMENT_WORDS]
    if not gov:
        return span
    rest = doc[words[0].i : words[-1].i + 1]
    others = [t for t in words if t.lower_ not in GOVERNMENT_WORDS]
    if not others:
        return None if len(span) == len(gov) else span
    place = " ".join(t.text for t in others)
    code = code_for_name(place) or code_for_demonym(place)
    if not code:
        for k in range(len(span)):
            tail = span[k:].text.removeprefix("the ")
            code = code_for_name(tail) or ""
            if code:
                break
    if not code:
        return span
    return Span(doc, rest.start, rest.end, label="STATE", kb_id=code)


def _names_after_titles(doc: Doc, spans: list[Span], taken: set[int]) -> list[Span]:
    """ "Minister of Defense Kenji Sato" when the NER saw no person: proper nouns after a title."""
    out = []
    states = {s.start: s for s in spans if s.label_ == "STATE"}
    for title in (s for s in spans if s.label_ == "TITLE"):
        j = title.end
        if j + 1 < len(doc) and doc[j].lower_ in ("to", "of") and j + 1 in states:
            j = states[j + 1].end  # "Ambassador to Mongolia Ravi Kumar"
        while j < len(doc) and (
            doc[j].lower_ in HONORIFICS or doc[j].text == "." or doc[j].lower_ + "." in HONORIFICS
        ):
            j += 1
        first = j
        while (
            j < len(doc)
            and j - first < 3
            and j not in taken
            and doc[j].pos_ == "PROPN"
            and (doc[j].is_title or doc[j].is_upper and len(doc[j]) > 2 and doc[j].is_alpha)
            and not code_for_name(doc[j].text)
            and not code_for_demonym(doc[j].text)
        ):
            j += 1
        run = doc[first:j]
        if any(t.is_upper for t in run) and not (  # "TAKAICHI Sanae", "Batmunkh BATTSETSEG"
            len(run) == 2 and run[0].is_upper != run[1].is_upper
        ):
            continue
        if j > first and not _only_titles(run) and not _never_actor(run.text):
            out.append(Span(doc, first, j, label="PERSON"))
    return out


def _countries_without_entity(doc: Doc, taken: set[int]) -> list[Span]:
    """ "the Minister of Foreign Affairs of Japan, X": a country's name (one to three
    title-case words) that the NER left without an entity is the STATE."""
    out = []
    i = 0
    while i < len(doc):
        tok = doc[i]
        if i in taken or not tok.is_title or tok.pos_ != "PROPN":
            i += 1
            continue
        for n in (3, 2, 1):
            end = i + n
            if end > len(doc) or any(j in taken for j in range(i, end)):
                continue
            code = code_for_name(doc[i:end].text) if doc[end - 1].is_alpha else ""
            after = doc[end] if end < len(doc) else None
            if code and not (after is not None and after.is_title and after.pos_ == "PROPN"):
                out.append(Span(doc, i, end, label="STATE", kb_id=code))
                i = end - 1
                break
        i += 1
    return out


def _initials_without_entity(doc: Doc, taken: set[int]) -> list[Span]:
    """ "A. Byambajargal" or "D. Munkh-Erdene" that the NER missed: a person."""
    spans = []
    words = doc_words(doc)
    starts = [
        i
        for i in range(len(words) - 1)
        if _may_be_initial(words[i]) or words[i + 1] == "." and len(words[i]) <= 3
    ]
    for i in starts:
        token, nxt = doc[i], doc[i + 1]
        if token.i in taken or nxt.i in taken:
            continue
        if not INITIAL.match(token.text):
            if (
                nxt.text == "."
                and not token.whitespace_
                and token.i + 2 < len(doc)
                and INITIAL.match(token.text + ".")
                and token.i + 2 not in taken
            ):
                nxt = doc[token.i + 2]
            else:
                continue
        if not nxt.is_title or code_for_name(nxt.text) or code_for_demonym(nxt.text):
            continue
        end = nxt.i + 1
        while (
            end + 1 < len(doc)
            and doc[end].text == "-"
            and doc[end + 1].is_title
            and not doc[end].whitespace_
        ):
            end += 2
        spans.append(Span(doc, token.i, end, label="PERSON"))
    return spans
