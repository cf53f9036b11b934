-- The listings of the batch's pages, keyed by what they spell (title|year; join_undated_listings may then
-- resolve an undated one to a dated paper), one per (page, paper), each flagged with whether its shown
-- author list contains the page's own cluster name. Only the narrow columns: the wide ones (abstracts)
-- are read from the staged batch once, by the insert into page_listings.
CREATE OR REPLACE TEMP TABLE batch_papers AS
WITH keyed AS (
    SELECT
        listing.paper_row, listing.page_index, pages.page_id, listing.author_count, listing.year,
        key_number(paper_key(listing.title, listing.year)) AS paper_id,
        key_number(title_key(listing.title)) AS title_id
    FROM staged_papers AS listing
    JOIN batch_pages AS pages ON pages.page_index = listing.page_index
),
own_spellings AS (
    -- the forms that are the page's own cluster name: homonym numbers are ignored, so a page for
    -- "Chen Huang" lists papers of "Chen Huang 0001" too
    SELECT pages.page_index, forms.form_index
    FROM batch_pages AS pages
    JOIN batch_forms AS forms ON forms.name_norm = pages.cluster_name_norm
),
cluster_name_shown AS (
    SELECT DISTINCT shown.paper_row
    FROM staged_authorships AS shown
    JOIN own_spellings AS own ON own.page_index = shown.page_index AND own.form_index = shown.form_index
),
one_listing_per_paper AS (
    -- a page occasionally lists one paper twice: keep the listing with more authors, then the first
    SELECT *
    FROM keyed
    QUALIFY row_number() OVER (PARTITION BY page_id, paper_id ORDER BY author_count DESC, paper_row) = 1
)
SELECT
    kept.paper_row, kept.page_id, kept.paper_id, kept.title_id, kept.year,
    shown.paper_row IS NOT NULL AS lists_cluster_name
FROM one_listing_per_paper AS kept
LEFT JOIN cluster_name_shown AS shown ON shown.paper_row = kept.paper_row;
