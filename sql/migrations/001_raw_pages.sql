-- table: Listing pages exactly as received, so they can be re-parsed without re-fetching.
-- One row per (source, sha256): a source whose content changes gets a new row, the old one stays.
CREATE TABLE raw_pages (
    source VARCHAR NOT NULL,  -- where the page came from: its URL or file path
    sha256 VARCHAR NOT NULL,  -- hex SHA-256 of content; every derived row points back here
    content BLOB NOT NULL,  -- the bytes received, undecoded
    fetched_at TIMESTAMPTZ,  -- when these bytes were received
    http_status INTEGER,  -- HTTP status of the response (NULL for local files)
    content_type VARCHAR,  -- Content-Type header or guessed type
    PRIMARY KEY (source, sha256)
);
