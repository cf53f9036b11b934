-- The dashboard header: warehouse totals and the latest run.
SELECT t.*, r.run_id AS last_run_id, r.started_at AS last_run_started_at, r.ended_at AS last_run_ended_at,
    r.status AS last_run_status
FROM warehouse_totals AS t
LEFT JOIN (FROM run_history WHERE recency = 1) AS r ON TRUE;
