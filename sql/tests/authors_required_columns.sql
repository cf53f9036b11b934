-- test: every author the tested papers and pages show has a key, a name and lineage.
-- Why: an author row without a name or key cannot be displayed or joined, and without lineage it cannot
-- be traced back to a page.
SELECT author_key, name, source, raw_sha256, run_id
FROM test_author_rows
WHERE author_key IS NULL OR name IS NULL OR source IS NULL OR raw_sha256 IS NULL OR run_id IS NULL
