// name: interaction_sources
// description: The articles (and the sentence in each) behind the interactions of two actors, optionally of one event type.
// params: a (actor), b (actor), type (str, '')
// engines: ladybug, neo4j
MATCH (x:Actor)
WHERE x.id = $a OR x.name = $a OR $a IN x.aliases
MATCH (y:Actor)
WHERE y.id = $b OR y.name = $b OR $b IN y.aliases
MATCH (x)-[:PARTICIPANT]->(e:Event)
MATCH (y)-[:PARTICIPANT]->(e)
MATCH (e)-[r:REPORTED_IN]->(s:Article)
WHERE x.id <> y.id AND ($type = '' OR e.type = $type)
RETURN e.date AS date, e.type AS type, e.status AS status, s.url AS url, s.title AS title,
       s.outlet AS outlet, r.sentence AS sentence, r.start AS start, r.`end` AS `end`
ORDER BY date, url, type, status, start
