-- test: authors.author_key is unique.
-- Why: author_key is the contract's primary key of authors; a duplicate splits or doubles an author's
-- papers in every join (author_stats, coauthor_pairs, any dashboard).
SELECT author_key, count(*) AS rows_with_key
FROM test_author_rows
GROUP BY author_key
HAVING count(*) > 1
