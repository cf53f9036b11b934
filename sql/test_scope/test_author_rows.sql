-- The authors rows under test, computed once for the three tests that read them: authors_by_id
-- aggregates every listing, which makes it the costliest view to read (a third of the tests' time).
CREATE OR REPLACE TEMP TABLE test_author_rows AS
SELECT * FROM authors_by_id WHERE author_id IN (SELECT author_id FROM test_authors);
