-- The most recently fetched version of each asked-for source, with its validators for conditional GETs,
-- and whether that version is the contribution currently loaded.
WITH asked AS (
    SELECT unnest($sources::VARCHAR[]) AS source
),
latest AS (
    SELECT raw.source, raw.sha256, raw.etag, raw.last_modified, raw.fetched_at
    FROM raw_pages AS raw
    WHERE raw.source IN (SELECT source FROM asked)
    QUALIFY row_number() OVER (PARTITION BY raw.source ORDER BY raw.fetched_at DESC NULLS LAST, raw.sha256) = 1
)
SELECT
    latest.source, latest.sha256, latest.etag, latest.last_modified, latest.fetched_at,
    coalesce(loaded.raw_sha256 = latest.sha256, FALSE) AS loaded
FROM latest
LEFT JOIN loaded_pages AS loaded ON loaded.source = latest.source;
