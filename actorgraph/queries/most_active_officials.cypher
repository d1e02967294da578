// name: most_active_officials
// description: People with the most events in [since, until), optionally of one country.
// params: limit (int, 10), country (str, ''), since (date, 0001-01-01), until (date, 9999-12-31)
// engines: ladybug, neo4j
// bounded: the window's Day keys (the default window is every day: one pass over the events)
MATCH (d:Day)
WHERE d.id >= $since AND d.id < $until
MATCH (e:Event)-[:DATED]->(d)
WHERE e.status = 'actual'
MATCH (a:Actor)-[:PARTICIPANT]->(e)
WHERE a.type = 'PERSON' AND ($country = '' OR a.country = $country)
WITH a, count(DISTINCT e.id) AS events
RETURN a.name AS official, a.title AS title, a.country AS country, events
ORDER BY events DESC, official
LIMIT $limit
