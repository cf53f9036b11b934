-- Runs still marked running, with what tells whether their process is alive.
SELECT run_id, pid, host, process_token, greatest(started_at, coalesce(committed_at, started_at)) AS last_sign
FROM ingest_runs
WHERE status = 'running';
