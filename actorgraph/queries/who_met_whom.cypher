// name: who_met_whom
// description: Meetings and visits between actors of country `a` and actors of country `b`, optionally within [since, until).
// params: a (country), b (country), since (date, 0001-01-01), until (date, 9999-12-31)
// engines: ladybug, neo4j
MATCH (x:Actor)-[:PARTICIPANT]->(e:Event)
MATCH (y:Actor)-[:PARTICIPANT]->(e)
WHERE x.country = $a AND y.country = $b AND x.id <> y.id
  AND e.type IN ['MEET', 'VISIT'] AND e.status = 'actual'
  AND e.date >= $since AND e.date < $until
RETURN e.date AS date, e.type AS type, x.name AS actor, y.name AS counterpart, e.place AS place
ORDER BY date, actor, counterpart
