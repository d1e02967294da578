// name: exercise_coparticipation
// description: Pairs of actors that took part in the same exercises, most shared exercises first.
// params: since (date, 0001-01-01), until (date, 9999-12-31)
// engines: ladybug, neo4j
// bounded: the window's Day keys
MATCH (d:Day)
WHERE d.id >= $since AND d.id < $until
MATCH (e:Event)-[:DATED]->(d)
WHERE e.status = 'actual'
MATCH (ex:Actor)-[:PARTICIPANT]->(e)
MATCH (p:Actor)-[:PARTICIPANT]->(e)
MATCH (q:Actor)-[:PARTICIPANT]->(e)
WHERE ex.type = 'EXERCISE' AND p.type <> 'EXERCISE' AND q.type <> 'EXERCISE' AND p.id < q.id
RETURN p.name AS actor, q.name AS partner, count(DISTINCT ex.id) AS exercises,
       collect(DISTINCT ex.name) AS names
ORDER BY exercises DESC, actor, partner
