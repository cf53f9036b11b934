-- The export manifest's header: the latest run and the schema version of the warehouse exported.
SELECT
    (SELECT run_id FROM ingest_runs ORDER BY started_at DESC, run_id LIMIT 1) AS run_id,
    (SELECT max(version) FROM schema_version) AS schema_version,
    (SELECT max(refreshed_at) FROM mart_refreshes) AS marts_refreshed_at;
