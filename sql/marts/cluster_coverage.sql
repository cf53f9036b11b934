-- view: Per cluster, papers declared against papers loaded, and how many of its pages were truncated listings.
-- A truncated listing shows fewer paper blocks than it declares (a truncated_listing problem); it is
-- loaded, and its missing papers are what this mart shows.
-- depends on: cluster_overview
CREATE OR REPLACE VIEW cluster_coverage AS
WITH truncated AS (
    SELECT pages.cluster_key, count(DISTINCT problems.source) AS truncated_pages
    FROM page_problems AS problems
    JOIN loaded_pages AS pages ON pages.source = problems.source AND pages.raw_sha256 = problems.raw_sha256
    WHERE problems.kind = 'truncated_listing'
    GROUP BY pages.cluster_key
),
covered AS (
    SELECT
        o.*,
        coalesce(t.truncated_pages, 0) AS truncated_pages,
        CASE WHEN o.declared_papers > 0 THEN round(least(o.loaded_papers / o.declared_papers, 1.0), 4) END AS coverage
    FROM cluster_overview AS o
    LEFT JOIN truncated AS t ON t.cluster_key = o.cluster_key
)
SELECT
    cluster_key,  -- clusters.cluster_key
    name,  -- cluster name
    declared_papers,  -- papers the latest page announces
    loaded_papers,  -- distinct papers loaded from its pages
    greatest(missing_papers, 0) AS missing_papers,  -- announced but not loaded
    coverage,  -- loaded_papers / declared_papers, at most 1; NULL when nothing is declared
    pages,  -- loaded pages of this cluster
    truncated_pages,  -- of those, pages showing fewer paper blocks than they declare
    last_seen  -- latest fetch of its pages
FROM covered;
