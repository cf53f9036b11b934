-- table: One row per applied migration; the highest version is the schema version of this file.
-- Created outside the numbered migrations because it is what records them.
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,  -- migration number, from the NNN_ prefix of sql/migrations/NNN_name.sql
    name VARCHAR NOT NULL,  -- migration file name without the number and .sql
    applied_at TIMESTAMPTZ NOT NULL  -- when this migration ran against this file
);
