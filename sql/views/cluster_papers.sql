-- view: Which cluster's page listed which paper, at which position.
-- depends on: nothing
CREATE OR REPLACE VIEW cluster_papers AS
WITH listed AS (
    SELECT pages.cluster_key, listing.paper_id, pages.source, listing.position, pages.raw_sha256, pages.run_id
    FROM page_listings AS listing
    JOIN loaded_pages AS pages ON pages.page_id = listing.page_id
)
SELECT
    cluster_key,  -- clusters.cluster_key
    printf('%016x', paper_id) AS paper_key,  -- papers.paper_key
    source,  -- the page that lists it
    position,  -- 1-based position on that page
    raw_sha256,  -- content version of that page
    run_id  -- run that loaded that page
FROM listed;
