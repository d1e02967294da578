// name: actor_timeline
// description: Every event of one actor (id, name or alias), oldest first, with the other participants and the number of sources.
// params: actor (actor), status (str, actual)
// engines: ladybug, neo4j
MATCH (a:Actor)
WHERE a.id = $actor OR a.name = $actor OR $actor IN a.aliases
MATCH (a)-[p:PARTICIPANT]->(e:Event)
WHERE e.status = $status
OPTIONAL MATCH (o:Actor)-[:PARTICIPANT]->(e)
WHERE o.id <> a.id
OPTIONAL MATCH (e)-[:REPORTED_IN]->(s:Article)
RETURN e.date AS date, e.type AS type, p.role AS role, collect(DISTINCT o.name) AS others,
       count(DISTINCT s.id) AS sources, e.id AS event
ORDER BY date, event
