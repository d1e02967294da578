// name: ego_network
// description: Actors within `depth` co-participation steps of one actor (depth 1 = shared an event; at most 3).
// params: actor (actor), depth (int, 2, 1..3)
// engines: ladybug
MATCH (a:Actor)
WHERE a.id = $actor OR a.name = $actor OR $actor IN a.aliases
MATCH p = (a)-[:PARTICIPANT* SHORTEST 1..6]-(b:Actor)
WHERE b.id <> a.id AND length(p) <= 2 * $depth
RETURN b.name AS actor, b.type AS type, b.country AS country, min(length(p)) / 2 AS distance
ORDER BY distance, actor
