-- view: One row per ingest run, newest first, with its duration: the run history chart.
-- refresh: every run (it reads only the run bookkeeping, which every run changes)
-- depends on: nothing
CREATE OR REPLACE VIEW run_history AS
WITH timed AS (
    SELECT
        *,
        round(epoch(ended_at) - epoch(started_at), 3) AS seconds,
        row_number() OVER (ORDER BY started_at DESC, run_id) AS recency
    FROM ingest_runs
)
SELECT
    recency,  -- 1 for the latest run
    run_id,  -- ingest_runs.run_id
    started_at,  -- when the run started
    ended_at,  -- when it ended; NULL while running or after a crash
    seconds,  -- wall seconds from start to end
    status,  -- running, succeeded, partial, drift_stopped or failed
    pages_seen,  -- pages the run was asked to ingest
    pages_loaded,  -- pages (re)loaded
    pages_unchanged,  -- pages skipped as unchanged
    pages_rejected,  -- pages rejected, held-back pages included
    pages_quarantined,  -- pages held back
    papers_added,  -- papers new in this run
    papers_removed,  -- papers gone in this run
    authors_added,  -- authors new in this run
    authorships_added,  -- authorships new in this run
    authorships_removed  -- authorships gone in this run
FROM timed;
