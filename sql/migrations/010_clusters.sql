-- table: One row per author-name cluster (one listing page per cluster, usually).
CREATE TABLE clusters (
    cluster_key VARCHAR NOT NULL,  -- deterministic: md5 of the normalized cluster name, first 16 hex digits
    name VARCHAR NOT NULL,  -- cluster name as the latest page shows it
    declared_papers INTEGER,  -- paper count the latest page announces
    declared_author_rows INTEGER,  -- author-row count the latest page announces
    first_seen TIMESTAMPTZ NOT NULL,  -- earliest fetch time of any loaded version of its pages
    last_seen TIMESTAMPTZ NOT NULL,  -- fetch time of the latest loaded page
    source VARCHAR NOT NULL,  -- the latest page of this cluster
    raw_sha256 VARCHAR NOT NULL,  -- content version of that page
    run_id VARCHAR NOT NULL  -- run that loaded that page
);
