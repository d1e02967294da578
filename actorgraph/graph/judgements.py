"""A person's judgements in the store, and what they do to the graph.

A ``(:Judgement {id, a, b, verdict, who, when, why, seq})`` node records each decision; ``seq``
numbers the command that made it (``split`` records several at once, ``undo`` removes them
together). The store's merge state is a function of the judgements: :func:`merge_groups` turns
them into "actor X is merged into root R", and :func:`reconcile` moves the graph to that state.

Merges never destroy anything. Every ``PARTICIPANT`` and ``MENTIONED_IN`` edge carries ``orig``,
the actor id the resolver gave it; merging B into A moves B's edges to A (``orig`` stays B) and
marks B ``merged_into = A``; splitting moves every edge back to its ``orig``. So merge, split and
undo are exact inverses, and a later ingest that resolves a mention to B writes it on A.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from actorgraph.core.judgements import Judgement, actor_edits
from actorgraph.core.merge import merge_groups
from actorgraph.core.records import ResolvedArticle, StoredMention
from actorgraph.graph import contacts

Execute = Callable[[str, dict[str, Any]], list[dict[str, Any]]]
ORG_GROUP = frozenset({"ORGANIZATION", "MILITARY"})

# statements -------------------------------------------------------------------------------------
ADD = """UNWIND $rows AS r
CREATE (j:Judgement {id: r.id, a: r.a, b: r.b, verdict: r.verdict, who: r.who,
                     `when`: r.`when`, why: r.why, seq: r.seq, changes: r.changes})"""

LIST = """MATCH (j:Judgement)
RETURN j.id AS id, j.a AS a, j.b AS b, j.verdict AS verdict, j.who AS who, j.`when` AS at,
       j.why AS why, j.seq AS seq, j.changes AS changes"""

NAMING = """MATCH (j:Judgement)
WHERE j.a IN $ids OR j.b IN $ids
RETURN count(j) AS n"""

DELETE = """MATCH (j:Judgement)
WHERE j.id IN $ids
DELETE j"""

# a person's edits and drops of one actor (``edit``/``drop`` judgements)
SET_TYPE = """UNWIND $rows AS r
MATCH (n:Actor {id: r.id})
SET n.type = r.value"""

SET_COUNTRY = """UNWIND $rows AS r
MATCH (n:Actor {id: r.id})
SET n.country = r.value"""

SET_TITLE = """UNWIND $rows AS r
MATCH (n:Actor {id: r.id})
SET n.title = r.value"""

SET_DROPPED = """UNWIND $rows AS r
MATCH (n:Actor {id: r.id})
SET n.dropped = r.value"""

EDITS_NAMING = """MATCH (j:Judgement)
WHERE j.a IN $ids AND j.verdict IN ['edit', 'drop']
RETURN count(j) AS n"""

DROPPED = """MATCH (n:Actor)
WHERE coalesce(n.dropped, '') <> ''
RETURN n.id AS id"""

MERGED = """MATCH (n:Actor)
WHERE coalesce(n.merged_into, '') <> ''
RETURN n.id AS id, n.merged_into AS into"""

STATES = """UNWIND $ids AS id
MATCH (n:Actor {id: id})
RETURN n.id AS id, n.merged_into AS into"""

MEMBERS = """MATCH (n:Actor)
WHERE n.merged_into IN $ids
RETURN n.id AS id, n.merged_into AS into, n.name AS name, n.aliases AS aliases"""

SET_MERGED_INTO = """UNWIND $rows AS r
MATCH (n:Actor {id: r.id})
SET n.merged_into = r.into"""

# The edges of one orig a merge, split or undo moves, from the actors that may hold them
# (`WHERE x.id IN $holders`), one statement per moved actor. On Ladybug 0.22, inside a write
# transaction whose new events (articles) cross a node group (131,072 nodes), a match driven by
# an UNWIND (`UNWIND $rows AS row MATCH (x:Actor)-[p:PARTICIPANT]->(e:Event) WHERE
# coalesce(p.orig, x.id) = row.orig`, or by the actor's key) misses the edges of the new nodes in
# one of the two groups: a write that applied a judgement again left them on the merged-away
# actor (tests/test_judgements_node_group.py). Anchored on the event keys instead, the move is
# planned as a join over the whole edge table (9 s per 1,000 edges at 1M events).
MOVE_MENTIONS = """MATCH (x:Actor)-[m:MENTIONED_IN]->(s:Article)
WHERE x.id IN $holders AND coalesce(m.orig, x.id) = $orig AND x.id <> $target
MATCH (t:Actor {id: $target})
CREATE (t)-[:MENTIONED_IN {name: m.name, start: m.start, `end`: m.`end`, orig: $orig,
                           method: m.method, score: m.score, features: m.features}]->(s)
DELETE m"""

MOVE_PARTICIPANTS = """MATCH (x:Actor)-[p:PARTICIPANT]->(e:Event)
WHERE x.id IN $holders AND coalesce(p.orig, x.id) = $orig AND x.id <> $target
MATCH (t:Actor {id: $target})
CREATE (t)-[:PARTICIPANT {role: p.role, mention: p.mention, orig: $orig}]->(e)
DELETE p"""

# only rows that have an explanation (a null score in every row has no type in Ladybug)
EXPLAIN = """UNWIND $rows AS r
MATCH (a:Actor {id: r.actor})
MATCH (s:Article {id: r.article})
MATCH (a)-[m:MENTIONED_IN {start: r.start, `end`: r.`end`}]->(s)
SET m.method = r.method, m.score = r.score, m.features = r.features"""

REORIG_MENTIONS = """MATCH (a:Actor {id: $actor})
MATCH (a)-[m:MENTIONED_IN]->(s:Article)
WHERE m.name = $name AND coalesce(m.orig, a.id) = $actor
SET m.orig = $new"""

REORIG_PARTICIPANTS = """MATCH (a:Actor {id: $actor})
MATCH (a)-[p:PARTICIPANT]->(e:Event)
WHERE p.mention = $name AND coalesce(p.orig, a.id) = $actor
SET p.orig = $new"""

ACTOR = """MATCH (n:Actor {id: $id})
RETURN n.id AS id, n.name AS name, n.type AS type, n.country AS country, n.title AS title,
       n.aliases AS aliases, n.merged_into AS merged_into, n.series AS series"""

MENTIONS_OF = """MATCH (a:Actor)-[m:MENTIONED_IN]->(s:Article)
WHERE a.id = $id OR m.orig = $id
RETURN a.id AS actor, coalesce(m.orig, a.id) AS orig, m.name AS name, m.start AS start,
       m.`end` AS stop, m.method AS method, m.score AS score, m.features AS features,
       s.id AS article, s.url AS url, s.title AS title, s.published AS published"""

EXPLANATIONS = """MATCH (a:Actor)-[m:MENTIONED_IN]->(s:Article)
WHERE coalesce(m.method, '') <> ''
RETURN a.id AS actor, coalesce(m.orig, a.id) AS orig, m.name AS name, m.start AS start,
       m.`end` AS stop, m.method AS method, m.score AS score, m.features AS features,
       s.id AS article, s.url AS url, s.title AS title, s.published AS published"""

SENTENCES = """MATCH (a:Actor)-[p:PARTICIPANT]->(e:Event)
MATCH (e)-[r:REPORTED_IN]->(s:Article)
WHERE coalesce(p.orig, a.id) IN $ids
RETURN coalesce(p.orig, a.id) AS actor, r.sentence AS sentence, s.url AS url"""


MOVE_EXAMPLE: dict[str, Any] = {"holders": [], "orig": "", "target": ""}


def judgement_statements() -> list[tuple[str, str, dict[str, Any]]]:
    """``(name, cypher, example params)`` of every statement here (for the Neo4j linter)."""
    rows: dict[str, Any] = {"rows": []}
    return [
        ("add", ADD, rows),
        ("list", LIST, {}),
        ("naming", NAMING, {"ids": []}),
        ("delete", DELETE, {"ids": []}),
        ("merged", MERGED, {}),
        ("states", STATES, {"ids": []}),
        ("members", MEMBERS, {"ids": []}),
        ("set_merged_into", SET_MERGED_INTO, rows),
        ("move_mentions", MOVE_MENTIONS, MOVE_EXAMPLE),
        ("move_participants", MOVE_PARTICIPANTS, MOVE_EXAMPLE),
        ("explain", EXPLAIN, rows),
        ("reorig_mentions", REORIG_MENTIONS, {"actor": "", "name": "", "new": ""}),
        ("reorig_participants", REORIG_PARTICIPANTS, {"actor": "", "name": "", "new": ""}),
        ("actor", ACTOR, {"id": ""}),
        ("mentions_of", MENTIONS_OF, {"id": ""}),
        ("explanations", EXPLANATIONS, {}),
        ("sentences", SENTENCES, {"ids": []}),
        ("set_type", SET_TYPE, rows),
        ("set_country", SET_COUNTRY, rows),
        ("set_title", SET_TITLE, rows),
        ("set_dropped", SET_DROPPED, rows),
        ("edits_naming", EDITS_NAMING, {"ids": []}),
        ("dropped", DROPPED, {}),
    ]


# records ----------------------------------------------------------------------------------------
def stored_mention(row: dict[str, Any]) -> StoredMention:
    try:
        features = json.loads(row["features"]) if row.get("features") else {}
    except ValueError:
        features = {"raw": row["features"]}
    return StoredMention(
        actor=row["actor"],
        orig=row["orig"],
        name=row["name"] or "",
        start=row["start"] or 0,
        end=row["stop"] or 0,
        article=row["article"],
        url=row["url"] or "",
        title=row["title"] or "",
        published=row["published"],
        method=row["method"] or None,
        score=row["score"],
        features=features if isinstance(features, dict) else {},
    )


def judgement_of(row: dict[str, Any]) -> Judgement:
    return Judgement(
        row["a"],
        row["b"] or "",
        row["verdict"],
        row["who"] or "",
        row["at"] or "",
        row["why"] or "",
        row.get("changes") or "",
    )


def judgement_rows(judgements: Sequence[Judgement], seq: int) -> list[dict[str, Any]]:
    """Rows for :data:`ADD`; ids sort in recording order (``seq``, then position)."""
    return [
        {
            "id": f"{seq:09d}-{i:04d}",
            "a": j.a,
            "b": j.b,
            "verdict": j.verdict,
            "who": j.who,
            "when": j.when,
            "why": j.why,
            "seq": seq,
            "changes": j.changes,
        }
        for i, j in enumerate(judgements)
    ]


def ordered(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=lambda r: (r["seq"], r["id"]))


# the merge state as a function of the judgements ------------------------------------------------
def reconcile(execute: Execute, judgements: Sequence[Judgement], *, nodes_created: bool) -> None:
    """Move the graph to the merge, edit and drop state the judgements define (inside a
    transaction; ``nodes_created``: it created nodes, see ``contacts.rebuild_for``)."""
    _reconcile_merges(execute, judgements, nodes_created)
    apply_edits(execute, judgements)


_SETTERS = {"type": SET_TYPE, "country": SET_COUNTRY, "title": SET_TITLE}


def apply_edits(
    execute: Execute, judgements: Sequence[Judgement], only: Iterable[str] | None = None
) -> None:
    """Set the fields a person edited and the drop marks (of ``only`` these actor ids, if
    given): later ingests rewrite an actor's fields, so this runs after them too."""
    fields, dropped = actor_edits(judgements)
    wanted = None if only is None else set(only)
    for name, statement in _SETTERS.items():
        rows = [
            {"id": a, "value": edits[name]}
            for a, edits in fields.items()
            if name in edits and (wanted is None or a in wanted)
        ]
        if rows:
            execute(statement, {"rows": rows})
    marks = [{"id": a, "value": "yes"} for a in sorted(dropped) if wanted is None or a in wanted]
    current = {r["id"] for r in execute(DROPPED, {})} if wanted is None else set()
    marks += [{"id": a, "value": ""} for a in sorted(current - dropped)]
    if marks:
        execute(SET_DROPPED, {"rows": marks})


def restore_edits(execute: Execute, removed: Sequence[Judgement]) -> None:
    """Put back the values that removed ``edit`` judgements replaced (latest removed first)."""
    for j in reversed(removed):
        for name, (old, _) in j.edits().items():
            execute(_SETTERS[name], {"rows": [{"id": j.a, "value": old}]})


def _reconcile_merges(
    execute: Execute, judgements: Sequence[Judgement], nodes_created: bool
) -> None:
    current = {r["id"]: r["into"] for r in execute(MERGED, {})}
    named = sorted({x for j in judgements for x in (j.a, j.b) if x} | set(current))
    existing = {r["id"] for r in execute(STATES, {"ids": named})}
    wanted = merge_groups(judgements, existing)
    changed = sorted(x for x in set(current) | set(wanted) if current.get(x, x) != wanted.get(x, x))
    if not changed:
        return
    for x in changed:
        # an edge of orig x is held by x's root now (or by x itself); it goes to x's new root
        move = {"holders": sorted({x, current.get(x, x)}), "orig": x, "target": wanted.get(x, x)}
        execute(MOVE_MENTIONS, move)
        execute(MOVE_PARTICIPANTS, move)
    execute(SET_MERGED_INTO, {"rows": [{"id": x, "into": wanted.get(x, "")} for x in changed]})
    # the edges of these actors moved: their pair contacts follow
    moved = {y for x in changed for y in (x, wanted.get(x, x), current.get(x, x))}
    contacts.rebuild_for(execute, sorted(moved), nodes_created=nodes_created)


# the write path ---------------------------------------------------------------------------------
def hinted_ids(batch: Sequence[ResolvedArticle]) -> list[str]:
    """Actor ids a judgement redirected mentions away from (``judged_same`` explanations)."""
    out = set()
    for doc in batch:
        for merge in doc.merges:
            pair = merge.features.get("judged_same") if merge.features else None
            if isinstance(pair, (list, tuple)) and pair and isinstance(pair[0], str):
                out.add(pair[0])
    return sorted(out)


def member_names(execute: Execute, roots: Iterable[str]) -> dict[str, dict[str, set[str]]]:
    """``{root: {merged-away id: its own names}}`` for the given roots."""
    out: dict[str, dict[str, set[str]]] = {}
    for r in execute(MEMBERS, {"ids": sorted(set(roots))}):
        names = {n for n in (r["name"], *(r["aliases"] or [])) if n}
        out.setdefault(r["into"], {})[r["id"]] = names
    return out


def prepare_rows(
    rows: dict[str, list[dict[str, Any]]],
    batch: Sequence[ResolvedArticle],
    states: dict[str, str | None],
    own: dict[str, Iterable[str]] | None = None,
    members: dict[str, dict[str, set[str]]] | None = None,
) -> None:
    """Give edge rows their ``orig`` and explanation, and move them to the canonical actor.

    ``states`` maps stored actor ids to their ``merged_into`` (None or '' when not merged).
    A mention the resolver sent to A because a judgement said B = A keeps ``orig = B`` when B is
    a stored actor, and so does a mention of A whose raw name is one of B's own names but not
    one of A's (``own``: A's stored aliases; ``members``: see :func:`member_names`), so
    splitting A later gives it back to B. A's stored aliases do not take B's names.
    """
    own_names = {k: set(v) for k, v in (own or {}).items()}
    borrowed: dict[str, dict[str, str]] = {}
    for root, group in (members or {}).items():
        for member in sorted(group, reverse=True):
            for name in group[member] - own_names.get(root, set()):
                borrowed.setdefault(root, {})[name] = member
    for row in rows.get("actors", []):
        lent = borrowed.get(row["id"])
        if lent:
            row["aliases"] = [a for a in row["aliases"] if a not in lent]
    explained: dict[tuple[str, str, str], dict[str, Any]] = {}
    hints: dict[tuple[str, str], str] = {}
    for doc in batch:
        for merge in doc.merges:
            key = (doc.article.id, merge.mention, merge.actor_id)
            explained.setdefault(
                key,
                {
                    "method": merge.method,
                    "score": float(merge.score),
                    "features": json.dumps(
                        merge.features, ensure_ascii=False, sort_keys=True, default=str
                    ),
                },
            )
            pair = merge.features.get("judged_same") if merge.features else None
            if merge.method == "judgement" and isinstance(pair, (list, tuple)) and pair:
                if pair[0] in states:
                    hints[(merge.mention, merge.actor_id)] = str(pair[0])

    def canonical(actor_id: str) -> str:
        return states.get(actor_id) or actor_id

    rows["explain"] = []

    def origin(text: str, actor_id: str) -> str:
        hinted = hints.get((text, actor_id))
        return hinted or borrowed.get(actor_id, {}).get(text, actor_id)

    for row in rows.get("mentioned_in", []):
        orig = origin(row["name"], row["actor"])
        why = explained.get((row["article"], row["name"], row["actor"]))
        row.update(orig=orig, actor=canonical(row["actor"]))
        if why:
            rows["explain"].append(
                {
                    "actor": row["actor"],
                    "article": row["article"],
                    "start": row["start"],
                    "end": row["end"],
                    **why,
                }
            )
    for row in rows.get("participants", []):
        orig = origin(row["mention"], row["actor"])
        row.update(orig=orig, actor=canonical(row["actor"]))
    _merge_duplicate_participants(rows)


def _merge_duplicate_participants(rows: dict[str, list[dict[str, Any]]]) -> None:
    """After redirecting, two rows may name the same (actor, event): keep the first (Ladybug
    must not see a key twice in one ``UNWIND``)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for row in rows.get("participants", []):
        key = (row["actor"], row["event"])
        if key not in seen:
            seen.add(key)
            kept.append(row)
    rows["participants"] = kept


def edits_named(execute: Execute, ids: Sequence[str]) -> bool:
    """Whether an ``edit`` or ``drop`` judgement names one of these actors."""
    return bool(ids) and int(execute(EDITS_NAMING, {"ids": list(ids)})[0]["n"]) > 0


def new_actors_judged(execute: Execute, new_ids: Sequence[str]) -> bool:
    """Whether a judgement names one of the actors a write has just created."""
    return bool(new_ids) and int(execute(NAMING, {"ids": list(new_ids)})[0]["n"]) > 0


def compatible_types(a: str, b: str) -> bool:
    """Types a person may merge: equal, or organisation and armed force."""
    return a == b or {a, b} <= ORG_GROUP
