-- table: Pages a run could not fetch or parse, and why. Nothing else is loaded from them.
CREATE TABLE rejects (
    run_id VARCHAR NOT NULL,  -- run that rejected the page
    source VARCHAR NOT NULL,  -- URL or file path
    reason VARCHAR NOT NULL,  -- one-line reason
    problems JSON,  -- details: a list of {kind, message, where} objects
    raw_sha256 VARCHAR,  -- raw_pages.sha256 of what was received; NULL when nothing was received
    rejected_at TIMESTAMPTZ NOT NULL,  -- when it was rejected
    PRIMARY KEY (run_id, source)
);
