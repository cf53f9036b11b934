-- Raw pages are immutable per (source, sha256): storing one again keeps the first copy, which is what
-- makes store_raw_pages idempotent. Duplicates inside one batch are folded first because ON CONFLICT
-- only sees rows already in the table.
INSERT INTO raw_pages (source, sha256, content, fetched_at, http_status, content_type, etag, last_modified)
WITH distinct_versions AS (
    SELECT *
    FROM staged_raw_pages
    QUALIFY row_number() OVER (PARTITION BY source, sha256 ORDER BY fetched_at NULLS LAST) = 1
)
SELECT source, sha256, content, fetched_at, http_status, content_type, etag, last_modified
FROM distinct_versions
ON CONFLICT DO NOTHING;
