-- Every column of every table and view, in definition order, for `biblioduck schema`.
SELECT table_name, column_name, data_type
FROM duckdb_columns()
WHERE schema_name = 'main' AND NOT internal
ORDER BY table_name, column_index;
