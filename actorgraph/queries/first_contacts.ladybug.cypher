// name: first_contacts
// description: Pairs (an actor of the focus country, an actor of another country) whose first interaction ever falls in [since, until).
// params: focus (country), since (date), until (date)
// engines: ladybug
// bounded: the window's Day keys, then each pair's Contact (its sorted "date|event|r" entries)
MATCH (d:Day)
WHERE d.id >= $since AND d.id < $until
MATCH (e:Event)-[:DATED]->(d)
WHERE e.status = 'actual'
MATCH (x:Actor)-[:PARTICIPANT]->(e)
MATCH (y:Actor)-[:PARTICIPANT]->(e)
WHERE x.country = $focus AND y.country <> $focus
WITH DISTINCT x, y, CASE WHEN x.id < y.id THEN x.id + '|' + y.id ELSE y.id + '|' + x.id END AS pair
MATCH (c:Contact {id: pair})
UNWIND c.entries AS entry
WITH x, y, min(split_part(entry, '|', 1)) AS first_date, count(*) AS events
WHERE first_date >= $since AND first_date < $until
RETURN x.name AS actor, y.name AS counterpart, y.country AS country, first_date, events
ORDER BY first_date, actor, counterpart
