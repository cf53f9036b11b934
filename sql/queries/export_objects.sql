-- What an export snapshots: every table, and every view, the TEMP views a reader defines for a file that
-- lost its own included (see connection.install_temp_views). Internal catalog views are left out.
SELECT DISTINCT name FROM (
    SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary
    UNION ALL
    SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal
)
ORDER BY 1;
