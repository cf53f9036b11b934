-- Rejected pages by reason in the latest runs.
SELECT j.run_id, j.started_at, j.reason_code, j.pages
FROM rejects_per_reason AS j
SEMI JOIN (FROM run_history WHERE recency <= $limit) AS r ON r.run_id = j.run_id
ORDER BY j.started_at, j.reason_code;
