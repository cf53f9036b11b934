-- The contract views and marts this code defines ($expected) that the file lacks: a file created by an
-- older biblioduck that was killed between committing its schema and its views has none.
SELECT name
FROM unnest($expected::VARCHAR[]) AS expected(name)
WHERE name NOT IN (
    SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal
)
ORDER BY name;
