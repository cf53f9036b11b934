-- table: The contribution currently loaded for each source: which content version and which cluster.
-- Loading a new version of a source replaces everything that source contributed.
CREATE TABLE loaded_pages (
    source VARCHAR PRIMARY KEY,  -- URL or file path of the page
    raw_sha256 VARCHAR NOT NULL,  -- content version currently loaded (raw_pages.sha256)
    run_id VARCHAR NOT NULL,  -- run that loaded this version
    cluster_key VARCHAR NOT NULL,  -- clusters.cluster_key of the page's author-name cluster
    cluster_name VARCHAR NOT NULL,  -- cluster name as the page shows it
    cluster_author_key VARCHAR NOT NULL,  -- authors.author_key of the person the cluster name denotes
    cluster_name_norm VARCHAR NOT NULL,  -- normalized cluster name without homonym number, to match author lists
    declared_papers INTEGER,  -- paper count the page announces
    declared_author_rows INTEGER,  -- author-row count the page announces
    listed_papers INTEGER NOT NULL,  -- distinct papers actually listed on the page
    first_seen TIMESTAMPTZ NOT NULL,  -- fetch time of the first version of this source ever loaded
    last_seen TIMESTAMPTZ NOT NULL  -- fetch time of the version currently loaded
);
