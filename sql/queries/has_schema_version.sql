-- Whether the file has a schema at all (a new or foreign file has no schema_version table).
SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'schema_version';
