-- How many components of the region conflict (identity/conflicts.sql).
SELECT count(*) FROM identity_conflicts;
