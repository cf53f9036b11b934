-- test: every paper has its key, title and lineage (source, raw_sha256, run_id).
-- Why: a paper without a title cannot be shown, and one without lineage cannot be traced to the page and
-- the run it came from, which is how a wrong row is found and reloaded.
SELECT paper_key, title, source, raw_sha256, run_id
FROM papers_by_id
WHERE paper_id IN (SELECT paper_id FROM test_papers)
    AND (paper_key IS NULL OR title IS NULL OR source IS NULL OR raw_sha256 IS NULL OR run_id IS NULL)
