-- The papers of the batch's pages, keyed, one row per (source, paper_key), each flagged with whether its
-- shown author list contains the page's own cluster name.
CREATE OR REPLACE TEMP TABLE batch_papers AS
WITH listed AS (
    SELECT listing.*, pages.page_no, pages.raw_sha256, pages.cluster_key, pages.cluster_name_norm
    FROM staged_papers AS listing
    JOIN batch_pages AS pages ON pages.source = listing.source
),
titles AS (
    -- keyed once per distinct title and year
    SELECT title, year, paper_key(title, year) AS paper_key
    FROM (SELECT DISTINCT title, year FROM listed)
),
own_spellings AS (
    -- the spellings that are the page's own cluster name: homonym numbers are ignored, so a page for
    -- "Chen Huang" lists papers of "Chen Huang 0001" too
    SELECT pages.source, names.name, names.homonym
    FROM batch_pages AS pages
    JOIN batch_names AS names ON names.name_norm = pages.cluster_name_norm
),
cluster_name_shown AS (
    SELECT DISTINCT shown.source, shown.listing_index
    FROM staged_authorships AS shown
    JOIN own_spellings AS own
        ON own.source = shown.source AND own.name = shown.name AND own.homonym IS NOT DISTINCT FROM shown.homonym
),
keyed AS (
    SELECT listed.*, titles.paper_key
    FROM listed
    JOIN titles ON titles.title IS NOT DISTINCT FROM listed.title AND titles.year IS NOT DISTINCT FROM listed.year
),
one_listing_per_paper AS (
    -- a page occasionally lists one paper twice: keep the listing with more authors, then the first
    SELECT *
    FROM keyed
    QUALIFY row_number() OVER (PARTITION BY page_no, paper_key ORDER BY author_count DESC, listing_index) = 1
)
SELECT
    kept.* EXCLUDE (cluster_name_norm),
    shown.source IS NOT NULL AS lists_cluster_name
FROM one_listing_per_paper AS kept
LEFT JOIN cluster_name_shown AS shown ON shown.source = kept.source AND shown.listing_index = kept.listing_index;
