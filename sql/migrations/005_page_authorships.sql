-- table: Fact table: each author of each paper as one page shows it, in order.
CREATE TABLE page_authorships (
    source VARCHAR NOT NULL,  -- page that shows the author list
    raw_sha256 VARCHAR NOT NULL,  -- content version of that page
    run_id VARCHAR NOT NULL,  -- run that loaded it
    paper_key VARCHAR NOT NULL,  -- papers.paper_key
    position INTEGER NOT NULL,  -- 1-based position in the shown author list
    author_key VARCHAR NOT NULL,  -- deterministic key from normalized name and homonym number
    name VARCHAR NOT NULL,  -- name without homonym number
    homonym VARCHAR,  -- dblp-style homonym number such as 0001, when shown
    raw VARCHAR NOT NULL,  -- the author exactly as shown
    name_norm VARCHAR NOT NULL  -- normalized name (no homonym), to match against cluster names
);
