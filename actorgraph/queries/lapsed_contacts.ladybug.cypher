// name: lapsed_contacts
// description: Pairs (focus-country actor, foreign actor) active in the N weeks before `now` and silent since.
// params: focus (country), now (date), weeks (int, 4)
// engines: ladybug
// bounded: the window's Day keys, then each pair's Contact for its last date
MATCH (d:Day)
WHERE d.id >= CAST(date($now) - to_days(7 * $weeks) AS STRING) AND d.id < $now
MATCH (e:Event)-[:DATED]->(d)
WHERE e.status = 'actual'
MATCH (x:Actor)-[:PARTICIPANT]->(e)
MATCH (y:Actor)-[:PARTICIPANT]->(e)
WHERE x.country = $focus AND y.country <> $focus
WITH DISTINCT x, y, CASE WHEN x.id < y.id THEN x.id + '|' + y.id ELSE y.id + '|' + x.id END AS pair
MATCH (c:Contact {id: pair})
UNWIND c.entries AS entry
WITH x, y, max(split_part(entry, '|', 1)) AS last_date, count(*) AS events
WHERE last_date >= CAST(date($now) - to_days(7 * $weeks) AS STRING) AND last_date < $now
RETURN x.name AS actor, y.name AS counterpart, y.country AS country, last_date, events
ORDER BY last_date, actor, counterpart
