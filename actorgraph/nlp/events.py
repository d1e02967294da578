"""Events from dependency patterns and trigger lexicons (``core/kb/en/triggers.tsv``).

Verbal ("X met Y"), nominal ("held talks with", "a meeting with", "the visit of X to Y"),
passive ("was received by"), coordinated participants ("militaries from A, B and C"),
appositions ("an annual exercise, Khaan Quest") and multi-party events. Roles: actor / recipient
(visitor -> host; "A met B": A actor, B recipient) or participant. Status: actual, future,
negated, hypothetical. Light pronoun resolution ("He", "they", "the two ministers").
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

FUTURE_AUX = {"will", "shall", "'ll", "wo"}
HYPO_AUX = {"could", "would", "might", "may", "should", "can", "must"}
FUTURE_HEADS = {
    "plan",
    "expect",
    "schedule",
    "due",
    "intend",
    "set",
    "prepare",
    "invite",
    "aim",
    "hope",
    "seek",
    "want",
    "propose",
    "wish",
    "scheduled",
    "going",
    "ready",
    "slate",
    "agree",
}
FUTURE_MODS = {
    "upcoming",
    "planned",
    "forthcoming",
    "proposed",
    "next",
    "future",
    "scheduled",
    "possible",
    "potential",
    "expected",
    "prospective",
}
NEG_WORDS = {"not", "n't", "never", "no", "neither", "nor", "without"}
NEGATING_HEADS = {
    "deny",
    "refuse",
    "cancel",
    "postpone",
    "decline",
    "reject",
    "fail",
    "rule",
    "avoid",
    "call off",
}
ACTOR_PREPS = {"by", "of", "from"}
OTHER_PREPS = {
    "with",
    "to",
    "between",
    "among",
    "in",
    "against",
    "for",
    "alongside",
    "into",
    "amongst",
}
GROUP_WORDS = {
    "ministers",
    "sides",
    "leaders",
    "countries",
    "nations",
    "delegations",
    "officials",
    "parties",
    "presidents",
    "governments",
    "militaries",
    "armies",
    "men",
    "states",
    "commanders",
    "chiefs",
    "counterparts",
    "neighbours",
    "neighbors",
    "partners",
    "speakers",
    "generals",
    "envoys",
    "chairmen",
    "premiers",
    "diplomats",
}
PERSON_PRONOUNS = {"he", "she"}
STATE_GROUP_WORDS = {
    "countries",
    "nations",
    "states",
    "governments",
    "neighbours",
    "neighbors",
    "partners",
    "sides",
    "parties",
    "delegations",
}
GROUP_PRONOUNS = {"they", "both"}
DELEGATION_WORDS = {"side", "delegation", "team"}
LED_WORDS = {"delegation", "team", "group", "mission", "contingent", "party"}
LEADING_VERBS = {"lead", "head"}
MISSION_WORDS = {"mission", "operation", "peacekeeping"}
SERVE_VERBS = {"serve", "work"}
EXERCISE_VERBS = {
    "participate",
    "join",
    "take",
    "bring",
    "involve",
    "attend",
    "include",
    "hold",
    "conduct",
    "open",
    "begin",
    "start",
    "kick",
    "launch",
    "host",
    "feature",
    "gather",
    "send",
    "contribute",
    "co-host",
    "organize",
    "organise",
    "stage",
    "run",
    "arrive",
    "continue",
    "close",
    "conclude",
    "end",
    "wrap",
    "train",
    "observe",
    "lead",
    "sponsor",
    "co-sponsor",
    "cosponsor",
    "field",
}


@dataclass
class Found:
    """One event found in one sentence (participants as mention indexes)."""

    type: str
    status: str
    participants: list[tuple[int, str]]
    trigger: Token
    sent: Span


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


REFERRING_WORDS = frozenset(PERSON_PRONOUNS | GROUP_PRONOUNS | GROUP_WORDS | EXERCISE_WORDS)
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
    ) -> None:
        self.state_of = state_of or {}
        self.token_mention = token_mention
        self.group = group
        self.types = types
        self.state = state
        self.lexicon = triggers()
        self._sentence_root: Token | None = None
        self._doc: Doc | None = None
        self._triggers: list[int] = []  # tokens that may be triggers, in order
        self._referring: list[int] = []  # pronouns, group words, exercise words
        self._named = sorted(token_mention)  # tokens inside a mention, in order

    @property
    def _root(self) -> Token:
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
        """Mentions a noun phrase stands for: the name itself and its conjuncts; for a descriptor
        ("the Commander of X, Y", "militaries from A, B and C") the appositive or of/from object."""
        if depth > 6:
            return []
        found: list[int] = []
        m = self.token_mention.get(token.i)
        head_m = self.token_mention.get(token.head.i)
        if m is not None:
            found.append(m)
        elif token.dep_ == "appos" and head_m is not None:
            found.append(head_m)
        elif (
            token.lower_ in EXERCISE_WORDS
            and self.state.last_exercise is not None
            and any(c.lower_ in {"the", "this"} for c in token.children)
        ):
            found.append(self.state.last_exercise)
        elif token.lower_ in PERSON_PRONOUNS and self.state.last_person is not None:
            found.append(
                _first(
                    self.state.root_subject_person,
                    self.state.last_subject_person,
                    self.state.last_person,
                )
            )
        elif (
            (
                token.lower_ in GROUP_PRONOUNS
                or token.lower_ == "two"
                and any(c.lower_ == "the" for c in token.children)
            )
            and len(self.state.last_group) >= 2
            and token.dep_ in ("nsubj", "nsubjpass")
        ):
            found.extend(
                self.state.last_people
                if len(self.state.last_people) >= 2
                else self.state.last_group
            )
        elif (
            token.lower_ in GROUP_WORDS
            and any(c.lower_ in {"two", "both", "three", "the"} for c in token.children)
            and len(self.state.last_group) >= 2
            and token.dep_ in ("nsubj", "nsubjpass")
        ):
            if token.lower_ in STATE_GROUP_WORDS:
                if len(self.state.last_states) >= 2:
                    found.extend(self.state.last_states)
            elif len(self.state.last_people) >= 2:
                found.extend(self.state.last_people)
            else:
                found.extend(self.state.last_group)
        elif token.lower_ in LED_WORDS and self._led_by(token, depth):
            found.extend(self._led_by(token, depth))
        else:
            appos = [c for c in token.children if c.dep_ == "appos"]
            for c in appos:
                found.extend(self.core(c, depth + 1))
            if not found:
                found.extend(self._person_after_comma(token))
            if not found:
                for c in token.children:
                    if c.dep_ == "prep" and c.lower_ in {"of", "from"}:
                        for obj in c.children:
                            if obj.dep_ == "pobj":
                                found.extend(self.core(obj, depth + 1))
            if not found:
                for c in token.children:
                    if c.dep_ in ("poss", "compound", "nmod") and (
                        c.i in self.token_mention or c.dep_ == "compound" and c.pos_ == "NOUN"
                    ):
                        found.extend(self.core(c, depth + 1))
        for c in token.children:
            if c.dep_ == "conj":
                found.extend(self.core(c, depth + 1))
        return found

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
            found += [m for _, m in self._prep_objects(h, {"in"})]
        return found

    def _led_by(self, token: Token, depth: int) -> list[int]:
        """ "a delegation led by X" / "a team headed by X": X."""
        for acl in token.children:
            if acl.dep_ == "acl" and acl.lemma_ in LEADING_VERBS:
                for agent in acl.children:
                    if agent.dep_ == "agent":
                        for obj in agent.children:
                            if obj.dep_ == "pobj":
                                return self.core(obj, depth + 1)
        return []

    def _person_after_comma(self, token: Token) -> list[int]:
        """ "the Commander of X, General Y" parsed without the apposition: Y."""
        doc = token.doc
        last = max(t.i for t in token.subtree)
        j = token.i + 1
        while j <= last and doc[j].text != ",":
            j += 1
        if j > last + 1 or j >= len(doc) or doc[j].text != ",":
            return []
        j += 1
        while j < len(doc) and (
            doc[j].ent_type_ == "TITLE" or doc[j].lower_ in HONORIFICS or doc[j].text == "."
        ):
            j += 1
        m = self.token_mention.get(j)
        if m is not None and self.types[m] == "PERSON":
            return [m]
        return []

    def _stay(self, sent: Span) -> Found | None:
        """ "Byambajargal is in Russia for a meeting": a person staying in a state visits it."""
        root = self._root
        if root.lemma_ != "be":
            return None
        subj = [m for c in root.children if c.dep_ == "nsubj" for m in self.core(c)]
        people = [m for m in subj if self.types[m] == "PERSON"]
        hosts = [m for p, m in self._prep_objects(root, {"in"}) if self.types[m] == "STATE"]
        if len(people) != 1 or len(hosts) != 1:
            return None
        parts = [(people[0], "actor"), (hosts[0], "recipient")]
        return Found("VISIT", self.status(root), parts, root, sent)

    def _delegation_heads(self, sent: Span) -> Found | None:
        """ "The Mongolian side was led by X, and the Korean side by Y": the heads of two national
        delegations met. Each "<demonym> side/delegation" must be followed by "by" and a person
        before the next one; the verb's status ("will be led") is the meeting's."""
        doc = sent.doc
        keys = [
            t
            for t in sent
            if t.lower_ in DELEGATION_WORDS
            and t.i > sent.start
            and (doc[t.i - 1].ent_type_ == "NORP" or code_for_demonym(doc[t.i - 1].text))
        ]
        if len(keys) < 2:
            return None
        heads: list[int] = []
        verb = None
        for n, key in enumerate(keys):
            stop = keys[n + 1].i if n + 1 < len(keys) else sent.end
            by = next((t for t in doc[key.i + 1 : stop] if t.lower_ == "by"), None)
            if by is None:
                return None
            verb = verb or (by.head if by.head.pos_ in ("VERB", "AUX") else None)
            person = next(
                (
                    self.token_mention[i]
                    for i in range(by.i + 1, stop)
                    if i in self.token_mention and self.types[self.token_mention[i]] == "PERSON"
                ),
                None,
            )
            if person is None:
                return None
            heads.append(person)
        if verb is None or len({self.group[m] for m in heads}) < 2:
            return None
        parts = [(m, "participant") for m in _unique(heads)]
        return Found("MEET", self.status(verb), parts, verb, sent)

    def _note_group(self, members: list[int]) -> None:
        members = _unique(members)
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

    def _visitor(self, trigger: Token) -> list[int]:
        """ "… the first stop of her official visit to Russia": the visitor is the person the
        sentence is about (the subject of its main verb), or the owner "his"/"her" points to."""
        if (
            any(c.dep_ == "poss" and c.lower_ in {"his", "her"} for c in trigger.children)
            and self.state.last_person is not None
        ):
            subj, _ = self._subject(self._root)
            people = [m for m in subj if self.types[m] == "PERSON"]
            return people or [_first(self.state.last_subject_person, self.state.last_person)]
        subj, passive = self._subject(self._root)
        return [] if passive else [m for m in subj if self.types[m] in ("PERSON", "STATE")]

    def _prep_objects(self, token: Token, preps: set[str]) -> list[tuple[str, int]]:
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
            found = [m for s in subj for m in self.core(s)]
            return found, subj[0].dep_ == "nsubjpass"
        if depth > 3:
            return [], False
        head = verb.head
        if verb.dep_ == "xcomp" and head is not verb:
            objects = [c for c in head.children if c.dep_ == "dobj"]
            if objects and head.lemma_ in {"invite", "ask", "urge", "allow", "help", "encourage"}:
                return [m for o in objects for m in self.core(o)], False
            return self._subject(head, depth + 1)
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
        actors: list[int] = []
        others: list[int] = []
        if trigger.pos_ in ("VERB", "AUX"):
            subj, passive = self._subject(trigger)
            agent = [m for p, m in self._prep_objects(trigger, {"by"}) if passive]
            exercise_only = {"in"} if kind == "PARTICIPATE" else set()
            objects = [
                m
                for c in trigger.children
                if c.dep_ in ("dobj", "dative", "attr")
                for m in self.core(c)
            ]
            for c in trigger.children:
                if c.dep_ == "dobj":
                    objects += [m for _, m in self._prep_objects(c, OTHER_PREPS)]
                    if kind in ("AID", "DEPLOY"):  # "donated two graders and a set of X to Y"
                        for inner in c.subtree:
                            if inner.dep_ == "prep" and inner.lower_ == "to":
                                objects += [
                                    m
                                    for o in inner.children
                                    if o.dep_ == "pobj"
                                    for m in self.core(o)
                                ]
            extra = {"on"} if trigger.lemma_ == "call" else set()
            objects += [
                m
                for p, m in self._prep_objects(trigger, OTHER_PREPS | {"from"} | extra)
                if p != "in" or p in exercise_only and self.types[m] == "EXERCISE"
            ]
            if passive:
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
            if trigger.lemma_ == "take":
                part = [c for c in trigger.children if c.lower_ == "part"]
                others += [m for p in part for _, m in self._prep_objects(p, {"in"})]
        else:
            verb = trigger.head
            if verb.pos_ == "ADP" and trigger.dep_ == "pobj":
                verb = verb.head  # "reviewed the plan during talks in Ulaanbaatar"
            own_actor = [m for _, m in self._prep_objects(trigger, ACTOR_PREPS)]
            own_other = [m for _, m in self._prep_objects(trigger, OTHER_PREPS - {"in"})]
            mods = [
                m
                for c in trigger.children
                if c.dep_ in ("poss", "compound", "nmod", "amod")
                for m in self.core(c)
            ]
            appos = [m for c in trigger.children if c.dep_ == "appos" for m in self.core(c)]
            if (
                trigger.dep_ in ("dobj", "attr", "pobj", "nsubjpass")
                and verb.pos_ in ("VERB", "AUX")
                and not (
                    kind == "VISIT"
                    and any(c.lower_ == "to" for c in trigger.children)
                    and verb.lemma_
                    not in ("pay", "make", "begin", "start", "end", "conclude", "undertake")
                )
            ):
                subj, passive = self._subject(verb) if trigger.dep_ != "nsubjpass" else ([], False)
                actors = (subj if not passive else []) + own_actor
                others = own_other + [m for _, m in self._prep_objects(verb, OTHER_PREPS - {"in"})]
                if trigger.dep_ == "nsubjpass":
                    others += [m for _, m in self._prep_objects(verb, {"by"})]
            elif trigger.dep_ == "nsubj" and verb.pos_ in ("VERB", "AUX"):
                actors = own_actor
                others = own_other + [
                    m for c in verb.children if c.dep_ == "dobj" for m in self.core(c)
                ]
                others += [m for _, m in self._prep_objects(verb, OTHER_PREPS - {"in"})]
            else:
                actors, others = own_actor, own_other
            if kind == "VISIT" and not actors and not own_actor:
                actors = self._visitor(trigger)
            others += appos
            actors = mods + actors if actors or others else mods
        if kind == "VISIT" and not others:
            others = self._host_capital(trigger)
        return _unique(actors), _unique(others)

    # -- status ------------------------------------------------------------------------------
    def status(self, trigger: Token) -> str:
        chain = [trigger]
        node = trigger
        if trigger.pos_ not in ("VERB", "AUX") and trigger.head.pos_ in ("VERB", "AUX"):
            node = trigger.head
            chain.append(node)
        while (
            node.dep_ in ("xcomp", "conj", "ccomp", "advcl", "acl", "pcomp")
            and node.head is not node
        ):
            node = node.head
            chain.append(node)
            if len(chain) > 5:
                break
        for tok in chain:
            kids = list(tok.children)
            if (
                any(
                    c.dep_ == "neg" or c.lower_ in NEG_WORDS and c.dep_ in ("det", "advmod", "neg")
                    for c in kids
                )
                or tok.lemma_ in NEGATING_HEADS
            ):
                return "negated"
        for tok in chain:
            kids = list(tok.children)
            if any(c.dep_ == "aux" and c.lower_ in HYPO_AUX for c in kids) or any(
                c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in kids
            ):
                return "hypothetical"
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in kids):
                return "future"
            if tok is not trigger and tok.lemma_ in FUTURE_HEADS and tok.lemma_ != "agree":
                return "future"
            if any(
                c.lower_ in FUTURE_MODS and c.dep_ in ("amod", "advmod", "npadvmod") for c in kids
            ):
                return "future"
            if (
                any(c.dep_ in ("aux", "auxpass") and c.lower_ == "to" for c in kids)
                and tok.head.lemma_ in ("be",)
                and tok.dep_ == "xcomp"
            ):
                return "future"
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
        if (
            kind is None
            and pos == "VERB"
            and token.lemma_ in EXERCISE_VERBS
            and any(
                self.types[m] == "EXERCISE"
                for c in token.children
                if c.dep_ in ("nsubj", "nsubjpass", "dobj", "npadvmod", "attr")
                for m in self.core(c)
            )
        ):
            return "PARTICIPATE"
        return kind

    def sentence(self, sent: Span) -> list[Found]:
        found: list[Found] = []
        doc = sent.doc
        self._index(doc)
        self._sentence_root = next((t for t in sent if t.dep_ == "ROOT"), sent[0])
        in_sent = sorted({self.token_mention[i] for i in _within(self._named, sent)})
        if len({self.group[m] for m in in_sent}) < 2 and not _within(self._referring, sent):
            self._remember(sent, found)
            return found
        exercises = [m for m in in_sent if self.types[m] == "EXERCISE"]
        for special in (self._stay(sent), self._delegation_heads(sent)):
            if special is not None:
                found.append(special)
        for token in (doc[i] for i in _within(self._triggers, sent)):
            kind = self.trigger_type(token)
            if kind is None:
                continue
            actors, others = self.participants(token, kind)
            if token.dep_ == "compound" and token.pos_ == "NOUN":
                continue  # "training area", "exercise plan"
            if exercises and kind == "PARTICIPATE":
                everyone = _unique(actors + others)
                if not any(self.types[m] == "EXERCISE" for m in everyone):
                    continue
                parts = [(m, "participant") for m in everyone]
                if len({self.group[m] for m in everyone}) >= 2:
                    found.append(Found(kind, self.status(token), parts, token, sent))
                continue
            if kind == "PARTICIPATE" and not any(
                self.types[m] == "EXERCISE" for m in actors + others
            ):
                people = {self.group[m] for m in actors + others if self.types[m] == "PERSON"}
                if token.lemma_ != "join" or len(people) < 2:
                    continue
                kind = "MEET"
            actors = [m for m in actors if self.types[m] != "EXERCISE"]
            others = [m for m in others if self.types[m] != "EXERCISE"]
            parts = self._roles(kind, actors, others)
            if kind in ("VISIT", "DEPLOY") and not any(r == "recipient" for _, r in parts):
                continue  # travelling together is no visit between the travellers
            if len({self.group[m] for m, _ in parts}) >= 2:
                found.append(Found(kind, self.status(token), parts, token, sent))
                self._note_group([m for m, _ in parts])
        found = self._dedupe(found)
        self._remember(sent, found)
        return found

    def _roles(self, kind: str, actors: list[int], others: list[int]) -> list[tuple[int, str]]:
        actor_groups = {self.group[m] for m in actors}
        others = [m for m in others if self.group[m] not in actor_groups]
        if actors and others:
            return [(m, "actor") for m in actors] + [(m, "recipient") for m in others]
        return [(m, "participant") for m in _unique(actors + others)]

    def _dedupe(self, found: list[Found]) -> list[Found]:
        """One event per participant set in a sentence: the governing (outermost) trigger wins."""
        kept: list[Found] = []
        for f in sorted(found, key=lambda f: _depth(f.trigger)):
            groups = frozenset(self.group[m] for m, _ in f.participants)
            if any(frozenset(self.group[m] for m, _ in k.participants) >= groups for k in kept):
                continue
            kept.append(f)
        return sorted(kept, key=lambda f: f.trigger.i)

    def _remember(self, sent: Span, found: list[Found]) -> None:
        root_subject = [
            self.token_mention.get(c.i)
            for c in self._root.children
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


def _first(*items: int | None) -> int:
    """The first item that is not None (mention index 0 is a real mention)."""
    return next(i for i in items if i is not None)


def _depth(token: Token) -> int:
    """Steps from ``token`` up to its sentence root (spaCy makes a new Token object on every
    access, so tokens are compared by index)."""
    depth = 0
    while token.head.i != token.i and depth < 50:
        token = token.head
        depth += 1
    return depth


def _unique(items: list[int]) -> list[int]:
    seen: list[int] = []
    for i in items:
        if i not in seen:
            seen.append(i)
    return seen
