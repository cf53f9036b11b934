INSERT INTO ingest_runs (run_id, started_at, status, pid, host, process_token)
VALUES ($run_id, $started_at, 'running', $pid, $host, $process_token)
ON CONFLICT (run_id) DO NOTHING;
