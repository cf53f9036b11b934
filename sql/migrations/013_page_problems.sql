-- table: Non-fatal problems the parser noticed on loaded pages; replaced when a page is reloaded.
CREATE TABLE page_problems (
    source VARCHAR NOT NULL,  -- page with the problem
    raw_sha256 VARCHAR NOT NULL,  -- content version of that page
    run_id VARCHAR NOT NULL,  -- run that loaded it
    kind VARCHAR NOT NULL,  -- problem kind, e.g. missing_year
    message VARCHAR NOT NULL,  -- human-readable description
    location VARCHAR  -- where on the page (line number or field name), when known
);
