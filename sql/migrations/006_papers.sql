-- table: One row per paper, however many pages list it.
-- Derived from page_papers: the listing with the longest author list (then the longest abstract, then the smallest source) supplies the columns.
CREATE TABLE papers (
    paper_key VARCHAR NOT NULL,  -- deterministic: md5 of "normalized title|year", first 16 hex digits
    title VARCHAR NOT NULL,  -- title verbatim
    venue VARCHAR,  -- venue name, e.g. ICML
    venue_kind VARCHAR,  -- Conference, Journal, ...
    year INTEGER,  -- publication year
    publication_type VARCHAR,  -- e.g. Conference Paper
    abstract VARCHAR,  -- abstract verbatim
    urls VARCHAR[],  -- links shown with the paper
    venue_line VARCHAR,  -- venue line verbatim
    author_count INTEGER NOT NULL,  -- length of the most complete author list seen
    listed_on_pages INTEGER NOT NULL,  -- how many loaded pages list this paper
    source VARCHAR NOT NULL,  -- page whose listing supplied these columns
    raw_sha256 VARCHAR NOT NULL,  -- content version of that page
    run_id VARCHAR NOT NULL  -- run that loaded that page
);
