-- view: One row per paper, however many pages list it.
-- The listing that paper_choice names supplies the columns: the longest author list, then the longest
-- abstract, then the smallest source, so the row does not depend on the order pages were loaded in.
CREATE OR REPLACE VIEW papers AS
WITH chosen AS (
    SELECT
        choice.paper_id, choice.listed_on_pages, listing.title, listing.venue, listing.venue_kind, listing.year,
        listing.publication_type, listing.abstract, listing.urls, listing.venue_line, listing.author_count,
        pages.source, pages.raw_sha256, pages.run_id
    FROM paper_choice AS choice
    JOIN page_listings AS listing ON listing.page_id = choice.page_id AND listing.paper_id = choice.paper_id
    JOIN loaded_pages AS pages ON pages.page_id = choice.page_id
)
SELECT
    printf('%016x', paper_id) AS paper_key,  -- deterministic: md5 of "normalized title|year", first 16 hex digits
    title,  -- title verbatim
    venue,  -- venue name, e.g. ICML
    venue_kind,  -- Conference, Journal, ...
    year,  -- publication year
    publication_type,  -- e.g. Conference Paper
    abstract,  -- abstract verbatim
    urls,  -- links shown with the paper
    venue_line,  -- venue line verbatim
    author_count,  -- length of the most complete author list seen
    listed_on_pages,  -- how many loaded pages list this paper
    source,  -- page whose listing supplied these columns
    raw_sha256,  -- content version of that page
    run_id  -- run that loaded that page
FROM chosen;
