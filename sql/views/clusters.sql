-- view: One row per author-name cluster (one listing page per cluster, usually).
-- A cluster's columns come from its most recently fetched page; its first_seen spans all of them.
-- depends on: nothing
CREATE OR REPLACE VIEW clusters AS
WITH seen_span AS (
    SELECT cluster_key, min(first_seen) AS first_seen, max(last_seen) AS last_seen
    FROM loaded_pages
    GROUP BY cluster_key
),
latest_page AS (
    SELECT *
    FROM loaded_pages
    QUALIFY row_number() OVER (PARTITION BY cluster_key ORDER BY last_seen DESC, source) = 1
),
described AS (
    SELECT latest.*, span.first_seen AS cluster_first_seen, span.last_seen AS cluster_last_seen
    FROM latest_page AS latest
    JOIN seen_span AS span ON span.cluster_key = latest.cluster_key
)
SELECT
    cluster_key,  -- deterministic: md5 of the normalized cluster name, first 16 hex digits
    cluster_name AS name,  -- cluster name as the latest page shows it
    declared_papers,  -- paper count the latest page announces
    declared_author_rows,  -- author-row count the latest page announces
    cluster_first_seen AS first_seen,  -- earliest fetch time of any loaded version of its pages
    cluster_last_seen AS last_seen,  -- fetch time of the latest loaded page
    source,  -- the latest page of this cluster
    raw_sha256,  -- content version of that page
    run_id  -- run that loaded that page
FROM described;
