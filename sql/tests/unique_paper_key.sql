-- test: papers.paper_key is unique.
-- Why: paper_key is the contract's primary key; dashboards join and count on it, and two rows for one key
-- double every figure that paper takes part in (a second paper_choice row for a paper does exactly that).
SELECT paper_key, count(*) AS rows_with_key
FROM papers_by_id
WHERE paper_id IN (SELECT paper_id FROM test_papers)
GROUP BY paper_key
HAVING count(*) > 1
