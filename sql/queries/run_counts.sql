-- One run's committed figures, as its row holds them (each batch adds its counts at commit).
SELECT status, pages_loaded, batches_committed FROM ingest_runs WHERE run_id = $run_id;
