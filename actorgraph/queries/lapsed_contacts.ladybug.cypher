// name: lapsed_contacts
// description: Pairs (focus-country actor, foreign actor) active in the N weeks before `now` and silent since.
// params: focus (country), now (date), weeks (int, 4)
// engines: ladybug
WITH CAST(date($now) - to_days(7 * $weeks) AS STRING) AS window_start
MATCH (x:Actor)-[:PARTICIPANT]->(e:Event)
MATCH (y:Actor)-[:PARTICIPANT]->(e)
WHERE x.country = $focus AND y.country <> $focus
  AND e.status = 'actual' AND e.date IS NOT NULL
WITH x, y, window_start, max(e.date) AS last_date, count(DISTINCT e.id) AS events
WHERE last_date >= window_start AND last_date < $now
RETURN x.name AS actor, y.name AS counterpart, y.country AS country, last_date, events
ORDER BY last_date, actor, counterpart
