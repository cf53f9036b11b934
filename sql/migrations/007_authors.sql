-- table: One row per author (normalized name plus homonym number), from author lists and cluster names.
CREATE TABLE authors (
    author_key VARCHAR NOT NULL,  -- deterministic: md5 of "normalized name|homonym", first 16 hex digits
    name VARCHAR NOT NULL,  -- the most frequently shown spelling
    homonym VARCHAR,  -- dblp-style homonym number such as 0001, or NULL
    raw_forms VARCHAR[] NOT NULL,  -- every distinct raw form seen, sorted
    source VARCHAR NOT NULL,  -- first page (by source) showing the chosen spelling
    raw_sha256 VARCHAR NOT NULL,  -- content version of that page
    run_id VARCHAR NOT NULL  -- run that loaded that page
);
