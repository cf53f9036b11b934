-- A killed or crashed run cannot close its own row. It records who runs it, so the next run can tell a
-- row whose process is gone from one still at work, and it adds its counts at every batch commit, so a
-- crashed row can show what it really committed.
ALTER TABLE ingest_runs ADD COLUMN pid INTEGER;  -- process id of the run
ALTER TABLE ingest_runs ADD COLUMN host VARCHAR;  -- host name of the machine that ran it
ALTER TABLE ingest_runs ADD COLUMN process_token VARCHAR;  -- boot id and start time of that process: tells a reused pid from the run's own process
ALTER TABLE ingest_runs ADD COLUMN committed_at TIMESTAMPTZ;  -- when the run last committed a batch (NULL before its first)
ALTER TABLE ingest_runs ADD COLUMN batches_committed INTEGER DEFAULT 0;  -- batches the run committed
UPDATE ingest_runs SET batches_committed = 0;
