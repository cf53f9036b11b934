-- Stylesheets are immutable per (url, sha256), like raw pages: storing one again keeps the first copy.
INSERT INTO raw_stylesheets (url, sha256, content, fetched_at, http_status, content_type, etag, last_modified)
WITH distinct_versions AS (
    SELECT *
    FROM staged_raw_stylesheets
    QUALIFY row_number() OVER (PARTITION BY url, sha256 ORDER BY fetched_at NULLS LAST) = 1
)
SELECT url, sha256, content, fetched_at, http_status, content_type, etag, last_modified
FROM distinct_versions
ON CONFLICT DO NOTHING;
