// name: new_interactions
// description: Interactions between actors of two countries in a period [since, until), flagging each pair's first contact (no earlier interaction before this event).
// params: a (country), b (country), since (date), until (date)
// engines: ladybug, neo4j
MATCH (x:Actor)-[:PARTICIPANT]->(e0:Event)
MATCH (y:Actor)-[:PARTICIPANT]->(e0)
WHERE x.country = $a AND y.country = $b AND x.id <> y.id
  AND e0.status = 'actual' AND e0.date IS NOT NULL
WITH x, y, min(e0.date) AS first_date
MATCH (x)-[:PARTICIPANT]->(e:Event)
MATCH (y)-[:PARTICIPANT]->(e)
WHERE e.status = 'actual' AND e.date >= $since AND e.date < $until
RETURN e.date AS date, e.type AS type, x.name AS actor, y.name AS counterpart,
       e.date = first_date AS first_contact, e.id AS event
ORDER BY date, actor, counterpart
