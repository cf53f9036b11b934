-- view: Per cluster, what its page announces against what was actually loaded, to spot truncated pages.
-- depends on: cluster_papers, clusters
CREATE OR REPLACE VIEW cluster_overview AS
WITH loaded_counts AS (
    SELECT cluster_key, count(DISTINCT paper_key) AS loaded_papers, count(DISTINCT source) AS pages
    FROM cluster_papers
    GROUP BY cluster_key
)
SELECT
    c.cluster_key,  -- clusters.cluster_key
    c.name,  -- cluster name
    c.declared_papers,  -- papers the page announces
    coalesce(l.loaded_papers, 0) AS loaded_papers,  -- distinct papers loaded from its pages
    c.declared_papers - coalesce(l.loaded_papers, 0) AS missing_papers,  -- announced but not loaded
    c.declared_author_rows,  -- author rows the page announces
    coalesce(l.pages, 0) AS pages,  -- loaded pages listing papers for this cluster
    c.first_seen,  -- first fetch of any of its pages
    c.last_seen,  -- latest fetch of its pages
    c.source  -- the latest page
FROM clusters AS c
LEFT JOIN loaded_counts AS l ON l.cluster_key = c.cluster_key;
