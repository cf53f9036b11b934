-- view: Parser problems by kind in each run (from ingest_runs.problems_by_kind): data quality over time.
-- refresh: every run (it reads only the run bookkeeping, which every run changes)
-- depends on: nothing
CREATE OR REPLACE VIEW problems_per_run AS
WITH counted AS (
    SELECT run_id, started_at, CAST(json_transform(problems_by_kind, '"MAP(VARCHAR, BIGINT)"') AS MAP(VARCHAR, BIGINT)) AS by_kind
    FROM ingest_runs
    WHERE problems_by_kind IS NOT NULL
),
unnested AS (
    SELECT run_id, started_at, unnest(map_entries(by_kind)) AS entry
    FROM counted
)
SELECT
    run_id,  -- ingest_runs.run_id
    started_at,  -- when the run started
    entry.key AS kind,  -- problem kind, e.g. truncated_listing
    entry.value AS problems  -- problems of that kind the run's parses reported
FROM unnested;
