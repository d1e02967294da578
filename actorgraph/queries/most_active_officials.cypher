// name: most_active_officials
// description: People with the most events in [since, until), optionally of one country.
// params: limit (int, 10), country (str, ''), since (date, 0001-01-01), until (date, 9999-12-31)
// engines: ladybug, neo4j
// bounded: the window is a column filter in the Event scan (0.05 s at 1M events); anchored on Day keys
// it would be 0.005 s, but the default window (every day) 1.5x slower than one pass
MATCH (a:Actor)-[:PARTICIPANT]->(e:Event)
WHERE a.type = 'PERSON' AND e.status = 'actual' AND e.date >= $since AND e.date < $until
  AND ($country = '' OR a.country = $country)
WITH a, count(DISTINCT e.id) AS events
RETURN a.name AS official, a.title AS title, a.country AS country, events
ORDER BY events DESC, official
LIMIT $limit
