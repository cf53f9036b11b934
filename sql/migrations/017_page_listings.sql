-- table: Fact table: each paper as one loaded page lists it; one row per (page, paper).
-- papers is a view choosing one listing per paper, so each abstract is stored once per page that shows it.
CREATE TABLE page_listings (
    page_id INTEGER NOT NULL,  -- loaded_pages.page_id of the page that lists the paper
    paper_id UBIGINT NOT NULL,  -- the paper's key as a number: papers.paper_key is its 16 hex digits
    position INTEGER NOT NULL,  -- 1-based position of the paper on the page
    title VARCHAR NOT NULL,  -- title as shown
    venue_line VARCHAR,  -- the venue line as shown, e.g. "ICML Conference 2025 Conference Paper"
    venue VARCHAR,  -- venue name parsed from the venue line
    venue_kind VARCHAR,  -- Conference, Journal, ... parsed from the venue line
    year INTEGER,  -- publication year
    publication_type VARCHAR,  -- e.g. Conference Paper, Journal Article
    abstract VARCHAR,  -- abstract verbatim
    urls VARCHAR[],  -- links shown with the paper
    author_count INTEGER NOT NULL,  -- authors shown on this page (8 means possibly capped)
    authors_capped BOOLEAN NOT NULL,  -- the shown list hit the site's cap of 8 and may be incomplete
    lists_cluster_name BOOLEAN NOT NULL,  -- the shown list contains the page's cluster name
    abstract_chars INTEGER,  -- length of the abstract: ranks listings without reading abstracts
    content_id UBIGINT NOT NULL  -- digest of the columns papers shows, to count changed papers cheaply
);
INSERT INTO page_listings
SELECT
    pages.page_id, key_number(listing.paper_key), listing.position, listing.title, listing.venue_line,
    listing.venue, listing.venue_kind, listing.year, listing.publication_type, listing.abstract, listing.urls,
    listing.author_count, listing.authors_capped, listing.lists_cluster_name, length(listing.abstract),
    listing_content_id(
        listing.title, listing.venue, listing.venue_kind, listing.year, listing.publication_type, listing.abstract,
        listing.urls, listing.venue_line, listing.author_count
    )
FROM page_papers AS listing
JOIN loaded_pages AS pages ON pages.source = listing.source;
DROP TABLE page_papers;
