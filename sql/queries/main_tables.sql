-- The tables of the file (not TEMP ones): a reader repairing views needs to know which mart tables exist.
SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary;
