// name: new_interactions
// description: Interactions between actors of two countries in a period [since, until), flagging each pair's first contact (no earlier interaction before this event).
// params: a (country), b (country), since (date), until (date)
// engines: ladybug
// bounded: the window's Day keys, then each pair's Contact for its first date
MATCH (d:Day)
WHERE d.id >= $since AND d.id < $until
MATCH (e:Event)-[:DATED]->(d)
WHERE e.status = 'actual'
MATCH (x:Actor)-[:PARTICIPANT]->(e)
MATCH (y:Actor)-[:PARTICIPANT]->(e)
WHERE x.country = $a AND y.country = $b AND x.id <> y.id
WITH x, y, e, CASE WHEN x.id < y.id THEN x.id + '|' + y.id ELSE y.id + '|' + x.id END AS pair
MATCH (c:Contact {id: pair})
UNWIND c.entries AS entry
WITH x, y, e, min(split_part(entry, '|', 1)) AS first_date
RETURN e.date AS date, e.type AS type, x.name AS actor, y.name AS counterpart,
       e.date = first_date AS first_contact, e.id AS event
ORDER BY date, actor, counterpart
