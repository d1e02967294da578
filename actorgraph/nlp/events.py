"""Events from dependency patterns and trigger lexicons (``core/kb/en/triggers.tsv``).

Verbal ("X met Y"), nominal ("held talks with", "a meeting with", "the visit of X to Y"),
passive ("was received by"), coordinated participants ("militaries from A, B and C"),
appositions ("an annual exercise, Khaan Quest") and multi-party events. Roles: actor / recipient
(visitor -> host; "A met B": A actor, B recipient) or participant. Status: actual, future,
negated, hypothetical. What a noun phrase stands for ("he", "the two sides", "a delegation led
by X") and the constructions read off a whole sentence are small rules in ``nlp/rules/``; the
word lists are data (``core/kb/en/event_words.txt``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc, Span, Token

from actorgraph.core.kb.countries import code_for_demonym
from actorgraph.core.kb.lexicon import aid_nouns, triggers
from actorgraph.nlp.entities import EXERCISE_WORDS, HONORIFICS
from actorgraph.nlp.rules import EVENT_RULES, REFERENTS, SENTENCE_RULES, conjuncts
from actorgraph.nlp.rules.base import Found, first, unique, words
from actorgraph.nlp.rules.referents import (
    DELEGATION_WORDS,
    GROUP_PRONOUNS,
    GROUP_WORDS,
    PERSON_PRONOUNS,
    POSSESSIVE_PRONOUNS,
    TITLE_HEADS,
    TROOPS,
)

__all__ = ["ArticleState", "EventFinder", "Found", "FUTURE_AUX", "HYPO_AUX"]

FUTURE_AUX = words("future_aux")
HYPO_AUX = words("hypo_aux")
HYPO_HEADS = words("hypo_heads")
FUTURE_HEADS = words("future_heads")
FUTURE_MODS = words("future_mods")
NEG_WORDS = words("neg_words")
NEGATING_HEADS = words("negating_heads")
ACTOR_PREPS = words("actor_preps")
OTHER_PREPS = words("other_preps")
MISSION_WORDS = words("mission_words")
SERVE_VERBS = words("serve_verbs")
EXERCISE_VERBS = words("exercise_verbs")
VISIT_SUPPORT_VERBS = words("visit_support_verbs")
ASKING_VERBS = words("asking_verbs")
LIST_GLUE = frozenset({",", "and", "of", "the", "."})
CHAIN_DEPS = ("xcomp", "conj", "ccomp", "advcl", "acl", "pcomp")


@dataclass
class ArticleState:
    """What the pronoun resolution remembers across sentences of one article."""

    last_person: int | None = None
    last_subject_person: int | None = None
    last_group: list[int] = field(default_factory=list)
    last_people: list[int] = field(default_factory=list)
    last_states: list[int] = field(default_factory=list)
    last_exercise: int | None = None
    root_subject_person: int | None = None


@lru_cache(maxsize=1)
def trigger_words() -> frozenset[str]:
    """Every word ``EventFinder.trigger_type`` can accept, as lemma or lower-case form."""
    return frozenset({w for w, _ in triggers()} | {"take", "call"} | EXERCISE_VERBS | aid_nouns())


REFERRING_WORDS = frozenset(
    PERSON_PRONOUNS
    | POSSESSIVE_PRONOUNS
    | GROUP_PRONOUNS
    | GROUP_WORDS
    | EXERCISE_WORDS
    | TROOPS
    | DELEGATION_WORDS
    | TITLE_HEADS
)  # TROOPS: "Mongolian troops" stand for the armed forces named elsewhere
_ACCEPTED: dict[tuple[frozenset[str], int], bool] = {}  # (word set, string hash) -> verdict


def tokens_with_words(doc: Doc, words: frozenset[str], attrs: tuple[int, ...]) -> list[int]:
    """Indexes of the tokens whose lower-cased ``attrs`` (LOWER, LEMMA) hold one of ``words``,
    read from the doc's arrays (no Token objects)."""
    if not len(doc):
        return []
    rows = doc.to_array(list(attrs)).reshape(len(doc), len(attrs)).tolist()
    strings = doc.vocab.strings
    accepted = set()
    for value in {int(v) for row in rows for v in row}:
        verdict = _ACCEPTED.get((words, value))
        if verdict is None:
            verdict = _ACCEPTED[(words, value)] = strings[value].lower() in words
        if verdict:
            accepted.add(value)
    return [i for i, row in enumerate(rows) if not accepted.isdisjoint(row)]


class EventFinder:
    """Finds events in one parsed chunk, given token -> mention index and mention -> group."""

    def __init__(
        self,
        token_mention: dict[int, int],
        group: list[int],
        types: list[str],
        state: ArticleState,
        state_of: dict[str, int] | None = None,
        countries: list[str | None] | None = None,
        military_of: dict[str, int] | None = None,
        state_words: dict[str, int] | None = None,
    ) -> None:
        self.state_of = state_of or {}
        self.military_of = military_of or {}
        self.state_words = state_words or {}
        self.token_mention = token_mention
        self.group = group
        self.types = types
        self.countries: list[str | None] = countries or [None] * len(types)
        self.state = state
        self.lexicon = triggers()
        self._sentence_root: Token | None = None
        self._doc: Doc | None = None
        self._triggers: list[int] = []  # tokens that may be triggers, in order
        self._referring: list[int] = []  # pronouns, group words, exercise words
        self._named = sorted(token_mention)  # tokens inside a mention, in order

    @property
    def root(self) -> Token:
        """The root of the sentence being read (set before any rule runs)."""
        assert self._sentence_root is not None, "no sentence is being read"
        return self._sentence_root

    def _index(self, doc: Doc) -> None:
        if doc is not self._doc:
            self._doc = doc
            self._triggers = tokens_with_words(doc, trigger_words(), (LOWER, LEMMA))
            self._referring = tokens_with_words(doc, REFERRING_WORDS, (LOWER,))

    # -- participants ----------------------------------------------------------------------
    def core(self, token: Token, depth: int = 0) -> list[int]:
        """Mentions a noun phrase stands for: the first referent rule that answers
        (``nlp/rules/referents.py``), then its conjuncts."""
        if depth > 6:
            return []
        found: list[int] = []
        for rule in REFERENTS:
            answer = rule(self, token, depth)
            if answer is not None:
                found = answer
                break
        return found + conjuncts(self, token, depth)

    def person_before(self, token: Token) -> int | None:
        """The first PERSON named in the sentence before ``token`` ("during the visit of X,
        he met Y"), if any."""
        sent = token.sent
        for i in _within(self._named, sent):
            if i >= token.i:
                return None
            m = self.token_mention[i]
            if self.types[m] == "PERSON":
                return m
        return None

    def _deploy_places(self, verb: Token) -> list[int]:
        """Where a deployment goes: "deployed to UN missions in A and B", "sent troops to
        serve in A" (the mission's or the purpose verb's "in" objects)."""
        heads = [
            o
            for p in verb.subtree
            if p.dep_ == "prep" and p.lower_ == "to" and p.head.i in (verb.i, *_kids(verb))
            for o in p.children
            if o.dep_ == "pobj" and o.lemma_ in MISSION_WORDS
        ]
        heads += [
            c for c in verb.children if c.dep_ in ("xcomp", "advcl") and c.lemma_ in SERVE_VERBS
        ]
        heads += [
            x
            for d in verb.children
            if d.dep_ == "dobj"
            for x in d.children
            if x.dep_ in ("relcl", "acl") and x.lemma_ in SERVE_VERBS
        ]
        found: list[int] = []
        for h in heads:
            found += [m for _, m in self.prep_objects(h, {"in"})]
        return found

    def _note_group(self, members: list[int]) -> None:
        members = unique(members)
        self.state.last_group = members
        people = [m for m in members if self.types[m] == "PERSON"]
        states = [m for m in members if self.types[m] == "STATE"]
        if len({self.group[m] for m in people}) >= 2:
            self.state.last_people = people
        if len({self.group[m] for m in states}) >= 2:
            self.state.last_states = states

    def _host_capital(self, trigger: Token) -> list[int]:
        """ "arrived in Ulaanbaatar for a visit": the host is the state whose capital it is, when
        the article names that state."""
        heads = [trigger] + ([trigger.head] if trigger.dep_ in ("pobj", "dobj") else [])
        heads += [h.head for h in heads if h.pos_ == "ADP"]
        for head in heads:
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in ("in", "to"):
                    for obj in c.children:
                        code = obj.ent_kb_id_ if obj.ent_type_ == "LOCATION" else ""
                        if code and code in self.state_of:
                            return [self.state_of[code]]
        return []

    def _host_after_to(self, trigger: Token) -> list[int]:
        """ "the visit of the Prime Minister of X, Y, to the United States" parsed with "to"
        away from "visit": the first state or capital right after a "to" that follows the
        trigger in the same clause (no verb in between)."""
        doc, end = trigger.doc, min(trigger.sent.end, trigger.i + 16)
        for i in range(trigger.i + 1, end):
            if doc[i].pos_ in ("VERB", "AUX"):
                return []
            if doc[i].lower_ != "to":
                continue
            for j in range(i + 1, min(i + 4, end)):
                m = self.token_mention.get(j)
                if m is not None:
                    return [m] if self.types[m] in ("STATE", "ORGANIZATION") else []
                code = doc[j].ent_kb_id_ if doc[j].ent_type_ == "LOCATION" else ""
                if code in self.state_of:
                    return [self.state_of[code]]
            return []
        return []

    def _visitor(self, trigger: Token) -> list[int]:
        """ "… the first stop of her official visit to Russia": the visitor is the person the
        sentence is about (the subject of its main verb), or the owner "his"/"her" points to."""
        if (
            any(c.dep_ == "poss" and c.lower_ in {"his", "her"} for c in trigger.children)
            and self.state.last_person is not None
        ):
            subj, _ = self._subject(self.root)
            people = [m for m in subj if self.types[m] == "PERSON"]
            return people or [first(self.state.last_subject_person, self.state.last_person)]
        subj, passive = self._subject(self.root)
        return [] if passive else [m for m in subj if self.types[m] in ("PERSON", "STATE")]

    def prep_objects(self, token: Token, preps: set[str] | frozenset[str]) -> list[tuple[str, int]]:
        """(preposition, mention) for the objects of ``token``'s prepositions in ``preps``."""
        out: list[tuple[str, int]] = []
        for c in token.children:
            if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
                for obj in c.children:
                    if obj.dep_ == "pobj":
                        out.extend((c.lower_, m) for m in self.core(obj))
        return out

    def _subject(self, verb: Token, depth: int = 0) -> tuple[list[int], bool]:
        """(subject mentions, passive?) of a verb, inherited along conj/xcomp/relcl."""
        subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subj and verb.dep_ == "relcl" and subj[0].lower_ in ("who", "which", "that"):
            return self.core(verb.head), subj[0].dep_ == "nsubjpass"
        if subj:
            found = [m for s in subj for m in self.core(s)] or self._misparsed_subject(subj[0])
            found += self._misparsed_co_subject(verb, subj[0])
            return found, subj[0].dep_ == "nsubjpass"
        participle = self._participle_subject(verb) or self._person_after_date(verb)
        if participle:
            return participle, False
        if depth > 3:
            return [], False
        return self._inherited_subject(verb, depth)

    def _misparsed_subject(self, subj: Token) -> list[int]:
        """ "Arriving in Ankara, the Minister of X, Y, met Z" parsed with the participle as
        the subject: the person attached to the participle."""
        if subj.tag_ != "VBG":
            return []
        return [
            m
            for c in subj.children
            if c.dep_ in ("dep", "appos", "nsubj")
            for m in self.core(c)
            if self.types[m] == "PERSON"
        ]

    def _misparsed_co_subject(self, verb: Token, subj: Token) -> list[int]:
        """ "A, the minister of X, and B review the honour guard" parsed with B as a compound
        of the verb: B, when the subject has an "and"."""
        if not any(c.dep_ == "cc" and c.lower_ == "and" for c in subj.children):
            return []
        return [
            m
            for c in verb.children
            if c.dep_ == "compound" and c.i in self.token_mention and c.i > subj.i
            for m in self.core(c)
            if self.types[m] == "PERSON"
        ]

    def subject_of(self, verb: Token) -> tuple[list[int], bool]:
        """(subject mentions, passive?) of ``verb`` (for the rules of ``nlp/rules/``)."""
        return self._subject(verb)

    def _participle_subject(self, verb: Token) -> list[int]:
        """ "Visiting X held talks with Y" parsed as a clausal subject: X."""
        return [
            m
            for c in verb.children
            if c.dep_ == "csubj" and c.tag_ == "VBG"
            for o in c.children
            if o.dep_ in ("dobj", "attr")
            for m in self.core(o)
        ]

    def _person_after_date(self, verb: Token) -> list[int]:
        """ "On Monday X, the minister of Y, held talks" parsed with X as the object of "On":
        the person of a date phrase before a main verb without a subject."""
        if verb.dep_ != "ROOT":
            return []
        return [
            m
            for p in verb.children
            if p.dep_ == "prep" and p.i < verb.i and p.lower_ == "on"
            for o in p.children
            if o.dep_ == "pobj"
            and o.i in self.token_mention
            and any(t.ent_type_ == "DATE" for t in doc_span(o.left_edge, o))
            for m in self.core(o)
            if self.types[m] == "PERSON"
        ]

    def _inherited_subject(self, verb: Token, depth: int) -> tuple[list[int], bool]:
        head = verb.head
        if verb.dep_ == "xcomp" and head is not verb:
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects and head.lemma_ in ASKING_VERBS:
                return [m for o in objects for m in self.core(o)], False
            if head.dep_ == "acomp" and head.head.pos_ in ("AUX", "VERB"):
                head = head.head  # "X is due to visit Y": the subject of "is"
            found, _ = self._subject(head, depth + 1)  # "X is expected to hold talks": X holds
            return found, any(c.dep_ == "auxpass" for c in verb.children)
        if verb.dep_ in ("conj", "advcl") and head is not verb and head.pos_ in ("VERB", "AUX"):
            return self._subject(head, depth + 1)
        if verb.dep_ == "relcl":
            if head.dep_ == "attr" and head.head.pos_ in ("AUX", "VERB"):
                return self._subject(head.head, depth + 1)  # "X is the first Y to visit Z"
            return self.core(head), False
        if verb.dep_ == "pcomp" and head.pos_ == "ADP" and head.head.pos_ == "VERB":
            governor = head.head  # "accused X of attacking Y": X attacks
            objects = [c for c in governor.children if c.dep_ == "dobj"]
            if objects:
                return [m for o in objects for m in self.core(o)], False
            return self._subject(governor, depth + 1)
        if verb.dep_ == "acl" and head is not verb:
            if head.dep_ == "attr" and head.head.pos_ in ("AUX", "VERB") and verb.tag_ != "VBN":
                return self._subject(head.head, depth + 1)
            return self.core(head), verb.tag_ == "VBN"
        return [], False

    def participants(self, trigger: Token, kind: str) -> tuple[list[int], list[int]]:
        """(actor side, other side) mention lists for one trigger."""
        if trigger.pos_ in ("VERB", "AUX"):
            actors, others = self._verbal(trigger, kind)
        else:
            actors, others = self._nominal(trigger, kind)
        if kind == "VISIT" and not others:
            others = self._host_capital(trigger) or (
                self._host_after_to(trigger) if trigger.pos_ not in ("VERB", "AUX") else []
            )
        return unique(actors), unique(others)

    def _verb_objects(self, trigger: Token, kind: str) -> list[int]:
        """Direct objects, their with/to objects, and for AID/DEPLOY "X to Y" inside them."""
        objects = [
            m
            for c in trigger.children
            if c.dep_ in ("dobj", "dative", "attr")
            for m in self.core(c)
        ]
        for c in trigger.children:
            if c.dep_ != "dobj":
                continue
            objects += [m for _, m in self.prep_objects(c, OTHER_PREPS - {"in"})]
            objects += self._topic_partners(c)
            if kind in ("AID", "DEPLOY"):  # "donated two graders and a set of X to Y"
                objects += [
                    m
                    for inner in c.subtree
                    if inner.dep_ == "prep" and inner.lower_ == "to"
                    for o in inner.children
                    if o.dep_ == "pobj"
                    for m in self.core(o)
                ]
        extra = {"on"} if trigger.lemma_ == "call" else set()
        exercise_only = {"in"} if kind == "PARTICIPATE" else set()
        objects += [
            m
            for p, m in self.prep_objects(trigger, OTHER_PREPS | {"from"} | extra)
            if p != "in" or p in exercise_only and self.types[m] == "EXERCISE"
        ]
        return objects

    def _topic_partners(self, obj: Token) -> list[int]:
        """ "signed a memorandum on defence cooperation with X": the "with" object of the
        object's topic ("on …") is the other side."""
        return [
            m
            for p in obj.children
            if p.dep_ == "prep" and p.lower_ == "on"
            for topic in p.children
            if topic.dep_ == "pobj"
            for _, m in self.prep_objects(topic, {"with"})
        ]

    def _people_listed_after(self, verb: Token) -> list[int]:
        """ "received, at their request, Ambassador of India A, Ambassador of Australia B and
        Ambassador of Canada C" parsed without objects: the people of the list that follows the
        verb (titles, "of <state>", commas and "and" between them), after one comma aside."""
        doc, sent = verb.doc, verb.sent
        i = verb.i + 1
        if i < sent.end and doc[i].text == ",":
            close = next(
                (j for j in range(i + 1, min(sent.end, i + 8)) if doc[j].text == ","), None
            )
            i = close + 1 if close is not None else i
        people: list[int] = []
        while i < sent.end:
            t, m = doc[i], self.token_mention.get(i)
            if m is not None and self.types[m] == "PERSON":
                people.append(m)
            elif m is None and not (
                t.ent_type_ == "TITLE"
                or t.lower_ in LIST_GLUE
                or t.lower_ in HONORIFICS
                or t.pos_ == "PROPN"  # a name the NER missed does not end the list
            ):
                break
            i += 1
        return unique(people)

    def _owner_of_unit(self, verb: Token) -> list[int]:
        """ "Mongolia's contingents have deployed to Chad, with a battalion currently deployed in
        South Sudan": a unit named without its owner, in a "with" phrase, is the main clause
        subject's."""
        unit = verb.head
        if verb.dep_ != "acl" or unit.lemma_ not in TROOPS or unit.head.lower_ != "with":
            return []
        if any(c.dep_ in ("poss", "amod", "compound") for c in unit.children):
            return []
        subj, passive = self._subject(unit.head.head)
        return [] if passive else subj

    def _gapped_recipients(self, verb: Token) -> list[int]:
        """ "sent 1,200 troops to Iraq and 4,500 personnel to Afghanistan", "donated tents to A
        and blankets to B": the second object shares the verb, with its own "to"."""
        return [
            m
            for c in verb.children
            if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN") and c.i not in self.token_mention
            for _, m in self.prep_objects(c, {"to"})
        ]

    def _verbal(self, trigger: Token, kind: str) -> tuple[list[int], list[int]]:
        subj, passive = self._subject(trigger)
        objects = self._verb_objects(trigger, kind)
        if kind == "MEET" and not passive and not objects:
            objects = self._people_listed_after(trigger)
        if passive:
            agent = [m for _, m in self.prep_objects(trigger, {"by"})]
            if agent:  # "was signed by A, the minister of X, and B" with B parsed on the verb
                agent += [
                    m
                    for c in trigger.children
                    if c.dep_ == "conj" and c.pos_ == "PROPN"
                    for m in self.core(c)
                ]
            actors, others = agent, subj + objects
        else:
            actors, others = subj, objects
        attached = [
            m
            for c in trigger.children
            if c.dep_ in ("npadvmod", "nmod", "compound")
            for m in self.core(c)
            if self.types[m] == "EXERCISE"
        ]
        actors = actors + [m for m in attached if m not in actors]
        if kind == "DEPLOY":
            others += [m for m in self._deploy_places(trigger) if m not in others]
            if not actors:
                actors = self._owner_of_unit(trigger)
            homes = {self.countries[m] for m in actors}
            others += [  # "a battalion deployed in South Sudan"
                m
                for _, m in self.prep_objects(trigger, {"in"})
                if self.types[m] == "STATE" and self.countries[m] not in homes and m not in others
            ]
        if kind in ("AID", "DEPLOY"):
            others += [m for m in self._gapped_recipients(trigger) if m not in others]
        if trigger.lemma_ == "take":
            part = [c for c in trigger.children if c.lower_ == "part"]
            others += [m for p in part for _, m in self.prep_objects(p, {"in"})]
        return actors, others

    def _with_aid(self, trigger: Token) -> tuple[list[int], list[int]] | None:
        """ "built with assistance from the Government of Japan", "established its military
        with Soviet assistance": the giver (from/of object, or the state of the demonym) aids
        the subject of the verb."""
        prep = trigger.head
        if trigger.dep_ != "pobj" or prep.lower_ != "with" or prep.head.pos_ not in ("VERB", "AUX"):
            return None
        givers = [m for _, m in self.prep_objects(trigger, {"from", "of", "by"})]
        for c in trigger.children:
            code = None
            if c.dep_ in ("amod", "compound") and c.i not in self.token_mention:
                code = (c.ent_kb_id_ if c.ent_type_ == "NORP" else None) or code_for_demonym(c.text)
            if code and code in self.state_of:
                givers.append(self.state_of[code])
            elif c.ent_type_ == "NORP" and c.lower_ in self.state_words:
                givers.append(self.state_words[c.lower_])  # "Soviet" -> "the Soviet Union"
        if not givers:
            return None
        subj, passive = self._subject(prep.head)
        return givers, [] if passive else subj

    def _nominal(self, trigger: Token, kind: str) -> tuple[list[int], list[int]]:
        if kind == "AID":
            aided = self._with_aid(trigger)
            if aided is not None:
                return aided
        verb = trigger.head
        if verb.pos_ == "ADP" and trigger.dep_ == "pobj":
            verb = verb.head  # "reviewed the plan during talks in Ulaanbaatar"
        own_actor = [m for _, m in self.prep_objects(trigger, ACTOR_PREPS)]
        own_other = [m for _, m in self.prep_objects(trigger, OTHER_PREPS - {"in"})]
        own_other += self._partner_of_doer(trigger) + self._stray_subject(trigger)
        own_other += self._people_joined_to_event(trigger) if own_other else []
        mods = [
            m
            for c in trigger.children
            if c.dep_ in ("poss", "compound", "nmod", "amod")
            for m in self.core(c)
        ]
        appos = [m for c in trigger.children if c.dep_ == "appos" for m in self.core(c)]
        if self._object_of_verb(trigger, kind, verb):
            subj, passive = self._subject(verb) if trigger.dep_ != "nsubjpass" else ([], False)
            actors = (subj if not passive else []) + own_actor
            others = own_other + self._verb_preps_after(verb, trigger)
            if trigger.dep_ == "nsubjpass":
                others += [m for _, m in self.prep_objects(verb, {"by"})]
        elif trigger.dep_ == "nsubj" and verb.pos_ in ("VERB", "AUX"):
            actors = own_actor
            others = own_other + [
                m for c in verb.children if c.dep_ == "dobj" for m in self.core(c)
            ]
            others += [m for _, m in self.prep_objects(verb, OTHER_PREPS - {"in"})]
        else:
            actors, others = own_actor, own_other
        if kind == "VISIT" and not actors:
            actors = self._visitor(trigger)
        others += appos
        actors = mods + actors if actors or others else mods
        return actors, others

    def _partner_of_doer(self, trigger: Token) -> list[int]:
        """ "the meeting of A with B" parsed with "with B" on A: B is the other side."""
        return [
            m
            for c in trigger.children
            if c.dep_ == "prep" and c.lower_ in ACTOR_PREPS
            for obj in c.children
            if obj.dep_ == "pobj"
            for _, m in self.prep_objects(obj, {"with"})
        ]

    def _people_joined_to_event(self, trigger: Token) -> list[int]:
        """ "held separate talks with A, B, and C" parsed with B (and C) as conjuncts of
        "talks": the people conjoined to the event noun are more of its other side."""
        return [
            m
            for c in trigger.children
            if c.dep_ == "conj" and c.i in self.token_mention
            for m in self.core(c)
            if self.types[m] == "PERSON"
        ]

    def _stray_subject(self, trigger: Token) -> list[int]:
        """ "Talks between A, the minister of X, and B took place", "the meeting of A, the
        minister of X, with B focused on …" parsed with B as a second subject of the verb: B,
        when the "between" phrase holds an "and" or the "with" has no object."""
        verb = trigger.head
        if trigger.dep_ != "nsubj" or verb is trigger or verb.pos_ not in ("VERB", "AUX"):
            return []
        open_preps = [
            c.i
            for c in trigger.children
            if c.dep_ == "prep"
            and (
                c.lower_ == "between"
                and any(t.lower_ == "and" for t in c.subtree)
                or c.lower_ == "with"
                and not any(o.dep_ == "pobj" for o in c.children)
            )
        ]
        if not open_preps:
            return []
        return [
            m
            for c in verb.children
            if c.dep_ == "nsubj" and c.i > min(open_preps) and c.i in self.token_mention
            for m in self.core(c)
        ]

    def _verb_preps_after(self, verb: Token, trigger: Token) -> list[int]:
        """The governing verb's with/to objects ("held talks with X", "shakes hands with X
        before their talks"); one before the verb belongs to an earlier phrase ("during the
        visit of A, to B, he held talks with C")."""
        return [
            m
            for c in verb.children
            if c.dep_ in ("prep", "agent", "dative")
            and c.lower_ in OTHER_PREPS - {"in"}
            and (c.i > verb.i or trigger.i < verb.i)
            for obj in c.children
            if obj.dep_ == "pobj"
            for m in self.core(obj)
        ]

    @staticmethod
    def _object_of_verb(trigger: Token, kind: str, verb: Token) -> bool:
        """ "held talks with", "signed an agreement": the nominal event is the verb's (not "the
        visit to X", which names its own visitor, unless "paid a visit to X")."""
        return (
            trigger.dep_ in ("dobj", "attr", "pobj", "nsubjpass")
            and verb.pos_ in ("VERB", "AUX")
            and not (
                kind == "VISIT"
                and any(c.lower_ == "to" for c in trigger.children)
                and verb.lemma_ not in VISIT_SUPPORT_VERBS
            )
        )

    # -- status ------------------------------------------------------------------------------
    def status(self, trigger: Token) -> str:
        """actual, future, hypothetical or negated, read along the trigger's chain of heads."""
        chain = _head_chain(trigger)
        if any(_negates(tok) for tok in chain):
            return "negated"
        for tok in chain:
            modal = _modal_status(tok, trigger)
            if modal:
                return modal
        for tok in chain:
            for c in tok.children:
                if c.lower_ in {"week", "month", "year"} and any(
                    g.lower_ in {"next", "upcoming", "coming"} for g in c.children
                ):
                    return "future"
        return "actual"

    # -- the sentence ------------------------------------------------------------------------
    def trigger_type(self, token: Token) -> str | None:
        if token.ent_type_ and token.ent_type_ not in ("DATE", "CARDINAL", "ORDINAL", "TIME"):
            return None
        pos = (
            "VERB"
            if token.pos_ in ("VERB", "AUX")
            else "NOUN"
            if token.pos_ in ("NOUN", "PROPN")
            else ""
        )
        if not pos:
            return None
        kind = self.lexicon.get((token.lemma_.lower(), pos)) or self.lexicon.get(
            (token.lower_, pos)
        )
        if token.lemma_ == "take" and any(c.lower_ == "part" for c in token.children):
            return "PARTICIPATE"
        if kind is None and pos == "NOUN" and _with_aid_from(token):
            return "AID"
        if (
            token.lemma_ == "call"
            and pos == "VERB"
            and any(c.lower_ == "on" and c.dep_ in ("prep", "prt") for c in token.children)
        ):
            return "MEET"
        if kind in (None, "MEET") and pos == "VERB" and self._exercise_verb(token, kind):
            return "PARTICIPATE"  # "hosts an annual exercise, Khaan Quest" is no meeting
        return kind

    def _exercise_verb(self, token: Token, kind: str | None) -> bool:
        """ "hosted Khaan Quest", "the drill opened": a participation verb on an exercise;
        "Khaan Quest welcomes X": a meeting verb whose subject is one (not "discussed the
        exercise", which stays a meeting about it)."""
        deps: tuple[str, ...] = ("nsubj", "nsubjpass", "dobj", "npadvmod", "attr")
        if token.lemma_ not in EXERCISE_VERBS:
            if kind != "MEET":
                return False
            deps = ("nsubj",)
        return any(
            self.types[m] == "EXERCISE"
            for c in token.children
            if c.dep_ in deps
            for m in self.core(c)
        )

    def sentence(self, sent: Span) -> list[Found]:
        found: list[Found] = []
        self._index(sent.doc)
        self._sentence_root = next((t for t in sent if t.dep_ == "ROOT"), sent[0])
        in_sent = sorted({self.token_mention[i] for i in _within(self._named, sent)})
        if len({self.group[m] for m in in_sent}) < 2 and not _within(self._referring, sent):
            self._remember(sent, found)
            return found
        has_exercise = any(self.types[m] == "EXERCISE" for m in in_sent)
        for rule in SENTENCE_RULES.values():
            found += rule(self, sent)
        for token in (sent.doc[i] for i in _within(self._triggers, sent)):
            event = self._trigger_event(token, sent, has_exercise)
            if event is not None:
                found.append(event)
                if event.type != "PARTICIPATE" or not has_exercise:
                    self._note_group([m for m, _ in event.participants])
        found = self._dedupe(found)
        for derive in EVENT_RULES.values():
            found += derive(self, found)
        self._remember(sent, found)
        return found

    def _trigger_event(self, token: Token, sent: Span, has_exercise: bool) -> Found | None:
        """The event one trigger word makes, if it names two actors or more."""
        kind = self.trigger_type(token)
        if kind is None:
            return None
        actors, others = self.participants(token, kind)
        if token.dep_ == "compound" and token.pos_ == "NOUN":
            return None  # "training area", "exercise plan"
        if has_exercise and kind == "PARTICIPATE":
            return self._exercise_event(token, sent, unique(actors + others))
        if kind == "PARTICIPATE" and not any(self.types[m] == "EXERCISE" for m in actors + others):
            member = self._membership(token)
            if member is not None:
                return Found("COOPERATE", self.status(token), member, token, sent)
            people = {self.group[m] for m in actors + others if self.types[m] == "PERSON"}
            if token.lemma_ != "join" or len(people) < 2:
                return None
            kind = "MEET"  # "X joined Y for talks"
        actors = [m for m in actors if self.types[m] != "EXERCISE"]
        others = [m for m in others if self.types[m] != "EXERCISE"]
        parts = self._roles(kind, actors, others)
        if kind in ("VISIT", "DEPLOY") and not any(r == "recipient" for _, r in parts):
            return None  # travelling together is no visit between the travellers
        if len({self.group[m] for m, _ in parts}) < 2:
            return None
        return Found(kind, self.status(token), parts, token, sent)

    def _exercise_event(self, token: Token, sent: Span, everyone: list[int]) -> Found | None:
        """A PARTICIPATE of everyone named with an exercise (all participants)."""
        if not any(self.types[m] == "EXERCISE" for m in everyone):
            return None
        if len({self.group[m] for m in everyone}) < 2:
            return None
        parts = [(m, "participant") for m in everyone]
        return Found("PARTICIPATE", self.status(token), parts, token, sent)

    def _membership(self, token: Token) -> list[tuple[int, str]] | None:
        """ "its participation in the Shanghai Cooperation Organization", "Mongolia took part
        as an observer state" in an organisation's summit: taking part in an organisation is
        COOPERATE between the member and it (``tests/data/gold/README.md``)."""
        holders = [token] + [c for c in token.children if c.lower_ == "part"]
        bodies = [
            m
            for h in holders
            for _, m in self.prep_objects(h, {"in"})
            if self.types[m] == "ORGANIZATION"
        ]
        if not bodies:
            return None
        if token.pos_ in ("VERB", "AUX"):
            members, _ = self._subject(token)
        else:
            members = [
                m for c in token.children if c.dep_ in ("poss", "compound") for m in self.core(c)
            ]
            if any(c.dep_ == "poss" and c.lower_ == "its" for c in token.children):
                members += self._subject(self.root)[0]  # "Mongolia …, through its participation"
        members = [m for m in members if self.types[m] in ("STATE", "MILITARY", "ORGANIZATION")]
        parts = [(m, "participant") for m in unique(members + bodies)]
        return parts if members and len({self.group[m] for m, _ in parts}) >= 2 else None

    def _roles(self, kind: str, actors: list[int], others: list[int]) -> list[tuple[int, str]]:
        actor_groups = {self.group[m] for m in actors}
        others = [m for m in others if self.group[m] not in actor_groups]
        if actors and others:
            return [(m, "actor") for m in actors] + [(m, "recipient") for m in others]
        return [(m, "participant") for m in unique(actors + others)]

    def _dedupe(self, found: list[Found]) -> list[Found]:
        """One event per participant set in a sentence: the governing (outermost) trigger wins."""
        kept: list[Found] = []
        for f in sorted(found, key=lambda f: _depth(f.trigger)):
            groups = frozenset(self.group[m] for m, _ in f.participants)
            if any(
                frozenset(self.group[m] for m, _ in k.participants) >= groups
                and not (f.type == "VISIT" and k.type == "MEET")  # "during her visit, she met"
                for k in kept
            ):
                continue
            kept.append(f)
        return sorted(kept, key=lambda f: f.trigger.i)

    def _remember(self, sent: Span, found: list[Found]) -> None:
        root_subject = [
            self.token_mention.get(c.i)
            for c in self.root.children
            if c.dep_ in ("nsubj", "nsubjpass")
        ]
        root_people = [m for m in root_subject if m is not None and self.types[m] == "PERSON"]
        if root_people:
            self.state.root_subject_person = root_people[0]
        doc = sent.doc
        for i in _within(self._named, sent):
            m = self.token_mention[i]
            if self.types[m] == "EXERCISE":
                self.state.last_exercise = m
            if self.types[m] == "PERSON":
                self.state.last_person = m
                if doc[i].dep_ in ("nsubj", "nsubjpass"):
                    self.state.last_subject_person = m


def doc_span(first: Token, last: Token) -> Span:
    """The tokens from ``first`` to ``last``, both included."""
    return first.doc[first.i : last.i + 1]


def _head_chain(trigger: Token) -> list[Token]:
    """The trigger, its governing verb for a noun, and up to five heads along clause links."""
    chain = [trigger]
    node = trigger
    head = trigger.head
    if trigger.dep_ == "pobj" and head.pos_ == "ADP":
        head = head.head  # "is due to travel … for consultations with X"
    if trigger.pos_ not in ("VERB", "AUX") and head.pos_ in ("VERB", "AUX"):
        node = head
        chain.append(node)
    while node.dep_ in CHAIN_DEPS and node.head is not node and len(chain) <= 5:
        node = node.head
        chain.append(node)
    return chain


def _negates(tok: Token) -> bool:
    """ "did not meet", "no talks", "cancelled the visit"."""
    return tok.lemma_ in NEGATING_HEADS or any(
        c.dep_ == "neg" or c.lower_ in NEG_WORDS and c.dep_ in ("det", "advmod", "neg")
        for c in tok.children
    )


def _modal_status(tok: Token, trigger: Token) -> str | None:
    """ "could meet" (hypothetical), "will visit", "plans to visit", "the upcoming visit",
    "is to visit" (future), read on one token of the chain."""
    kids = list(tok.children)
    if any(c.dep_ == "aux" and c.lower_ in HYPO_AUX for c in kids) or any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in kids
    ):
        return "hypothetical"
    if tok is not trigger and tok.lemma_ in HYPO_HEADS:
        return "hypothetical"
    if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in kids):
        return "future"
    if tok is not trigger and tok.lemma_ in FUTURE_HEADS and tok.lemma_ != "agree":
        return "future"
    if any(c.lower_ in FUTURE_MODS and c.dep_ in ("amod", "advmod", "npadvmod") for c in kids):
        return "future"
    if (
        any(c.dep_ in ("aux", "auxpass") and c.lower_ == "to" for c in kids)
        and tok.head.lemma_ == "be"
        and tok.dep_ == "xcomp"
    ):
        return "future"
    return None


def _with_aid_from(token: Token) -> bool:
    """ "with support from X", "with the help of X": an aid noun under "with" naming its giver."""
    return (
        token.lemma_.lower() in aid_nouns()
        and token.dep_ == "pobj"
        and token.head.lower_ == "with"
        and any(c.dep_ == "prep" and c.lower_ in ("from", "of") for c in token.children)
    )


def _kids(token: Token) -> tuple[int, ...]:
    return tuple(c.i for c in token.children if c.dep_ == "dobj")


def _within(indexes: list[int], sent: Span) -> list[int]:
    """The sorted ``indexes`` that fall inside ``sent``."""
    return indexes[bisect.bisect_left(indexes, sent.start) : bisect.bisect_left(indexes, sent.end)]


def _depth(token: Token) -> int:
    """Steps from ``token`` up to its sentence root (spaCy makes a new Token object on every
    access, so tokens are compared by index)."""
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth
