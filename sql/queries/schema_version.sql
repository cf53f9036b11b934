-- The highest migration applied to this file.
SELECT coalesce(max(version), 0) FROM schema_version;
