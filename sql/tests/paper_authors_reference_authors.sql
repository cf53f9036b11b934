-- test: every paper_authors row names an author in authors.
-- Why: an authorship whose author is missing drops out of every join on authors, so a paper seems to have
-- fewer authors than its page shows.
SELECT pa.paper_key, pa.author_key, pa.source
FROM paper_authors_by_id AS pa
WHERE pa.paper_id IN (SELECT paper_id FROM test_papers)
    AND pa.author_id NOT IN (SELECT author_id FROM test_author_rows)
