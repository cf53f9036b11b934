-- test: cluster_overview's loaded papers equal the distinct papers cluster_papers holds for each tested cluster.
-- Why: cluster_overview is how missing papers are spotted (declared versus loaded); a wrong loaded count
-- hides a gap or invents one.
-- It reads cluster_overview_live, the mart's definition computed now: inside a batch the mart table still holds
-- the last refresh, which the end of the ingest rebuilds from this same definition.
WITH tested AS (
    SELECT DISTINCT cluster_key FROM loaded_pages WHERE page_id IN (SELECT page_id FROM test_pages)
),
counted AS (
    SELECT cluster_key, count(DISTINCT paper_key) AS papers
    FROM cluster_papers
    WHERE cluster_key IN (SELECT cluster_key FROM tested)
    GROUP BY cluster_key
)
SELECT t.cluster_key, coalesce(c.papers, 0) AS in_cluster_papers, o.loaded_papers AS in_mart
FROM tested AS t
LEFT JOIN counted AS c ON c.cluster_key = t.cluster_key
LEFT JOIN cluster_overview_live AS o ON o.cluster_key = t.cluster_key
WHERE o.loaded_papers IS DISTINCT FROM coalesce(c.papers, 0)
