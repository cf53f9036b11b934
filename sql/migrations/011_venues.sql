-- table: One row per venue and venue kind, with how many papers appeared there and when.
CREATE TABLE venues (
    venue VARCHAR NOT NULL,  -- venue name, e.g. ICML
    venue_kind VARCHAR,  -- Conference, Journal, ...
    papers INTEGER NOT NULL,  -- papers at this venue
    first_year INTEGER,  -- earliest paper year
    last_year INTEGER,  -- latest paper year
    source VARCHAR NOT NULL,  -- page of the venue's latest paper (lineage)
    raw_sha256 VARCHAR NOT NULL,  -- content version of that page
    run_id VARCHAR NOT NULL  -- run that loaded that page
);
