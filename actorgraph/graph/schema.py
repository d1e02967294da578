"""The graph model, declared once, and its schema statements for each engine.

Ladybug needs every node and relationship table declared before the first write (``CREATE NODE
TABLE IF NOT EXISTS ...``); Neo4j is schema-free but gets uniqueness constraints and indexes. Both
are derived from the same declaration below, and both are idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass

from actorgraph.graph.base import NODE_LABELS, REL_TYPES


@dataclass(frozen=True)
class NodeTable:
    label: str
    key: str
    props: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class RelTable:
    type: str
    source: str
    target: str
    props: tuple[tuple[str, str], ...]


NODES: tuple[NodeTable, ...] = (
    NodeTable(
        "Actor",
        "id",
        (
            ("id", "STRING"),
            ("name", "STRING"),
            ("type", "STRING"),
            ("country", "STRING"),
            ("title", "STRING"),
            ("aliases", "STRING[]"),
            ("merged_into", "STRING"),
            ("series", "STRING"),
            ("dropped", "STRING"),
        ),
    ),
    NodeTable(
        "Article",
        "id",
        (
            ("id", "STRING"),
            ("url", "STRING"),
            ("title", "STRING"),
            ("outlet", "STRING"),
            ("published", "STRING"),
            ("content_hash", "STRING"),
            ("source", "STRING"),
            ("via", "STRING"),
            ("text", "STRING"),
            ("origin", "STRING"),
            ("bands", "INT64[]"),
        ),
    ),
    NodeTable(
        "Event",
        "id",
        (
            ("id", "STRING"),
            ("type", "STRING"),
            ("status", "STRING"),
            ("date", "STRING"),
            ("date_basis", "STRING"),
            ("place", "STRING"),
        ),
    ),
    # places (issue 13): geocoded fields of a Place
    NodeTable(
        "Place",
        "name",
        (
            ("name", "STRING"),
            ("geonameid", "INT64"),
            ("lat", "DOUBLE"),
            ("lng", "DOUBLE"),
            ("country", "STRING"),
            ("admin1", "STRING"),
            ("precision", "STRING"),
        ),
    ),
    NodeTable("Feed", "url", (("url", "STRING"), ("etag", "STRING"), ("modified", "STRING"))),
)

RELS: tuple[RelTable, ...] = (
    RelTable(
        "PARTICIPANT",
        "Actor",
        "Event",
        (("role", "STRING"), ("mention", "STRING"), ("orig", "STRING")),
    ),
    RelTable(
        "REPORTED_IN",
        "Event",
        "Article",
        (("sentence", "STRING"), ("start", "INT64"), ("end", "INT64")),
    ),
    RelTable("HELD_IN", "Event", "Place", ()),
    RelTable(
        "MENTIONED_IN",
        "Actor",
        "Article",
        (
            ("name", "STRING"),
            ("start", "INT64"),
            ("end", "INT64"),
            ("orig", "STRING"),
            ("method", "STRING"),
            ("score", "DOUBLE"),
            ("features", "STRING"),
        ),
    ),
)

# Review data: a person's judgements about two actors (outside NODE_LABELS, so node counts and
# the data model of the pipeline stay as they are). See ``graph/judgements.py``.
REVIEW_NODES: tuple[NodeTable, ...] = (
    NodeTable(
        "Judgement",
        "id",
        (
            ("id", "STRING"),
            ("a", "STRING"),
            ("b", "STRING"),
            ("verdict", "STRING"),
            ("who", "STRING"),
            ("when", "STRING"),
            ("why", "STRING"),
            ("seq", "INT64"),
            ("changes", "STRING"),
        ),
    ),
)

# The date index (scale, issues 12 and 13): Ladybug indexes only primary keys, so every event
# with a date is linked ``(:Event)-[:DATED]->(:Day {id: e.date})`` (the date as written: a day, a
# month "2026-05" or a year "2026"), and a bounded read starts from the Day keys of its window.
# Outside NODE_LABELS/REL_TYPES: counts and the data model stay as they are.
# The pair-contact summary (``graph/contacts.py``) is keyed the same way: one lookup per pair.
INDEX_NODES: tuple[NodeTable, ...] = (
    NodeTable("Day", "id", (("id", "STRING"),)),
    NodeTable(
        "Contact",
        "id",
        (("id", "STRING"), ("a", "STRING"), ("b", "STRING"), ("entries", "STRING[]")),
    ),
    # the content-hash index (schema 3): the hash of a stored text, and the article that has it
    NodeTable("Hash", "id", (("id", "STRING"), ("article", "STRING"))),
)
INDEX_RELS: tuple[RelTable, ...] = (RelTable("DATED", "Event", "Day", ()),)

# Columns added after the first release: stores created before them get them at open
# (``ALTER TABLE ... ADD IF NOT EXISTS``; ``CREATE ... IF NOT EXISTS`` never adds columns).
ADDED_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("Actor", "merged_into", "STRING"),
    ("Actor", "series", "STRING"),
    ("PARTICIPANT", "orig", "STRING"),
    ("MENTIONED_IN", "orig", "STRING"),
    ("MENTIONED_IN", "method", "STRING"),
    ("MENTIONED_IN", "score", "DOUBLE"),
    ("MENTIONED_IN", "features", "STRING"),
    # places (issue 13)
    ("Place", "geonameid", "INT64"),
    ("Place", "lat", "DOUBLE"),
    ("Place", "lng", "DOUBLE"),
    ("Place", "country", "STRING"),
    ("Place", "admin1", "STRING"),
    ("Place", "precision", "STRING"),
    ("Actor", "dropped", "STRING"),
    ("Judgement", "changes", "STRING"),
    ("Article", "origin", "STRING"),  # report helper: near-duplicate origin (ingest/neardup.py)
    ("Article", "bands", "INT64[]"),  # schema 3: LSH band keys (ingest/neardup.py)
)

# Neo4j: (name, label, property) for uniqueness constraints and for plain range indexes.
NEO4J_UNIQUE: tuple[tuple[str, str, str], ...] = (
    ("actor_id", "Actor", "id"),
    ("event_id", "Event", "id"),
    ("article_id", "Article", "id"),
    ("article_url", "Article", "url"),
    ("place_name", "Place", "name"),
    ("feed_url", "Feed", "url"),
    ("judgement_id", "Judgement", "id"),
    ("day_id", "Day", "id"),
    ("contact_id", "Contact", "id"),
    ("hash_id", "Hash", "id"),
)
NEO4J_INDEXES: tuple[tuple[str, str, str], ...] = (
    ("event_date", "Event", "date"),
    ("article_content_hash", "Article", "content_hash"),
    ("actor_country", "Actor", "country"),
    ("article_origin", "Article", "origin"),
)

assert tuple(n.label for n in NODES) == NODE_LABELS
assert tuple(r.type for r in RELS) == REL_TYPES


def quote(name: str) -> str:
    """A property name safe in both dialects (``end`` is reserved in Ladybug)."""
    return f"`{name}`"


def ladybug_ddl() -> list[str]:
    """``CREATE ... TABLE IF NOT EXISTS`` statements, nodes first."""
    statements = []
    for node in NODES + REVIEW_NODES + INDEX_NODES:
        cols = ", ".join(f"{quote(p)} {t}" for p, t in node.props)
        statements.append(
            f"CREATE NODE TABLE IF NOT EXISTS {node.label}({cols}, PRIMARY KEY({node.key}))"
        )
    for rel in RELS + INDEX_RELS:
        cols = "".join(f", {quote(p)} {t}" for p, t in rel.props)
        statements.append(
            f"CREATE REL TABLE IF NOT EXISTS {rel.type}(FROM {rel.source} TO {rel.target}{cols})"
        )
    statements += [
        f"ALTER TABLE {table} ADD IF NOT EXISTS {quote(column)} {kind}"
        for table, column, kind in ADDED_COLUMNS
    ]
    return statements


def neo4j_schema() -> list[str]:
    """``CREATE CONSTRAINT/INDEX ... IF NOT EXISTS`` statements."""
    statements = [
        f"CREATE CONSTRAINT {name} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{prop} IS UNIQUE"
        for name, label, prop in NEO4J_UNIQUE
    ]
    statements += [
        f"CREATE INDEX {name} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for name, label, prop in NEO4J_INDEXES
    ]
    return statements


def property_keys() -> list[str]:
    """Every property key of the model (for the offline linter's schema)."""
    keys = {p for n in NODES + REVIEW_NODES + INDEX_NODES for p, _ in n.props}
    keys |= {p for r in RELS for p, _ in r.props}
    return sorted(keys)
