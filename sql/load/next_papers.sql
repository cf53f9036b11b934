-- The new rows of papers for the affected keys. One listing speaks for each paper: the one with the
-- longest author list, then the longest abstract, then the smallest source. The order is total, so the
-- result depends only on which pages are loaded, never on the order they were loaded in.
CREATE OR REPLACE TEMP TABLE next_papers AS
WITH listings AS (
    SELECT *
    FROM page_papers
    WHERE paper_key IN (SELECT paper_key FROM affected_papers)
),
ranked AS (
    SELECT
        *,
        count(*) OVER (PARTITION BY paper_key) AS listed_on_pages,
        row_number() OVER (
            PARTITION BY paper_key ORDER BY author_count DESC, length(abstract) DESC NULLS LAST, source
        ) AS listing_rank
    FROM listings
)
SELECT
    paper_key, title, venue, venue_kind, year, publication_type, abstract, urls, venue_line, author_count,
    listed_on_pages, source, raw_sha256, run_id
FROM ranked
WHERE listing_rank = 1;
