INSERT INTO ingest_runs (run_id, started_at, status)
VALUES ($run_id, $started_at, 'running')
ON CONFLICT (run_id) DO NOTHING;
