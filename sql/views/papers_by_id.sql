-- view: papers keyed by the integer paper_id of the fact tables, for joins that should not pay for text keys.
-- The marts read it. The listing that paper_choice names supplies the columns.
-- depends on: nothing
CREATE OR REPLACE VIEW papers_by_id AS
WITH chosen AS (
    SELECT
        choice.paper_id, choice.paper_key, listing.title, listing.venue, listing.venue_kind, listing.year, listing.publication_type,
        listing.abstract, listing.urls, listing.venue_line, listing.author_count, listing.authors_capped, choice.listed_on_pages,
        pages.source, pages.raw_sha256, pages.run_id
    FROM paper_choice AS choice
    JOIN page_listings AS listing ON listing.page_id = choice.page_id AND listing.paper_id = choice.paper_id
    JOIN loaded_pages AS pages ON pages.page_id = choice.page_id
)
SELECT
    paper_id,  -- papers.paper_key as the number its 16 hex digits spell
    paper_key,  -- deterministic: md5 of "normalized title|year", first 16 hex digits
    title,  -- title verbatim
    venue,  -- venue name, e.g. ICML
    venue_kind,  -- Conference, Journal, ...
    year,  -- publication year
    publication_type,  -- e.g. Conference Paper
    abstract,  -- abstract verbatim
    urls,  -- links shown with the paper
    venue_line,  -- venue line verbatim
    author_count,  -- length of the most complete author list seen
    authors_capped,  -- that list hit the site's cap of 8, so its last name may not be the last author
    listed_on_pages,  -- how many loaded pages list this paper
    source,  -- page whose listing supplied these columns
    raw_sha256,  -- content version of that page
    run_id  -- run that loaded that page
FROM chosen;
