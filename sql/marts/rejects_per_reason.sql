-- view: Rejected pages by run and reason_code: what a run could not load, and why.
-- refresh: every run (it reads only the run bookkeeping, which every run changes)
-- depends on: nothing
CREATE OR REPLACE VIEW rejects_per_reason AS
WITH counted AS (
    SELECT run_id, coalesce(reason_code, 'unclassified') AS reason_code, count(*) AS pages
    FROM rejects
    GROUP BY run_id, coalesce(reason_code, 'unclassified')
)
SELECT
    c.run_id,  -- ingest_runs.run_id
    r.started_at,  -- when the run started
    c.reason_code,  -- incomplete_parse, shrunk, fetch_failed, not_a_listing, ...
    c.pages  -- pages rejected for that reason in that run
FROM counted AS c
LEFT JOIN ingest_runs AS r ON r.run_id = c.run_id;
