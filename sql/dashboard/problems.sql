-- Parser problems by kind in the latest runs.
SELECT p.run_id, p.started_at, p.kind, p.problems
FROM problems_per_run AS p
SEMI JOIN (FROM run_history WHERE recency <= $limit) AS r ON r.run_id = p.run_id
ORDER BY p.started_at, p.kind;
