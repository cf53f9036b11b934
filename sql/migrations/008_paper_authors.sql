-- table: Who wrote what: the most complete author list shown for each paper, plus inferred authorships.
-- The list chosen does not depend on load order. A row is inferred when a page of cluster X lists a
-- paper whose capped list of 8 lacks X.
CREATE TABLE paper_authors (
    paper_key VARCHAR NOT NULL,  -- papers.paper_key
    author_key VARCHAR NOT NULL,  -- authors.author_key
    position INTEGER,  -- 1-based position in the author list; NULL when inferred
    inferred BOOLEAN NOT NULL,  -- TRUE when implied by a cluster page rather than shown in a list
    inferred_from VARCHAR,  -- source of the cluster page that implied it (NULL when not inferred)
    source VARCHAR NOT NULL,  -- page the row comes from (the list's page, or inferred_from)
    raw_sha256 VARCHAR NOT NULL,  -- content version of that page
    run_id VARCHAR NOT NULL  -- run that loaded that page
);
