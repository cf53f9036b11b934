-- test: every cluster_papers row names a cluster in clusters.
-- Why: a listing whose cluster is gone is a paper attributed to a person nobody can find.
WITH tested_sources AS (
    SELECT source, cluster_key FROM loaded_pages WHERE page_id IN (SELECT page_id FROM test_pages)
)
SELECT cp.cluster_key, cp.paper_key, cp.source
FROM cluster_papers AS cp
WHERE cp.source IN (SELECT source FROM tested_sources)
    AND cp.cluster_key NOT IN (
        SELECT cluster_key FROM clusters WHERE cluster_key IN (SELECT cluster_key FROM tested_sources)
    )
