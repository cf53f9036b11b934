-- Which mart names exist, and as what: a 'view' left by an older biblioduck, or a 'table'.
SELECT table_name AS name, 'table' AS kind FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary
UNION ALL
SELECT view_name, 'view' FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal AND NOT temporary;
