-- The papers of the batch's pages, keyed, one row per (source, paper_key), each flagged with whether its
-- shown author list contains the page's own cluster name.
CREATE OR REPLACE TEMP TABLE batch_papers AS
WITH listed AS (
    SELECT
        listing.*,
        pages.raw_sha256,
        pages.cluster_key,
        pages.cluster_name_norm,
        paper_key(listing.title, listing.year) AS paper_key
    FROM staged_papers AS listing
    JOIN batch_pages AS pages ON pages.source = listing.source
),
cluster_name_shown AS (
    -- homonym numbers are ignored: a page for "Chen Huang" lists papers of "Chen Huang 0001" too
    SELECT DISTINCT listed.source, listed.listing_index
    FROM listed
    JOIN batch_authorships AS shown
        ON shown.source = listed.source
        AND shown.listing_index = listed.listing_index
        AND shown.name_norm = listed.cluster_name_norm
),
one_listing_per_paper AS (
    -- a page occasionally lists one paper twice: keep the listing with more authors, then the first
    SELECT *
    FROM listed
    QUALIFY row_number() OVER (PARTITION BY source, paper_key ORDER BY author_count DESC, listing_index) = 1
)
SELECT
    kept.* EXCLUDE (cluster_name_norm),
    shown.source IS NOT NULL AS lists_cluster_name
FROM one_listing_per_paper AS kept
LEFT JOIN cluster_name_shown AS shown ON shown.source = kept.source AND shown.listing_index = kept.listing_index;
