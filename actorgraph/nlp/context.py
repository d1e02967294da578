"""Country and title of a mention from its context: adjectives ("Russian Ambassador X"),
possessives ("Mongolia's Minister of Defence X"), appositions ("X, Secretary of Russia's Security
Council"; "his Mongolian counterpart, X") and the unit or organisation a person heads."""

from __future__ import annotations

from spacy.tokens import Span, Token

from actorgraph.core.kb.countries import code_for_demonym, code_for_name
from actorgraph.core.kb.lexicon import titles

ACTOR_LABELS = {"PERSON", "STATE", "MILITARY", "EXERCISE", "ORGANIZATION"}
LOWER_DESCRIPTORS = {
    "counterpart",
    "counterparts",
    "ambassador",
    "minister",
    "envoy",
    "president",
    "commander",
    "chief",
    "general",
    "head",
    "secretary",
    "officer",
    "official",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "deputy",
    "foreign",
    "defence",
    "defense",
    "prime",
    "vice",
    "of",
    "'s",
    "’s",
    "and",
    "for",
}
ENVOY_WORDS = {"ambassador", "envoy", "consul", "attache", "attaché", "representative", "embassy"}
STOP_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj"}


def _token_code(token: Token) -> str:
    if (
        token.ent_type_ in ("STATE", "NORP", "MILITARY", "ORGANIZATION", "LOCATION")
        and token.ent_kb_id_
    ):
        return token.ent_kb_id_
    if token.ent_type_ in ("PERSON", "EXERCISE", "DATE", "CARDINAL"):
        return ""
    return code_for_name(token.text) or code_for_demonym(token.text) or ""


def _country_in(tokens: list[Token]) -> str:
    """The first country named in these tokens (multiword names through their entity's kb_id);
    the host of an envoy ("ambassador to Mongolia") is not the envoy's country."""
    envoy = False
    for i, token in enumerate(tokens):
        envoy = envoy or token.lower_ in ENVOY_WORDS
        if (
            envoy
            and i > 0
            and tokens[i - 1].lower_ in ("to", "in")
            or (envoy and i > 1 and tokens[i - 1].lower_ == "the" and tokens[i - 2].lower_ == "to")
        ):
            continue
        code = _token_code(token)
        if code:
            return code
    return ""


def _title_text(tokens: list[Token]) -> str:
    """A title from descriptor tokens (no determiners, pronouns, country words); needs a title."""
    heads = titles().heads
    keep = [t for t in tokens if t.lower_ not in {"the", "a", "an", "his", "her", "their", "its"}]
    while keep and (
        keep[0].ent_type_ in ("STATE", "NORP")
        or _token_code(keep[0])
        or keep[0].lower_ in {"'s", "’s", ",", "and", "of", "for"}
    ):
        keep = keep[1:]
    honorifics = titles().honorific_forms
    while keep and (
        keep[-1].lower_ in {"of", "and", "'s", "’s", ",", "for"} or keep[-1].lower_ in honorifics
    ):
        keep = keep[:-1]
    if not any(t.text in heads or t.text.capitalize() in heads for t in keep):
        return ""
    return keep[0].doc[keep[0].i : keep[-1].i + 1].text.strip()


def envoy_before(doc, i: int, floor: int) -> bool:
    """Whether "to" at ``i`` ends an envoy's title ("Ambassador of the Republic of Korea to")."""
    for j in range(i - 1, max(floor, i - 8) - 1, -1):
        if doc[j].lower_ in ENVOY_WORDS:
            return True
        if (
            doc[j].is_punct
            and doc[j].lower_ not in {"'s", "’s", "-", "."}
            or doc[j].pos_
            in (
                "VERB",
                "AUX",
            )
        ):
            return False
    return False


def prefix_tokens(span: Span) -> list[Token]:
    """Descriptor words right before a name ("Russian Security Council Secretary", "Mongolia's
    Minister of Defence", "his Mongolian counterpart")."""
    doc = span.doc
    i = span.start - 1
    out: list[Token] = []
    while i >= span.sent.start:
        tok = doc[i]
        if (
            tok.ent_type_ in ("PERSON", "DATE")
            or tok.is_punct
            and tok.lower_
            not in {
                "'s",
                "’s",
                "-",
            }
        ):
            break
        if (  # "the Armed Forces and India's Ambassador X": another actor before "and"
            tok.lower_ == "and"
            and i > 0
            and doc[i - 1].ent_type_ in ("MILITARY", "ORGANIZATION", "STATE", "NORP", "LOCATION")
        ):
            break
        if (
            tok.pos_ in ("VERB", "AUX", "ADP")
            and tok.lower_ not in {"of", "for"}
            and not (tok.lower_ == "to" and envoy_before(doc, i, span.sent.start))
        ):
            break
        if not (
            tok.is_title
            or tok.is_upper
            or tok.ent_type_ in ("STATE", "NORP", "TITLE", "MILITARY", "ORGANIZATION")
            or tok.lower_ in LOWER_DESCRIPTORS
            or tok.lower_ == "to"
            and envoy_before(doc, i, span.sent.start)
        ):
            break
        out.insert(0, tok)
        i -= 1
    return out


def _titleish(token: Token) -> bool:
    word = token.text.split("-")[0].capitalize()
    return word in titles().heads or word in titles().modifiers or token.lower_ in LOWER_DESCRIPTORS


def appositive_tokens(span: Span) -> list[Token]:
    """The noun phrase a name stands in apposition to, before or after it."""
    doc = span.doc
    root = span.root
    if root.dep_ == "appos" and not (root.head.i >= span.start and root.head.i < span.end):
        head = root.head
        if (  # "Russia's ambassador to Mongolia, X": the envoy, not the host, is X
            head.dep_ == "pobj"
            and head.head.lower_ in ("to", "in")
            and head.head.head.lower_ in ENVOY_WORDS
        ):
            head = head.head.head
        return [
            t
            for t in head.subtree
            if not (span.start <= t.i < span.end) and not t.is_punct and t.i < span.start
        ]
    after = span.end
    if after < len(doc) and doc[after].text == "," and after + 1 < span.sent.end:
        out: list[Token] = []
        j = after + 1
        while (
            j < span.sent.end
            and doc[j].text not in {",", ";", "(", ")"}
            and doc[j].pos_ not in ("VERB", "AUX")
            and doc[j].ent_type_ != "PERSON"
        ):
            out.append(doc[j])
            j += 1
        if (
            out
            and out[0].lower_ not in {"and", "or", "of", "for", "'s", "’s"}
            and (
                _titleish(out[0])
                or out[0].lower_ in {"the", "a", "an"}
                and len(out) > 1
                and _titleish(out[1])
            )
        ):
            return out
    before = span.start - 1 - len(prefix_tokens(span))
    if before > span.sent.start and doc[before].text == ",":
        out = []
        j = before - 1
        while (
            j >= span.sent.start
            and doc[j].text not in {",", ";", "(", ")"}
            and doc[j].pos_ not in ("VERB", "AUX")
            and doc[j].ent_type_ != "PERSON"
            and not (doc[j].pos_ == "ADP" and doc[j].lower_ not in {"of", "for", "to"})
        ):
            out.insert(0, doc[j])
            j -= 1
        heads = titles().heads
        if any(t.text.capitalize() in heads or t.lower_ == "counterpart" for t in out):
            return out
    return []


def person_country_title(span: Span) -> tuple[str, str]:
    """(ISO3 or "", title or "") for a PERSON span."""
    prefix = prefix_tokens(span)
    country = _country_in(prefix)
    title = _title_text(prefix)
    if not country or not title:
        appos = appositive_tokens(span)
        country = country or _country_in(appos)
        title = title or _title_text(appos)
    return country, title


def org_country(span: Span) -> str:
    """An organisation's or force's country: its own words, or "of Mongolia" right after it."""
    if span.kb_id_:
        return span.kb_id_
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].lower_ == "of":
        nxt = doc[span.end + 1]
        if nxt.lower_ == "the" and span.end + 2 < len(doc):
            nxt = doc[span.end + 2]
        if nxt.ent_type_ == "STATE":
            return nxt.ent_kb_id_
    prefix = prefix_tokens(span)
    return _country_in(prefix[-2:]) if prefix else ""
