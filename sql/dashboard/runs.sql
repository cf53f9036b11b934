-- The latest runs, oldest first.
SELECT recency, run_id, started_at, ended_at, seconds, status, pages_seen, pages_loaded, pages_unchanged, pages_rejected,
    papers_added, papers_removed
FROM run_history
WHERE recency <= $limit
ORDER BY started_at, run_id;
