// name: events_per_week
// description: Number of events per type per ISO week (weeks start on Monday) in [since, until).
// params: since (date, 0001-01-01), until (date, 9999-12-31)
// engines: ladybug
MATCH (e:Event)
WHERE e.status = 'actual' AND size(e.date) = 10 AND e.date >= $since AND e.date < $until
RETURN CAST(date_trunc('week', date(e.date)) AS STRING) AS week, e.type AS type,
       count(*) AS events
ORDER BY week, type
