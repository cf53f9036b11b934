-- table: When each mart table was last rebuilt, and from which definition.
-- The marts (sql/marts/) are tables rebuilt together, in one transaction, at the end of every ingest
-- that changed something, and by `biblioduck refresh`; each is computed by its live view <mart>_live.
-- A mart whose definition changed since it was built is rebuilt when the file is next opened to write.
CREATE TABLE mart_refreshes (
    mart VARCHAR PRIMARY KEY,  -- mart table name
    definition_sha256 VARCHAR NOT NULL,  -- sha256 of the SQL file it was built from
    refreshed_at TIMESTAMPTZ NOT NULL,  -- when it was rebuilt
    run_id VARCHAR,  -- ingest run that rebuilt it; NULL for `biblioduck refresh` and upgrades
    transaction_id UBIGINT NOT NULL,  -- DuckDB transaction of the rebuild: marts rebuilt together share it
    row_count BIGINT NOT NULL  -- rows in the mart after the rebuild
);
