// name: first_contacts
// description: Pairs (an actor of the focus country, an actor of another country) whose first interaction ever falls in [since, until).
// params: focus (country), since (date), until (date)
// engines: ladybug, neo4j
MATCH (x:Actor)-[:PARTICIPANT]->(e:Event)
MATCH (y:Actor)-[:PARTICIPANT]->(e)
WHERE x.country = $focus AND y.country <> $focus
  AND e.status = 'actual' AND e.date IS NOT NULL
WITH x, y, min(e.date) AS first_date, count(DISTINCT e.id) AS events
WHERE first_date >= $since AND first_date < $until
RETURN x.name AS actor, y.name AS counterpart, y.country AS country, first_date, events
ORDER BY first_date, actor, counterpart
