-- What an export can write: every table and view of the warehouse (the TEMP views a reader defines for a
-- file that lost its own included: see connection.install_temp_views), with its kind and, for the tables
-- holding bytes as received, the column of raw bytes. The contract names are the README's; the marts
-- are the tables warehouse.marts names (passed in as $marts); everything else is internal.
WITH objects AS (
    SELECT table_name AS name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary
    UNION ALL
    SELECT view_name FROM duckdb_views() WHERE schema_name = 'main' AND NOT internal
),
contract(name) AS (
    VALUES ('raw_pages'), ('papers'), ('authors'), ('paper_authors'), ('clusters'), ('cluster_papers'), ('venues'),
        ('ingest_runs'), ('rejects'), ('page_problems'), ('raw_stylesheets'), ('page_stylesheets'), ('persons'),
        ('author_persons'), ('person_links'), ('person_suspects'), ('identity_overrides')
)
SELECT DISTINCT
    o.name,
    CASE
        WHEN o.name IN (SELECT name FROM contract) THEN 'contract'
        WHEN list_contains($marts, o.name) THEN 'mart'
        ELSE 'internal'
    END AS kind,
    CASE WHEN o.name IN ('raw_pages', 'raw_stylesheets') THEN 'content' END AS raw_column
FROM objects AS o
ORDER BY o.name;
