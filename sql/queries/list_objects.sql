-- Every table and view of the warehouse, as an export writes them.
SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary
UNION ALL
SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal AND NOT temporary
ORDER BY 1;
