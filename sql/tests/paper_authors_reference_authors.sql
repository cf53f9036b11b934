-- test: every paper_authors row names an author in authors.
-- Why: an authorship whose author is missing drops out of every join on authors, so a paper seems to have
-- fewer authors than its page shows.
WITH tested AS (
    SELECT paper_id, paper_key, author_id, author_key, source
    FROM paper_authors_by_id
    WHERE paper_id IN (SELECT paper_id FROM test_papers)
)
SELECT tested.paper_key, tested.author_key, tested.source
FROM tested
WHERE tested.author_id NOT IN (
    SELECT author_id FROM authors_by_id WHERE author_id IN (SELECT author_id FROM tested)
)
