// name: exercise_participants
// description: Who took part in which exercise in a given year.
// params: year (year)
// engines: ladybug, neo4j
MATCH (ex:Actor)-[:PARTICIPANT]->(e:Event)
MATCH (p:Actor)-[:PARTICIPANT]->(e)
WHERE ex.type = 'EXERCISE' AND p.type <> 'EXERCISE'
  AND e.status = 'actual' AND e.date STARTS WITH $year
RETURN ex.name AS exercise, p.name AS participant, p.type AS type, p.country AS country,
       min(e.date) AS first_date
ORDER BY exercise, participant
