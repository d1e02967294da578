// name: exercise_series
// description: Editions of each exercise series (e.g. Steppe Partner-2024, Steppe Partner 2026) with the actors that took part in each, oldest edition first.
// params: series (str, '')
// engines: ladybug, neo4j
MATCH (x:Actor)
WHERE x.type = 'EXERCISE' AND x.series IS NOT NULL
  AND ($series = '' OR toLower(x.series) = toLower($series))
OPTIONAL MATCH (x)-[:PARTICIPANT]->(e:Event)
OPTIONAL MATCH (a:Actor)-[:PARTICIPANT]->(e)
WHERE a.id <> x.id AND e.type = 'PARTICIPATE' AND e.status = 'actual'
RETURN x.series AS series, x.name AS edition, min(e.date) AS first_date,
       collect(DISTINCT a.name) AS participants
ORDER BY series, first_date, edition
