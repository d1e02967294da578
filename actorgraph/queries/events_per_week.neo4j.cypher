// name: events_per_week
// description: Number of events per type per ISO week (weeks start on Monday) in [since, until).
// params: since (date, 0001-01-01), until (date, 9999-12-31)
// engines: neo4j
MATCH (e:Event)
WHERE e.status = 'actual' AND size(e.date) = 10 AND e.date >= $since AND e.date < $until
RETURN toString(date.truncate('week', date(e.date))) AS week, e.type AS type,
       count(*) AS events
ORDER BY week, type
