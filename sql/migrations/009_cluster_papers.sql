-- table: Which cluster's page listed which paper, at which position.
CREATE TABLE cluster_papers (
    cluster_key VARCHAR NOT NULL,  -- clusters.cluster_key
    paper_key VARCHAR NOT NULL,  -- papers.paper_key
    source VARCHAR NOT NULL,  -- the page that lists it
    position INTEGER NOT NULL,  -- 1-based position on that page
    raw_sha256 VARCHAR NOT NULL,  -- content version of that page
    run_id VARCHAR NOT NULL  -- run that loaded that page
);
