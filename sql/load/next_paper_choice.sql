-- The listing that speaks for each affected paper: a listing with a year (an undated listing that joined the
-- paper never speaks for it while a dated one exists), then the longest author list, then the longest
-- abstract, then the smallest source. The order is total, so the choice depends only on which pages are loaded, never on
-- the order they were loaded in.
CREATE OR REPLACE TEMP TABLE next_paper_choice AS
WITH listings AS (
    SELECT
        listing.paper_id, listing.page_id, listing.content_id, listing.year, listing.author_count, listing.abstract_chars,
        pages.source
    FROM page_listings AS listing
    JOIN loaded_pages AS pages ON pages.page_id = listing.page_id
    WHERE listing.paper_id IN (SELECT paper_id FROM affected_papers)
)
SELECT
    paper_id,
    printf('%016x', paper_id) AS paper_key,
    arg_min(page_id, {'undated': year IS NULL, 'authors': -author_count, 'abstract': -coalesce(abstract_chars, -1), 'source': source}) AS page_id,
    arg_min(content_id, {'undated': year IS NULL, 'authors': -author_count, 'abstract': -coalesce(abstract_chars, -1), 'source': source}) AS content_id,
    count(*)::INTEGER AS listed_on_pages
FROM listings
GROUP BY paper_id;
