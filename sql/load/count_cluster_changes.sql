-- Counted after loaded_pages is updated, against clusters_before.
WITH candidates AS (
    SELECT cluster_key FROM clusters_before
    UNION
    SELECT cluster_key FROM batch_pages
),
clusters_after AS (
    SELECT DISTINCT cluster_key FROM loaded_pages WHERE cluster_key IN (SELECT cluster_key FROM candidates)
)
SELECT
    (SELECT count(*) FROM clusters_after WHERE cluster_key NOT IN (SELECT cluster_key FROM clusters_before))
        AS added,
    (SELECT count(*) FROM clusters_before WHERE cluster_key NOT IN (SELECT cluster_key FROM clusters_after))
        AS removed;
