-- table: Linked stylesheets exactly as received, so a re-parse lays a page out as its first parse did.
-- One row per (url, sha256), like raw_pages; page_stylesheets says which page version used which.
CREATE TABLE raw_stylesheets (
    url VARCHAR NOT NULL,  -- absolute URL of the stylesheet (same origin as the pages linking it)
    sha256 VARCHAR NOT NULL,  -- hex SHA-256 of content
    content BLOB NOT NULL,  -- the bytes received, undecoded
    fetched_at TIMESTAMPTZ,  -- when these bytes were received
    http_status INTEGER,  -- HTTP status of the response
    content_type VARCHAR,  -- Content-Type header
    etag VARCHAR,  -- ETag response header, for conditional GETs
    last_modified VARCHAR,  -- Last-Modified response header, verbatim
    PRIMARY KEY (url, sha256)
);
