-- A cluster's columns come from its most recently fetched page; its first_seen spans all of them.
DELETE FROM clusters WHERE cluster_key IN (SELECT cluster_key FROM affected_clusters);
INSERT INTO clusters BY NAME
WITH cluster_pages AS (
    SELECT * FROM loaded_pages WHERE cluster_key IN (SELECT cluster_key FROM affected_clusters)
),
seen_span AS (
    SELECT cluster_key, min(first_seen) AS first_seen, max(last_seen) AS last_seen
    FROM cluster_pages
    GROUP BY cluster_key
),
latest_page AS (
    SELECT *
    FROM cluster_pages
    QUALIFY row_number() OVER (PARTITION BY cluster_key ORDER BY last_seen DESC, source) = 1
)
SELECT
    latest.cluster_key, latest.cluster_name AS name, latest.declared_papers, latest.declared_author_rows,
    span.first_seen, span.last_seen, latest.source, latest.raw_sha256, latest.run_id
FROM latest_page AS latest
JOIN seen_span AS span ON span.cluster_key = latest.cluster_key;
