"""The Cypher every backend sends, written once in the subset both dialects share.

Rules that keep one copy valid on Ladybug and Neo4j (see also ``schema.py``):

- properties are set one by one (Ladybug has no ``SET n += map``);
- two ``MATCH`` clauses rather than the comma form (much slower on Ladybug);
- ``end`` is always back-quoted (a reserved word in Ladybug even as a property key);
- no ``datetime()``: dates are ISO strings compared as strings; "no bound" is the empty string,
  never a null parameter (Ladybug cannot infer a null parameter's type);
- rows of one ``UNWIND`` never repeat a key (pre-aggregated in :mod:`actorgraph.graph.rows`).

Only the schema differs per engine; it comes from :func:`schema_statements`.
"""

from __future__ import annotations

from actorgraph.graph.base import NODE_LABELS
from actorgraph.graph.judgements import judgement_statements
from actorgraph.graph.schema import ladybug_ddl, neo4j_schema

# writes (each takes $rows) ----------------------------------------------------------------------
WRITE_ARTICLES = """UNWIND $rows AS r
MERGE (n:Article {id: r.id})
SET n.url = r.url, n.title = r.title, n.outlet = r.outlet, n.published = r.published,
    n.content_hash = r.content_hash, n.source = r.source, n.via = r.via, n.text = r.text"""

WRITE_ACTORS = """UNWIND $rows AS r
MERGE (n:Actor {id: r.id})
SET n.name = r.name, n.type = r.type, n.country = coalesce(r.country, n.country),
    n.title = coalesce(r.title, n.title), n.series = coalesce(r.series, n.series),
    n.aliases = r.aliases"""

WRITE_PLACES = """UNWIND $rows AS r
MERGE (n:Place {name: r.name})"""

# places (issue 13): the geocode of a Place; ``geonameid`` 0 is "no GeoNames id" (a site or an
# aimag), since Ladybug cannot type a null parameter
WRITE_PLACE_GEO = """UNWIND $rows AS r
MATCH (n:Place {name: r.name})
SET n.geonameid = r.geonameid, n.lat = r.lat, n.lng = r.lng, n.country = r.country,
    n.admin1 = r.admin1, n.precision = r.precision"""

WRITE_EVENTS = """UNWIND $rows AS r
MERGE (n:Event {id: r.id})
SET n.type = r.type, n.status = r.status, n.date = r.date, n.date_basis = r.date_basis,
    n.place = r.place"""

WRITE_PARTICIPANTS = """UNWIND $rows AS r
MATCH (a:Actor {id: r.actor})
MATCH (e:Event {id: r.event})
MERGE (a)-[p:PARTICIPANT]->(e)
SET p.role = CASE WHEN coalesce(p.orig, r.orig) = r.orig THEN r.role ELSE p.role END,
    p.mention = CASE WHEN coalesce(p.orig, r.orig) = r.orig THEN r.mention ELSE p.mention END,
    p.orig = coalesce(p.orig, r.orig)"""

WRITE_REPORTED_IN = """UNWIND $rows AS r
MATCH (e:Event {id: r.event})
MATCH (s:Article {id: r.article})
MERGE (e)-[p:REPORTED_IN]->(s)
SET p.sentence = r.sentence, p.start = r.start, p.`end` = r.`end`"""

WRITE_HELD_IN = """UNWIND $rows AS r
MATCH (e:Event {id: r.event})
MATCH (l:Place {name: r.place})
MERGE (e)-[:HELD_IN]->(l)"""

WRITE_MENTIONED_IN = """UNWIND $rows AS r
MATCH (a:Actor {id: r.actor})
MATCH (s:Article {id: r.article})
MERGE (a)-[m:MENTIONED_IN {start: r.start, `end`: r.`end`}]->(s)
SET m.name = r.name, m.orig = coalesce(m.orig, r.orig)"""

# In dependency order: nodes before the relationships that MATCH them.
WRITES: tuple[tuple[str, str], ...] = (
    ("articles", WRITE_ARTICLES),
    ("actors", WRITE_ACTORS),
    ("places", WRITE_PLACES),
    ("place_geo", WRITE_PLACE_GEO),
    ("events", WRITE_EVENTS),
    ("participants", WRITE_PARTICIPANTS),
    ("reported_in", WRITE_REPORTED_IN),
    ("held_in", WRITE_HELD_IN),
    ("mentioned_in", WRITE_MENTIONED_IN),
)

SAVE_FEED = """MERGE (f:Feed {url: $url})
SET f.etag = $etag, f.modified = $modified"""

CLEAR = "MATCH (n) DETACH DELETE n"

# reads ------------------------------------------------------------------------------------------
STORED_ALIASES = """MATCH (n:Actor)
WHERE n.id IN $ids
RETURN n.id AS id, n.aliases AS aliases"""

FEED_STATE = """MATCH (f:Feed {url: $url})
RETURN f.url AS url, f.etag AS etag, f.modified AS modified"""

KNOWN_ARTICLES = """MATCH (s:Article)
RETURN s.url AS url, s.content_hash AS content_hash"""

ARTICLE = """MATCH (s:Article {id: $id})
RETURN s.id AS id, s.url AS url, s.title AS title, s.outlet AS outlet, s.published AS published,
       s.content_hash AS content_hash, s.source AS source, s.via AS via, s.text AS text"""

ACTORS = """MATCH (n:Actor)
RETURN n.id AS id, n.name AS name, n.type AS type, n.country AS country, n.title AS title,
       n.aliases AS aliases, n.merged_into AS merged_into, n.series AS series,
       n.dropped AS dropped"""

ARTICLES = """MATCH (s:Article)
RETURN s.id AS id, s.url AS url, s.title AS title, s.outlet AS outlet,
       s.published AS published, s.content_hash AS content_hash"""

# ``$since``/``$until`` are '' for "no bound" (a null parameter has no type in Ladybug).
_EVENT_FILTER = """e.status IN $statuses
  AND ($since = '' OR e.date >= $since)
  AND ($until = '' OR e.date < $until)"""

EVENTS = f"""MATCH (e:Event)
WHERE {_EVENT_FILTER}
RETURN e.id AS id, e.type AS type, e.status AS status, e.date AS date, e.place AS place,
       e.date_basis AS date_basis"""

EVENT_PARTICIPANTS = f"""MATCH (a:Actor)-[p:PARTICIPANT]->(e:Event)
WHERE {_EVENT_FILTER}
RETURN e.id AS event, p.role AS role, a.id AS id, a.name AS name, a.type AS type,
       a.country AS country, a.title AS title, a.aliases AS aliases, a.series AS series"""

EVENT_SOURCES = f"""MATCH (e:Event)-[r:REPORTED_IN]->(s:Article)
WHERE {_EVENT_FILTER}
RETURN e.id AS event, s.url AS url, s.title AS title, s.outlet AS outlet,
       s.published AS published, r.sentence AS sentence, r.start AS start, r.`end` AS stop"""


# places (issue 13): the geocode of each event's place
EVENT_PLACES = f"""MATCH (e:Event)-[:HELD_IN]->(l:Place)
WHERE {_EVENT_FILTER}
RETURN e.id AS event, l.name AS name, l.geonameid AS geonameid, l.lat AS lat, l.lng AS lng,
       l.country AS country, l.admin1 AS admin1, l.precision AS precision"""


# web pages (``actorgraph serve``): events anchored on actors, an article or event ids --------
# Each anchor names the events ``e`` a page shows; the three reads below complete them (two MATCH
# clauses, no ``WITH DISTINCT e``: six times faster on Ladybug; repeated rows are merged in Python).
_WEB_ANCHORS: dict[str, str] = {
    "actors": "MATCH (x:Actor)-[:PARTICIPANT]->(e:Event)\nWHERE x.id IN $ids",
    "article": "MATCH (e:Event)-[:REPORTED_IN]->(x:Article)\nWHERE x.id IN $ids",
    "events": "MATCH (e:Event)\nWHERE e.id IN $ids",
}


def web_events(anchor: str) -> str:
    """The events of an anchor (a key of the fixed anchor list)."""
    return f"""{_WEB_ANCHORS[anchor]}
RETURN DISTINCT e.id AS id, e.type AS type, e.status AS status, e.date AS date, e.place AS place,
       e.date_basis AS date_basis"""


def web_participants(anchor: str) -> str:
    """Every participant of the anchor's events."""
    return f"""{_WEB_ANCHORS[anchor]}
MATCH (a:Actor)-[p:PARTICIPANT]->(e)
RETURN e.id AS event, p.role AS role, a.id AS id, a.name AS name, a.type AS type,
       a.country AS country, a.title AS title, a.aliases AS aliases, a.series AS series"""


def web_sources(anchor: str) -> str:
    """Every source of the anchor's events, with the article id."""
    return f"""{_WEB_ANCHORS[anchor]}
MATCH (e)-[r:REPORTED_IN]->(s:Article)
RETURN e.id AS event, s.id AS article, s.url AS url, s.title AS title, s.outlet AS outlet,
       s.published AS published, r.sentence AS sentence, r.start AS start, r.`end` AS stop"""


WEB_ARTICLE_IDS = """MATCH (s:Article)
WHERE s.url IN $urls
RETURN s.url AS url, s.id AS id"""

WEB_EVENT_COUNTS = """MATCH (a:Actor)-[:PARTICIPANT]->(e:Event)
WHERE a.id IN $ids
RETURN a.id AS id, count(DISTINCT e.id) AS n"""


def web_statements() -> list[tuple[str, str, dict[str, object]]]:
    """``(name, cypher, example params)`` of the web reads, for linting."""
    out: list[tuple[str, str, dict[str, object]]] = []
    for anchor in _WEB_ANCHORS:
        out += [
            (f"web_events_{anchor}", web_events(anchor), {"ids": []}),
            (f"web_participants_{anchor}", web_participants(anchor), {"ids": []}),
            (f"web_sources_{anchor}", web_sources(anchor), {"ids": []}),
        ]
    out += [
        ("web_article_ids", WEB_ARTICLE_IDS, {"urls": []}),
        ("web_event_counts", WEB_EVENT_COUNTS, {"ids": []}),
    ]
    return out


def count_nodes(label: str) -> str:
    """Count one label; the label comes from the fixed list only."""
    if label not in NODE_LABELS:
        raise ValueError(f"unknown label {label!r}")
    return f"MATCH (n:{label}) RETURN count(n) AS n"


def schema_statements(engine: str) -> list[str]:
    """The per-engine hook: DDL for Ladybug, constraints and indexes for Neo4j."""
    if engine == "ladybug":
        return ladybug_ddl()
    if engine == "neo4j":
        return neo4j_schema()
    raise ValueError(f"unknown engine {engine!r}")


EXAMPLE_EVENT_PARAMS: dict[str, object] = {"statuses": ["actual"], "since": "", "until": ""}


def all_statements(engine: str) -> list[tuple[str, str, dict[str, object]]]:
    """``(name, cypher, example params)`` for every statement a backend sends, for linting."""
    out: list[tuple[str, str, dict[str, object]]] = [
        (f"schema_{i}", text, {}) for i, text in enumerate(schema_statements(engine))
    ]
    out += [(f"write_{name}", text, {"rows": []}) for name, text in WRITES]
    out += [
        ("save_feed", SAVE_FEED, {"url": "", "etag": "", "modified": ""}),
        ("clear", CLEAR, {}),
        ("stored_aliases", STORED_ALIASES, {"ids": []}),
        ("feed_state", FEED_STATE, {"url": ""}),
        ("known_articles", KNOWN_ARTICLES, {}),
        ("actors", ACTORS, {}),
        ("article", ARTICLE, {"id": ""}),
        ("articles", ARTICLES, {}),
        ("events", EVENTS, EXAMPLE_EVENT_PARAMS),
        ("event_participants", EVENT_PARTICIPANTS, EXAMPLE_EVENT_PARAMS),
        ("event_sources", EVENT_SOURCES, EXAMPLE_EVENT_PARAMS),
        ("event_places", EVENT_PLACES, EXAMPLE_EVENT_PARAMS),
    ]
    out += [(f"count_{label}", count_nodes(label), {}) for label in NODE_LABELS]
    out += [(f"judgements_{name}", text, params) for name, text, params in judgement_statements()]
    out += web_statements()
    return out
