SELECT run_id FROM ingest_runs WHERE status = 'crashed' ORDER BY started_at;
