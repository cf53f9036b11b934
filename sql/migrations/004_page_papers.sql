-- table: Fact table: each paper as one page lists it; one row per (source, paper_key).
-- papers is derived from these rows, so the result does not depend on the order pages were loaded in.
CREATE TABLE page_papers (
    source VARCHAR NOT NULL,  -- page that lists the paper
    raw_sha256 VARCHAR NOT NULL,  -- content version of that page
    run_id VARCHAR NOT NULL,  -- run that loaded it
    paper_key VARCHAR NOT NULL,  -- deterministic key from normalized title and year
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
    lists_cluster_name BOOLEAN NOT NULL  -- the shown list contains the page's cluster name
);
