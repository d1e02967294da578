// name: exercise_participants
// description: Who took part in which exercise in a given year.
// params: year (year)
// engines: ladybug, neo4j
// bounded: the Day keys of the year
MATCH (d:Day)
WHERE d.id STARTS WITH $year
MATCH (e:Event)-[:DATED]->(d)
WHERE e.status = 'actual'
MATCH (ex:Actor)-[:PARTICIPANT]->(e)
MATCH (p:Actor)-[:PARTICIPANT]->(e)
WHERE ex.type = 'EXERCISE' AND p.type <> 'EXERCISE'
RETURN ex.name AS exercise, p.name AS participant, p.type AS type, p.country AS country,
       min(e.date) AS first_date
ORDER BY exercise, participant
