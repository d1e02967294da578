// name: events_per_week
// description: Number of events per type per ISO week (weeks start on Monday) in [since, until).
// params: since (date, 0001-01-01), until (date, 9999-12-31)
// engines: ladybug
// bounded: the window's Day keys
MATCH (d:Day)
WHERE size(d.id) = 10 AND d.id >= $since AND d.id < $until
MATCH (e:Event)-[:DATED]->(d)
WHERE e.status = 'actual'
RETURN CAST(date_trunc('week', date(e.date)) AS STRING) AS week, e.type AS type,
       count(*) AS events
ORDER BY week, type
