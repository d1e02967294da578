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

from actorgraph.graph import contacts
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

# the date index (scale): one Day per date string, linked from each event with that date
WRITE_DAYS = """UNWIND $rows AS r
MERGE (n:Day {id: r.id})"""

WRITE_ON = """UNWIND $rows AS r
MATCH (e:Event {id: r.event})
MATCH (d:Day {id: r.day})
CREATE (e)-[:DATED]->(d)"""

# an event stored with another date (or none) before: its old DATED edge goes first
UNLINK_DAYS = """UNWIND $rows AS r
MATCH (e:Event {id: r.event})-[o:DATED]->(d:Day)
DELETE o"""

# ``store migrate`` to version 2: the date index of the events already stored
DATED_EVENTS = """MATCH (e:Event)
WHERE e.date IS NOT NULL AND e.date <> ''
RETURN e.id AS event, e.date AS day"""

UNLINK_ALL_DAYS = """MATCH (e:Event)-[o:DATED]->(d:Day)
DELETE o"""

# In dependency order: nodes before the relationships that MATCH them.
WRITES: tuple[tuple[str, str], ...] = (
    ("articles", WRITE_ARTICLES),
    ("actors", WRITE_ACTORS),
    ("places", WRITE_PLACES),
    ("place_geo", WRITE_PLACE_GEO),
    ("events", WRITE_EVENTS),
    ("days", WRITE_DAYS),
    ("participants", WRITE_PARTICIPANTS),
    ("reported_in", WRITE_REPORTED_IN),
    ("held_in", WRITE_HELD_IN),
    ("mentioned_in", WRITE_MENTIONED_IN),
    ("on", WRITE_ON),
)

# Edges of events or articles the batch creates cannot exist yet: CREATE them instead of MERGE,
# which on Ladybug scans the actor's edges (a busy actor has one per event it took part in).
# Same properties as the MERGE form leaves on a new edge.
CREATE_PARTICIPANTS = """UNWIND $rows AS r
MATCH (a:Actor {id: r.actor})
MATCH (e:Event {id: r.event})
CREATE (a)-[:PARTICIPANT {role: r.role, mention: r.mention, orig: r.orig}]->(e)"""

CREATE_REPORTED_IN = """UNWIND $rows AS r
MATCH (e:Event {id: r.event})
MATCH (s:Article {id: r.article})
CREATE (e)-[:REPORTED_IN {sentence: r.sentence, start: r.start, `end`: r.`end`}]->(s)"""

CREATE_HELD_IN = """UNWIND $rows AS r
MATCH (e:Event {id: r.event})
MATCH (l:Place {name: r.place})
CREATE (e)-[:HELD_IN]->(l)"""

CREATE_MENTIONED_IN = """UNWIND $rows AS r
MATCH (a:Actor {id: r.actor})
MATCH (s:Article {id: r.article})
CREATE (a)-[:MENTIONED_IN {name: r.name, start: r.start, `end`: r.`end`, orig: r.orig}]->(s)"""

# new mentions with a merge explanation (only rows that have one: see EXPLAIN)
CREATE_MENTIONED_IN_EXPLAINED = """UNWIND $rows AS r
MATCH (a:Actor {id: r.actor})
MATCH (s:Article {id: r.article})
CREATE (a)-[:MENTIONED_IN {name: r.name, start: r.start, `end`: r.`end`, orig: r.orig,
                           method: r.method, score: r.score, features: r.features}]->(s)"""

# Nodes the batch creates (their keys were looked up first): CREATE; stored ones: MATCH and SET.
# On Ladybug ``UNWIND ... MERGE (n:Event {id: r.id})`` joins against a scan of the whole table
# (measured: 7.6 s for 3,800 events into a 100k-event store), a lookup by key does not.
CREATE_EVENTS = """UNWIND $rows AS r
CREATE (n:Event {id: r.id, type: r.type, status: r.status, date: r.date,
                 date_basis: r.date_basis, place: r.place})"""

UPDATE_EVENTS = """UNWIND $rows AS r
MATCH (n:Event {id: r.id})
SET n.type = r.type, n.status = r.status, n.date = r.date, n.date_basis = r.date_basis,
    n.place = r.place"""

CREATE_ARTICLES = """UNWIND $rows AS r
CREATE (n:Article {id: r.id, url: r.url, title: r.title, outlet: r.outlet,
                   published: r.published, content_hash: r.content_hash, source: r.source,
                   via: r.via, text: r.text})"""

UPDATE_ARTICLES = """UNWIND $rows AS r
MATCH (n:Article {id: r.id})
SET n.url = r.url, n.title = r.title, n.outlet = r.outlet, n.published = r.published,
    n.content_hash = r.content_hash, n.source = r.source, n.via = r.via, n.text = r.text"""

UPDATES: dict[str, str] = {"events": UPDATE_EVENTS, "articles": UPDATE_ARTICLES}

CREATES: dict[str, str] = {
    "events": CREATE_EVENTS,
    "articles": CREATE_ARTICLES,
    "participants": CREATE_PARTICIPANTS,
    "reported_in": CREATE_REPORTED_IN,
    "held_in": CREATE_HELD_IN,
    "mentioned_in": CREATE_MENTIONED_IN,
    "mentioned_in_explained": CREATE_MENTIONED_IN_EXPLAINED,
}

# Which of these events are stored, with their stored date (a primary-key lookup).
KNOWN_EVENTS = """UNWIND $ids AS id
MATCH (e:Event {id: id})
RETURN e.id AS id, e.date AS date"""

SAVE_FEED = """MERGE (f:Feed {url: $url})
SET f.etag = $etag, f.modified = $modified"""

CLEAR = "MATCH (n) DETACH DELETE n"

# reads ------------------------------------------------------------------------------------------
STORED_ALIASES = """UNWIND $ids AS id
MATCH (n:Actor {id: id})
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
RETURN e.id AS event, s.id AS article, s.url AS url, s.title AS title, s.outlet AS outlet,
       s.published AS published, r.sentence AS sentence, r.start AS start, r.`end` AS stop"""


# the same reads anchored on the Day keys of a window (the date index): primary-key lookups, then
# each day's DATED edges, so the cost follows the window's events, not the store. Lookups by key
# are ``UNWIND $keys AS k MATCH (n {id: k})``: on Ladybug (0.x) ``WHERE n.id IN $list`` scans the
# table and tests each row against the list (3,000 ids among 26,000 articles: 1.3 s vs 0.1 s).
# The Day table is small (one row per date of the history): there ``IN`` is faster than UNWIND.
DAYS = """MATCH (d:Day)
RETURN d.id AS id"""

# The Day keys of a window ('' is no bound): the small Day table filtered in the engine, so a
# window's read does not fetch every day of the history first.
DAYS_BETWEEN = """MATCH (d:Day)
WHERE ($since = '' OR d.id >= $since) AND ($until = '' OR d.id < $until)
RETURN d.id AS id"""

# The events of some days on their own: with the status test after ``WITH e``, Ladybug follows
# the days' DATED edges; tested in the MATCH it scans every event for its status (0.04 s at 100k
# events, 0.09 s at 300k). The reads that go on to participants, sources or places are faster
# with the test in the MATCH (measured), so only this one is written so.
_DAY_EVENTS = """MATCH (d:Day)
WHERE d.id IN $days
MATCH (e:Event)-[:DATED]->(d)
WITH e
WHERE e.status IN $statuses"""

_ANCHORS = {
    "days": """MATCH (d:Day)
WHERE d.id IN $days
MATCH (e:Event)-[:DATED]->(d)
WHERE e.status IN $statuses""",
    "ids": """UNWIND $ids AS id
MATCH (e:Event {id: id})
WHERE e.status IN $statuses""",
}
_VIEW_PARTS = {
    "events": """RETURN e.id AS id, e.type AS type, e.status AS status, e.date AS date,
       e.place AS place, e.date_basis AS date_basis""",
    "participants": """MATCH (a:Actor)-[p:PARTICIPANT]->(e)
RETURN e.id AS event, p.role AS role, a.id AS id, a.name AS name, a.type AS type,
       a.country AS country, a.title AS title, a.aliases AS aliases, a.series AS series""",
    "sources": """MATCH (e)-[r:REPORTED_IN]->(s:Article)
RETURN e.id AS event, s.id AS article, s.url AS url, s.title AS title, s.outlet AS outlet,
       s.published AS published, r.sentence AS sentence, r.start AS start, r.`end` AS stop""",
    "places": """MATCH (e)-[:HELD_IN]->(l:Place)
RETURN e.id AS event, l.name AS name, l.geonameid AS geonameid, l.lat AS lat, l.lng AS lng,
       l.country AS country, l.admin1 AS admin1, l.precision AS precision""",
}


def view_reads(anchor: str) -> tuple[str, str, str, str]:
    """The four reads of :meth:`CypherStore.events` (events, participants, sources, places)
    anchored on Day keys (``days``) or event keys (``ids``); anchors from the fixed list."""
    head = _ANCHORS[anchor]
    events, participants, sources, places = (f"{head}\n{_VIEW_PARTS[k]}" for k in _VIEW_PARTS)
    if anchor == "days":
        events = f"{_DAY_EVENTS}\n{_VIEW_PARTS['events']}"
    return events, participants, sources, places


# The same events, summarised for counting (the report's baseline weeks): one row per
# participant with its event's type and date (no aliases or titles), and per event only the
# latest publication date of its articles (all report/diff.reported_after needs); no sentences,
# URLs or places. Events without participants link no one and are left out.
_SUMMARY_PARTS = {
    "participants": """MATCH (a:Actor)-[p:PARTICIPANT]->(e)
RETURN e.id AS event, e.type AS type, e.status AS status, e.date AS date, p.role AS role,
       a.id AS id, a.name AS name, a.type AS actor_type, a.country AS country""",
    "published": """MATCH (e)-[:REPORTED_IN]->(s:Article)
RETURN e.id AS event, max(s.published) AS published""",
}


def summary_reads() -> tuple[str, str]:
    """The two reads of :meth:`CypherStore.event_summaries` (participants with their event,
    latest publication date per event), anchored on Day keys."""
    head = _ANCHORS["days"]
    return (
        f"{head}\n{_SUMMARY_PARTS['participants']}",
        f"{head}\n{_SUMMARY_PARTS['published']}",
    )


# Actual events dated in a window that an article published in another window reports (the
# announcements among "actual" events dated after the week: see report/diff.is_announced).
REPORTED_BETWEEN = """MATCH (d:Day)
WHERE d.id IN $days
MATCH (e:Event)-[:DATED]->(d)
WHERE e.status = 'actual'
MATCH (e)-[:REPORTED_IN]->(s:Article)
WHERE s.published >= $since AND s.published < $until
RETURN DISTINCT e.id AS id"""

EXAMPLE_DAY_PARAMS: dict[str, object] = {"statuses": ["actual"], "days": ["2026-05-18"]}


# bounded reads for ingest start-up (scale, issue 12) -------------------------------------------
# The event-identity keys of the events on some days, from the Day keys (the date index) and
# their DATED edges: ``e.date IN $days`` would scan every Event on Ladybug.
EVENT_KEYS = """MATCH (d:Day)
WHERE d.id IN $days
MATCH (e:Event)-[:DATED]->(d)
WHERE e.status IN $statuses
MATCH (a:Actor)-[:PARTICIPANT]->(e)
RETURN e.id AS id, e.type AS type, e.status AS status, e.date AS date,
       e.date_basis AS date_basis, a.id AS actor"""

# Which of these article ids (stable ids of canonical URLs) are stored: a primary-key lookup.
KNOWN_IDS = """UNWIND $ids AS id
MATCH (s:Article {id: id})
RETURN s.id AS id"""

# Which of these content hashes are stored: the content-hash index (``Hash`` keys: Ladybug
# indexes only primary keys, so an ask by Article.content_hash read every Article), each key
# naming the article that last had it; the caller checks that article still has the hash.
HASH_ARTICLES = """UNWIND $hashes AS h
MATCH (x:Hash {id: h})
RETURN x.id AS content_hash, x.article AS article"""

ARTICLE_HASHES = """UNWIND $ids AS id
MATCH (s:Article {id: id})
RETURN s.id AS id, s.content_hash AS content_hash"""

# The write path: new keys are created, known ones point at the article now written (an
# UNWIND ... MERGE on Ladybug scans the table for each row).
CREATE_HASHES = """UNWIND $rows AS r
CREATE (:Hash {id: r.id, article: r.article})"""

SET_HASHES = """UNWIND $rows AS r
MATCH (x:Hash {id: r.id})
SET x.article = r.article"""

# ``store migrate`` (schema 3): the keys of every stored article, and the articles to sign
ALL_HASHES = """MATCH (s:Article)
WHERE s.content_hash IS NOT NULL AND s.content_hash <> ''
RETURN s.content_hash AS content_hash, s.id AS id"""

UNSIGNED_ARTICLES = """MATCH (s:Article)
WHERE s.bands IS NULL AND s.id > $after
RETURN s.id AS id, s.text AS text
ORDER BY id
LIMIT $limit"""


# bounded reads for the views (scale, issue 12) -------------------------------------------------
# Per actor: how many actual events it took part in (the whole-graph view ranks by it). Counted
# in the engine, keys only (names are joined from ACTORS in Python: grouping by five columns over
# every participant edge costs a third more on Ladybug).
ACTOR_ACTIVITY = """MATCH (a:Actor)-[:PARTICIPANT]->(e:Event)
WHERE e.status = 'actual'
RETURN a.id AS id, count(DISTINCT e.id) AS events"""

# The heaviest pairs of actors that took part in the same actual event. Dated events: the pair
# contacts (one row per pair, ``size(entries)`` = its events; no join over every participant
# edge), top-k in the engine. Undated actual events are not in the contacts: counted here (an
# Event scan finds them; usually none).
PAIR_TOTALS_LIMIT = 20000
PAIR_TOTALS = f"""MATCH (c:Contact)
RETURN c.a AS a, c.b AS b, size(c.entries) AS weight
ORDER BY weight DESC, a, b
LIMIT {PAIR_TOTALS_LIMIT}"""

UNDATED_PAIR_TOTALS = """MATCH (e:Event)
WHERE e.status = 'actual' AND coalesce(e.date, '') = ''
MATCH (a:Actor)-[:PARTICIPANT]->(e)
MATCH (b:Actor)-[:PARTICIPANT]->(e)
WHERE a.id < b.id
RETURN a.id AS a, b.id AS b, count(DISTINCT e.id) AS weight"""

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
    # one event or one article: a primary-key lookup (``IN $ids`` scans the label on Ladybug)
    "event": "MATCH (e:Event {id: $id})",
    "article_one": "MATCH (e:Event)-[:REPORTED_IN]->(x:Article {id: $id})",
    # an actor's events on the days of one timeline page (a range: far cheaper than ``IN``)
    "actor_days": "MATCH (x:Actor)-[:PARTICIPANT]->(e:Event)\n"
    "WHERE x.id IN $ids AND coalesce(e.date, '') >= $lo AND coalesce(e.date, '') <= $hi",
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

# Articles by id, one primary-key lookup each (an article's id is the stable id of its URL, so
# the URLs of a week's sources are looked up by key first; ``s.url IN`` scans every article).
WEB_ARTICLES_BY_ID = """UNWIND $ids AS i
MATCH (s:Article {id: i})
RETURN s.url AS url, s.id AS id"""

WEB_EVENT_COUNTS = """MATCH (a:Actor)-[:PARTICIPANT]->(e:Event)
WHERE a.id IN $ids
RETURN a.id AS id, count(DISTINCT e.id) AS n"""


# bounded reads of the actor page and the ego network (issue 14): a page of the timeline (newest
# first, keyset on (date, id) after the first page), totals and counterparts counted in the
# engine, the names an actor was mentioned under, and a page of its mentions. Optional filters
# are separate statements, not ``($flag OR ...)``: such a flag costs Ladybug 5x.
def web_timeline(paged: bool) -> str:
    """An actor's newest events, after the ``($date, $id)`` cursor when ``paged``."""
    cursor = (
        "\n  AND (coalesce(e.date, '') < $date OR (coalesce(e.date, '') = $date AND e.id < $id))"
        if paged
        else ""
    )
    return f"""MATCH (x:Actor)-[:PARTICIPANT]->(e:Event)
WHERE x.id IN $ids{cursor}
RETURN DISTINCT e.id AS id, e.type AS type, e.status AS status, e.date AS date, e.place AS place,
       e.date_basis AS date_basis, coalesce(e.date, '') AS day
ORDER BY day DESC, id DESC
LIMIT $limit"""


WEB_EVENT_TOTAL = """MATCH (x:Actor)-[:PARTICIPANT]->(e:Event)
WHERE x.id IN $ids
RETURN count(DISTINCT e.id) AS n"""


def web_counterparts(statuses: bool, event_types: bool) -> str:
    """Per counterpart: events in common (of ``$statuses`` / ``$event_types`` when filtered),
    most first."""
    where = "".join(
        (
            " AND e.status IN $statuses" if statuses else "",
            " AND e.type IN $event_types" if event_types else "",
        )
    )
    return f"""MATCH (x:Actor)-[:PARTICIPANT]->(e:Event)
WHERE x.id IN $ids{where}
MATCH (o:Actor)-[:PARTICIPANT]->(e)
WHERE NOT o.id IN $ids
RETURN o.id AS id, o.name AS name, o.type AS type, o.country AS country, o.title AS title,
       o.series AS series, count(DISTINCT e.id) AS n
ORDER BY n DESC, id
LIMIT $limit"""


# The events some of the actor's counterparts share with it, with both roles and the sources.
WEB_SHARED = """MATCH (x:Actor)-[p:PARTICIPANT]->(e:Event)
WHERE x.id IN $ids AND e.status IN $statuses
MATCH (o:Actor)-[q:PARTICIPANT]->(e)
WHERE o.id IN $others
MATCH (e)-[r:REPORTED_IN]->(s:Article)
RETURN o.id AS other, q.role AS other_role, p.role AS role, e.id AS id, e.type AS type,
       e.status AS status, e.date AS date, e.place AS place, e.date_basis AS date_basis,
       s.id AS article, s.url AS url, s.title AS title, s.outlet AS outlet,
       s.published AS published, r.sentence AS sentence, r.start AS start, r.`end` AS stop"""

WEB_MENTION_NAMES = """MATCH (a:Actor {id: $id})-[m:MENTIONED_IN]->(s:Article)
RETURN m.name AS name, min(s.published) AS first, max(s.published) AS last, count(*) AS n"""

WEB_MENTIONS = """MATCH (a:Actor {id: $id})-[m:MENTIONED_IN]->(s:Article)
RETURN a.id AS actor, coalesce(m.orig, a.id) AS orig, m.name AS name, m.start AS start,
       m.`end` AS stop, m.method AS method, m.score AS score, m.features AS features,
       s.id AS article, s.url AS url, s.title AS title, s.published AS published,
       coalesce(m.method, '') = '' AS exact, coalesce(s.published, '') AS day
ORDER BY exact, day DESC, article, start
LIMIT $limit"""

WEB_MENTION_TOTAL = """MATCH (a:Actor {id: $id})-[m:MENTIONED_IN]->(s:Article)
RETURN count(*) AS n"""

WEB_MEMBERS = """MATCH (n:Actor)
WHERE n.merged_into = $id
RETURN n.id AS id, n.name AS name, n.aliases AS aliases"""


# The span of the actual events' dates (the web's latest week reads back from the last one).
def web_statements() -> list[tuple[str, str, dict[str, object]]]:
    """``(name, cypher, example params)`` of the web reads, for linting."""
    out: list[tuple[str, str, dict[str, object]]] = []
    for anchor in _WEB_ANCHORS:
        params: dict[str, object] = {"ids": []}
        if anchor == "actor_days":
            params.update(lo="2026-01-01", hi="2026-01-31")
        if anchor in ("event", "article_one"):
            params = {"id": ""}
        out += [
            (f"web_events_{anchor}", web_events(anchor), params),
            (f"web_participants_{anchor}", web_participants(anchor), params),
            (f"web_sources_{anchor}", web_sources(anchor), params),
        ]
    out += [
        ("web_article_ids", WEB_ARTICLE_IDS, {"urls": []}),
        ("web_articles_by_id", WEB_ARTICLES_BY_ID, {"ids": []}),
        ("web_event_counts", WEB_EVENT_COUNTS, {"ids": []}),
        *[
            (
                f"web_timeline_{paged}",
                web_timeline(paged),
                {"ids": [], "date": "", "id": "", "limit": 10},
            )
            for paged in (False, True)
        ],
        ("web_event_total", WEB_EVENT_TOTAL, {"ids": []}),
        *[
            (
                f"web_counterparts_{statuses}_{types}",
                web_counterparts(statuses, types),
                {"ids": [], "statuses": ["actual"], "event_types": ["MEET"], "limit": 9},
            )
            for statuses in (False, True)
            for types in (False, True)
        ],
        ("web_shared", WEB_SHARED, {"ids": [], "others": [], "statuses": ["actual"]}),
        ("web_mention_names", WEB_MENTION_NAMES, {"id": ""}),
        ("web_mentions", WEB_MENTIONS, {"id": "", "limit": 10}),
        ("web_mention_total", WEB_MENTION_TOTAL, {"id": ""}),
        ("web_members", WEB_MEMBERS, {"id": ""}),
    ]
    return out


# report reads and the article origin (report helper) --------------------------------------------
# Bounded by their parameters: lists of ids, URLs or pairs from one week, never the whole store.
SET_ORIGINS = """UNWIND $rows AS r
MATCH (s:Article {id: r.id})
SET s.origin = r.origin"""

# Near-duplicate candidates of new articles (ingest/neardup.py): the articles reporting events
# dated on some days (Day keys, then their DATED edges), then the texts of those not yet held by
# article key. Neither reads every Article.
DAY_ARTICLES = """MATCH (d:Day)
WHERE d.id IN $days
MATCH (e:Event)-[:DATED]->(d)
MATCH (e)-[:REPORTED_IN]->(s:Article)
RETURN DISTINCT d.id AS day, s.id AS id"""

ARTICLE_TEXTS = """UNWIND $ids AS id
MATCH (s:Article {id: id})
RETURN s.id AS id, s.text AS text, s.origin AS origin"""

# ... and before the texts, their LSH band keys (only those sharing a band are read as text)
ARTICLE_BANDS = """UNWIND $ids AS id
MATCH (s:Article {id: id})
RETURN s.id AS id, s.bands AS bands"""

SET_BANDS = """UNWIND $rows AS r
MATCH (s:Article {id: r.id})
SET s.bands = r.bands"""

REPORT_ARTICLES = """MATCH (s:Article)
WHERE s.url IN $urls
RETURN s.url AS url, s.id AS id, s.origin AS origin, s.text AS text"""

# the same by primary key (Ladybug has no index on url)
REPORT_ARTICLES_BY_ID = """UNWIND $ids AS id
MATCH (s:Article {id: id})
RETURN s.url AS url, s.id AS id, s.origin AS origin, s.text AS text"""

# The last actual event before $before linking an actor of the focus country to an actor of each
# counterpart (a STATE without a country is matched by its name, see report/diff.actor_country).
_COUNTRY_LINK = """MATCH (y:Actor)-[:PARTICIPANT]->(e)
WHERE (x.country = $focus OR (x.country IS NULL AND x.type = 'STATE' AND x.name IN $focus_names))
  AND (y.country IN $codes OR (y.country IS NULL AND y.type = 'STATE' AND y.name IN $names))
  AND e.status = 'actual' AND e.date IS NOT NULL AND e.date < $before
  AND coalesce(x.dropped, '') = '' AND coalesce(y.dropped, '') = ''
RETURN y.country AS country, y.name AS name, max(e.date) AS last"""

# ... among the events of some days: the store walks the date index back from $before a window
# at a time, so the cost follows the distance to the last contact (measured at 1M events, focus
# MNG, one or two counterparts: 0.04-0.13 s against 0.3-0.5 s for the whole history below).
COUNTRY_HISTORY = f"""MATCH (d:Day)
WHERE d.id IN $days
MATCH (e:Event)-[:DATED]->(d)
MATCH (x:Actor)-[:PARTICIPANT]->(e)
{_COUNTRY_LINK}"""

# ... over the focus country's whole history, for many counterparts at once (20 counterparts at
# 1M events: 1.2 s, the walk 1.9 s).
COUNTRY_HISTORY_ALL = f"""MATCH (x:Actor)-[:PARTICIPANT]->(e:Event)
{_COUNTRY_LINK}"""

# The sources of some events (the first events of pairs, from their contacts), through the Day
# keys of their dates: anchored on event keys, Ladybug plans the source read as a scan of every
# article (0.15 s at 100k events, growing with the store), through the days it follows the
# DATED edges of those days only.
FIRST_SOURCES = """MATCH (d:Day)
WHERE d.id IN $days
MATCH (e:Event)-[:DATED]->(d)
WHERE e.status = 'actual' AND e.id IN $ids
MATCH (e)-[r:REPORTED_IN]->(s:Article)
RETURN e.id AS event, e.type AS type, e.date AS date, s.url AS url, s.title AS title,
       s.outlet AS outlet, s.published AS published, r.sentence AS sentence"""

REPORT_STATEMENTS: tuple[tuple[str, str, dict[str, object]], ...] = (
    ("set_origins", SET_ORIGINS, {"rows": []}),
    ("day_articles", DAY_ARTICLES, {"days": ["2026-05-18"]}),
    ("article_texts", ARTICLE_TEXTS, {"ids": []}),
    ("article_bands", ARTICLE_BANDS, {"ids": []}),
    ("set_bands", SET_BANDS, {"rows": []}),
    ("report_articles", REPORT_ARTICLES, {"urls": []}),
    ("report_articles_by_id", REPORT_ARTICLES_BY_ID, {"ids": []}),
    ("first_sources", FIRST_SOURCES, {"days": ["2026-05-18"], "ids": []}),
    (
        "country_history_all",
        COUNTRY_HISTORY_ALL,
        {"focus": "MNG", "focus_names": [], "codes": [], "names": [], "before": "2026-05-25"},
    ),
    (
        "country_history",
        COUNTRY_HISTORY,
        {
            "days": ["2026-05-18"],
            "focus": "MNG",
            "focus_names": [],
            "codes": [],
            "names": [],
            "before": "2026-05-25",
        },
    ),
)


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
    out += [(f"create_{name}", text, {"rows": []}) for name, text in CREATES.items()]
    out += [(f"update_{name}", text, {"rows": []}) for name, text in UPDATES.items()]
    out += [
        ("unlink_days", UNLINK_DAYS, {"rows": []}),
        ("known_events", KNOWN_EVENTS, {"ids": []}),
        ("dated_events", DATED_EVENTS, {}),
        ("unlink_all_days", UNLINK_ALL_DAYS, {}),
    ]
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
        # scale (issue 12)
        ("event_keys", EVENT_KEYS, {"days": ["2026-01-01"], "statuses": ["actual"]}),
        ("known_ids", KNOWN_IDS, {"ids": []}),
        ("hash_articles", HASH_ARTICLES, {"hashes": []}),
        ("article_hashes", ARTICLE_HASHES, {"ids": []}),
        ("create_hashes", CREATE_HASHES, {"rows": []}),
        ("set_hashes", SET_HASHES, {"rows": []}),
        ("all_hashes", ALL_HASHES, {}),
        ("unsigned_articles", UNSIGNED_ARTICLES, {"after": "", "limit": 1000}),
        ("actor_activity", ACTOR_ACTIVITY, {}),
        ("pair_totals", PAIR_TOTALS, {}),
        ("undated_pair_totals", UNDATED_PAIR_TOTALS, {}),
        ("event_places", EVENT_PLACES, EXAMPLE_EVENT_PARAMS),
        # the date index (issues 12 and 13)
        ("days", DAYS, {}),
        ("days_between", DAYS_BETWEEN, {"since": "2026-05-18", "until": ""}),
        (
            "reported_between",
            REPORTED_BETWEEN,
            {"days": ["2026-05-18"], "since": "2026-05-11", "until": "2026-05-18"},
        ),
    ]
    by_ids: dict[str, object] = {"statuses": ["actual"], "ids": []}
    for anchor, params in (("days", EXAMPLE_DAY_PARAMS), ("ids", by_ids)):
        for part, text in zip(_VIEW_PARTS, view_reads(anchor), strict=True):
            out.append((f"view_{part}_{anchor}", text, params))
    for part, text in zip(_SUMMARY_PARTS, summary_reads(), strict=True):
        out.append((f"summary_{part}_days", text, EXAMPLE_DAY_PARAMS))
    out += [(f"count_{label}", count_nodes(label), {}) for label in NODE_LABELS]
    out += [(f"report_{name}", text, params) for name, text, params in REPORT_STATEMENTS]
    out += [(f"judgements_{name}", text, params) for name, text, params in judgement_statements()]
    out += [(f"contacts_{name}", text, params) for name, text, params in contacts.statements()]
    out += web_statements()
    return out
