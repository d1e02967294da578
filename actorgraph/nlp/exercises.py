"""One PARTICIPATE event per exercise edition and status in an article.

Reports spread an exercise's participants over several sentences ("Mongolia sent servicemen, who
took part alongside units from Azerbaijan, Pakistan and Kazakhstan"; "The Turkish Armed Forces
presented … during the drill"). A sentence refers to an exercise by name, by "the exercise / the
drill / this year's edition", or through a participation verb right after one was named; the
states and forces it names (not as places, not as the owner of another force) take part, and so
does a state whose demonym qualifies troops ("the Mongolian contingent") when the article names
that state.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from actorgraph.core.kb.lexicon import event_words
from actorgraph.core.records import Mention
from actorgraph.nlp.entities import HONORIFICS

ANAPHORS = event_words("exercise_anaphors")
PARTICIPATION = event_words("exercise_participation")
BACKGROUND = re.compile(
    r"\b(?:since (?:19|20)\d\d|every (?:year|two years)|annually|each year)\b", re.IGNORECASE
)
TROOPS = event_words("troops")
NON_PARTICIPANTS = event_words("exercise_non_participants")
TRAINERS = event_words("exercise_trainers")
DATELINE_DASHES = frozenset({"--", "\u2014", "\u2013", "-"})
ANAPHOR_WINDOW = 3  # sentences a participation verb may look back for the exercise it joins
PLACE_PREPS = {"in", "at", "near", "across", "inside", "outside", "into", "to", "on", "over"}
EDITION_YEAR = re.compile(r"((?:19|20)\d\d)$")
START_YEAR = re.compile(
    r"\b(?:since|began in|started in|first held in)\s+((?:19|20)\d\d)\b", re.IGNORECASE
)


@dataclass
class SentenceInfo:
    """What the aggregation needs to know about one sentence."""

    sent: Span
    token_mention: dict[int, int]
    other_events: bool
    negated: bool
    status: str
    date: str | None


def _refers(
    info: SentenceInfo,
    groups: list[int],
    types: list[str],
    last: int | None,
    edition_of: dict[int, int],
) -> tuple[int | None, bool]:
    """(exercise group the sentence is about, named or "the exercise"?): a name, an anaphor
    noun, or, implicitly, a participation verb or "troops from X" after one was named."""
    named = [
        groups[m]
        for t in info.sent
        if (m := info.token_mention.get(t.i)) is not None and types[m] == "EXERCISE"
    ]
    if named:
        return edition_of.get(named[0], named[0]), True
    if last is None:
        return None, False
    if any(_anaphor(t) for t in info.sent):
        return last, True
    if any(_joins(t) or _troops_from(t) for t in info.sent):
        return last, False
    return None, False


def _anaphor(t: Token) -> bool:
    """ "the exercise", "this drill", "its games"."""
    return t.lower_ in ANAPHORS and any(
        c.lower_ in {"the", "this", "that"} or c.dep_ == "poss" for c in t.children
    )


def _joins(t: Token) -> bool:
    """ "participate", "took part", not "participate in the work of X" (another thing)."""
    if t.pos_ not in ("VERB", "AUX") or not (
        t.lemma_ in PARTICIPATION
        or t.lemma_ == "take"
        and any(c.lower_ == "part" for c in t.children)
    ):
        return False
    holder = [t] + [c for c in t.children if c.lower_ == "part"]
    objects = [
        o
        for h in holder
        for p in h.children
        if p.dep_ == "prep" and p.lower_ == "in"
        for o in p.children
        if o.dep_ == "pobj"
    ]
    return not objects or any(o.lower_ in ANAPHORS or o.ent_type_ == "EXERCISE" for o in objects)


def _troops_from(t: Token) -> bool:
    """ "troops from X", "units of X", "instructors from X"."""
    return (
        (t.lower_ in TROOPS or t.lower_ in TRAINERS)
        and t.pos_ == "NOUN"
        and any(c.dep_ == "prep" and c.lower_ in ("of", "from") for c in t.children)
    )


_NATIONAL_FORCE = re.compile(
    r"\b(?:armed forces|army|military|defen[cs]e forces?|liberation army)\b", re.IGNORECASE
)


def national_forces(mentions: list[Mention]) -> dict[str, int]:
    """Country -> the first mention of its national armed forces ("Mongolian Armed Forces")."""
    out: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.type == "MILITARY" and m.country and _NATIONAL_FORCE.search(m.name):
            out.setdefault(m.country, i)
    return out


def _is_place(token: Token) -> bool:
    """ "in Mongolia", "FIVE HILLS TRAINING AREA, Mongolia --", "Sainshand, Mongolia": the
    country is where, not who."""
    if token.dep_ == "pobj" and token.head.lower_ in PLACE_PREPS:
        return True
    doc = token.doc
    first = token
    while (
        first.i > 0
        and doc[first.i - 1].ent_type_ == token.ent_type_
        and doc[first.i - 1].ent_iob_ != "O"
        and first.i - token.i < 6
    ):
        first = doc[first.i - 1]
    before = doc[first.i - 2] if first.i >= 2 else None
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    comma = first.i >= 1 and doc[first.i - 1].text == ","
    return (
        token.head.ent_type_ == "LOCATION"
        or comma
        and before is not None
        and before.ent_type_ == "LOCATION"
        or comma
        and after is not None
        and after.text in DATELINE_DASHES  # "FIVE HILLS TRAINING AREA, Mongolia --"
    )


def _affiliation(token: Token, token_mention: dict[int, int], types: list[str]) -> bool:
    """ "Mongolian Armed Forces Maj. Gen. X", "commanding general of III Marine Expeditionary
    Force": the force a person belongs to, named with the person, does not take part itself."""
    doc = token.doc
    nxt = doc[token.i + 1] if token.i + 1 < len(doc) else None
    if nxt is not None and (nxt.ent_type_ in ("TITLE", "PERSON") or nxt.lower_ in HONORIFICS):
        return True
    if token.i >= 2 and doc[token.i - 1].lower_ == "of" and doc[token.i - 2].ent_type_ == "TITLE":
        return True  # "the President of Mongolia, U. Khurelsukh"
    head = token.head
    while head.dep_ == "prep" and head.head is not head:
        head = head.head
    m = token_mention.get(head.i)
    return head.ent_type_ == "TITLE" or m is not None and types[m] == "PERSON"


def _attendee(token: Token) -> bool:
    """ "senior officials from Mongolia", "observers from China": people attending, not the
    state's forces taking part."""
    first = token
    while first.dep_ == "conj" and first.head is not first:
        first = first.head
    prep = first.head
    if first.dep_ != "pobj" or prep.lower_ not in ("from", "of"):
        return False
    nouns = (prep.head, token.doc[prep.i - 1])  # "officials from X" parsed or just written
    return any(n.lower_ in NON_PARTICIPANTS or n.lemma_ in NON_PARTICIPANTS for n in nouns)


def _quoted(token: Token, sent: Span) -> bool:
    """Inside a quotation ("\"Steppe Partner is how Mongolia shows …,\" said X"): an opinion,
    not a report of who took part."""
    before = sent.doc.text[sent.start_char : token.idx]
    return (
        before.count('"') % 2 == 1
        or before.count("\u201c") > before.count("\u201d")
        or before.count("\u00ab") > before.count("\u00bb")
    )


def _in_negated_clause(token: Token) -> bool:
    """ "…, while China did not send observers": the mention's own clause is negated."""
    node, steps = token, 0
    while node.head is not node and steps < 12:
        node = node.head
        steps += 1
        if node.pos_ in ("VERB", "AUX"):
            return _negated_verb(node)
    return False


def _negated_verb(verb: Token) -> bool:
    """The verb is negated, or it sends non-participants and a conjoined verb with the same
    subject is ("sent observers but did not send contingents")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    sends_attendees = any(
        c.dep_ == "dobj" and (c.lower_ in NON_PARTICIPANTS or c.lemma_ in NON_PARTICIPANTS)
        for c in verb.children
    )
    return sends_attendees and any(
        c.dep_ == "conj"
        and any(g.dep_ == "neg" for g in c.children)
        and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
        for c in verb.children
    )


def participants(
    info: SentenceInfo, types: list[str], mentions: list[Mention], state_of: dict[str, int]
) -> list[int]:
    """States and forces taking part, named in one sentence."""
    out: list[int] = []
    for t in info.sent:
        m = info.token_mention.get(t.i)
        if m is None:
            if (
                t.ent_type_ == "NORP"
                and t.ent_kb_id_ in state_of
                and (t.head.lower_ in TROOPS or t.head.lemma_ in TROOPS)
            ):  # "Mongolian units": the armed forces when the article names them, else the state
                forces = national_forces(mentions)
                out.append(forces.get(t.ent_kb_id_, state_of[t.ent_kb_id_]))
            continue
        if types[m] not in ("STATE", "MILITARY") or m in out:
            continue
        root = t
        if t.i + 1 < len(t.doc) and info.token_mention.get(t.i + 1) == m:
            continue  # look at the last token of the mention only
        if (
            _is_place(root)
            or root.dep_ == "poss"
            and (
                root.head.i in info.token_mention
                or not (root.head.lower_ in TROOPS or root.head.lemma_ in TROOPS)
            )
            or _affiliation(root, info.token_mention, types)
            or _attendee(root)
            or _in_negated_clause(root)
            or _quoted(root, info.sent)
        ):
            continue
        out.append(m)
    return list(dict.fromkeys(out))


def _background(info: SentenceInfo, published: str | None) -> bool:
    """History or routine ("held annually since 2003", "held in 2024"), not this edition."""
    inner = {t.i for t in info.sent if t.dep_ in ("relcl", "acl") for t in t.subtree}
    main = "".join(t.text_with_ws for t in info.sent if t.i not in inner)
    if BACKGROUND.search(main):
        return True
    return bool(info.date and len(info.date) == 4 and published and info.date != published[:4])


def _start_year(info: SentenceInfo, published: str | None) -> str | None:
    """The year a series started, from a history line ("organised annually since 2008",
    "began in 2003 as a bilateral exercise"): its own PARTICIPATE event, dated that year."""
    match = START_YEAR.search(info.sent.text)
    if match and (not published or match.group(1) < published[:4]):
        return match.group(1)
    return None


def _nearest_verb(token: Token) -> Token | None:
    node, steps = token, 0
    while steps < 12:
        if node.pos_ in ("VERB", "AUX"):
            return node
        if node.head.i == node.i:
            return None
        node, steps = node.head, steps + 1
    return None


def _in_start_clause(info: SentenceInfo, named: list[int], mentions: list[Mention]) -> list[int]:
    """Of a history line, the participants of the clause that gives the start year ("Since
    2008, the Russia-Mongolia exercise Selenge has been organised"), not of a clause added to it
    ("… and is now the largest exercise hosted by Turkey")."""
    match = START_YEAR.search(info.sent.text)
    if match is None:
        return []
    at = info.sent.start_char + match.start()
    cue = next((t for t in info.sent if t.idx == at), None)
    verb = _nearest_verb(cue) if cue is not None else None
    if verb is None:
        return []
    doc = info.sent.doc
    out = []
    for m in named:
        tokens = [t for t in info.sent if info.token_mention.get(t.i) == m]
        near = _nearest_verb(doc[tokens[-1].i]) if tokens else None
        if near is not None and near.i == verb.i:  # spaCy makes a new Token on every access
            out.append(m)
    return out


def _editions(mentions: list[Mention], groups: list[int]) -> dict[int, int]:
    """Group of a bare series name ("the Steppe Partner series") -> group of the article's one
    current edition of it ("Steppe Partner 2026"), for following the story across sentences."""
    editions: dict[str, set[int]] = {}
    for i, m in enumerate(mentions):
        year = EDITION_YEAR.search(m.name)
        if m.type == "EXERCISE" and year:
            editions.setdefault(m.name[: year.start()].rstrip(" -").lower(), set()).add(groups[i])
    out: dict[int, int] = {}
    for i, m in enumerate(mentions):
        found = editions.get(m.name.lower(), set())
        if m.type == "EXERCISE" and len(found) == 1:
            out[groups[i]] = next(iter(found))
    return out


def _first_mentions(mentions: list[Mention], groups: list[int], kind: str) -> dict[int, int]:
    """Group -> its first mention, for the mentions of one type."""
    out: dict[int, int] = {}
    for i, m in enumerate(mentions):
        if m.type == kind:
            out.setdefault(groups[i], i)
    return out


def _states(mentions: list[Mention]) -> dict[str, int]:
    """Country code -> its first STATE mention."""
    out: dict[str, int] = {}
    for i, m in enumerate(mentions):
        if m.type == "STATE" and m.country:
            out.setdefault(m.country, i)
    return out


def _referring_sentences(
    infos: list[SentenceInfo], mentions: list[Mention], groups: list[int]
) -> list[tuple[int, SentenceInfo]]:
    """(exercise group, sentence) for every sentence about an exercise: named, "the exercise",
    or a participation cue within ``ANAPHOR_WINDOW`` sentences of one."""
    types = [m.type for m in mentions]
    edition_of = _editions(mentions, groups)
    out: list[tuple[int, SentenceInfo]] = []
    last: int | None = None
    last_at = 0
    for n, info in enumerate(infos):
        group, explicit = _refers(info, groups, types, last, edition_of)
        if group is None or not explicit and n - last_at > ANAPHOR_WINDOW:
            continue
        last = group
        if explicit:
            last_at = n
        out.append((group, info))
    return out


def _edition_date(exercise: Mention, published: str | None) -> str | None:
    """ "Steppe Partner-2024" in a 2026 article: dated 2024."""
    year = EDITION_YEAR.search(exercise.name)
    return year.group(1) if year and published and year.group(1) != published[:4] else None


def aggregate(
    infos: list[SentenceInfo],
    mentions: list[Mention],
    groups: list[int],
    published: str | None,
    used: list[SentenceInfo] | None = None,
) -> list[tuple[int, str, list[int], SentenceInfo, str | None]]:
    """(exercise mention, status, participant mentions, first sentence, date) per exercise
    edition, and per history line ("organised annually since 2008"); ``used`` receives the
    sentences merged (their own PARTICIPATE events are replaced)."""
    types = [m.type for m in mentions]
    state_of = _states(mentions)
    found: dict[tuple[int, str | None], tuple[list[int], SentenceInfo, str | None]] = {}
    for group, info in _referring_sentences(infos, mentions, groups):
        background = _background(info, published)
        since = _start_year(info, published) if background else None
        if info.other_events or info.negated or background and since is None:
            continue
        parts, _, _ = found.setdefault((group, since), ([], info, since or info.date))
        named = participants(info, types, mentions, state_of)
        if since is not None:
            named = _in_start_clause(info, named, mentions)
        if used is not None:
            used.append(info)
        parts += [m for m in named if groups[m] not in {groups[p] for p in parts}]
    first_of_group = _first_mentions(mentions, groups, "EXERCISE")
    out = []
    for (group, _), (parts, first, date) in found.items():
        exercise = first_of_group[group]
        if parts:
            date = date or _edition_date(mentions[exercise], published)
            out.append((exercise, first.status, parts, first, date))
    return out
