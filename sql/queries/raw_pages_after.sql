-- One page of the latest raw version per source, in source order, after a given source (keyset paging,
-- so each chunk is a short read and the file is not held open between chunks).
WITH latest AS (
    SELECT *
    FROM raw_pages
    WHERE source > $after_source
    QUALIFY row_number() OVER (PARTITION BY source ORDER BY fetched_at DESC NULLS LAST, sha256) = 1
)
SELECT source, content, fetched_at, http_status, content_type, sha256, etag, last_modified
FROM latest
ORDER BY source
LIMIT $chunk_size;
