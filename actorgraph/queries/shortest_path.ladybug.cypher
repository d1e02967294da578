// name: shortest_path
// description: The shortest chain of co-participations linking two actors (at most 6 steps), as the actors along it.
// params: a (actor), b (actor)
// engines: ladybug
MATCH (x:Actor)
WHERE x.id = $a OR x.name = $a OR $a IN x.aliases
MATCH (y:Actor)
WHERE (y.id = $b OR y.name = $b OR $b IN y.aliases) AND y.id <> x.id
MATCH p = (x)-[:PARTICIPANT* SHORTEST 1..12]-(y)
RETURN length(p) / 2 AS steps,
       list_filter(properties(nodes(p), 'name'), n -> n IS NOT NULL) AS actors
