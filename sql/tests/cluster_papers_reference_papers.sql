-- test: every cluster_papers row names a paper in papers.
-- Why: a cluster page's paper that is missing from papers makes cluster_overview count papers that no
-- query can list; it means a paper choice was not recomputed for a listing.
WITH tested_sources AS (
    SELECT source FROM loaded_pages WHERE page_id IN (SELECT page_id FROM test_pages)
)
SELECT cp.cluster_key, cp.paper_key, cp.source
FROM cluster_papers AS cp
WHERE cp.source IN (SELECT source FROM tested_sources)
    AND cp.paper_key NOT IN (SELECT paper_key FROM papers_by_id WHERE paper_id IN (SELECT paper_id FROM test_papers))
