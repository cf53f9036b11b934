-- test: authors.author_key is unique.
-- Why: author_key is the contract's primary key of authors; a duplicate splits or doubles an author's
-- papers in every join (author_stats, coauthor_pairs, any dashboard).
WITH tested_authors AS (
    SELECT DISTINCT forms.author_id
    FROM listing_authors AS shown
    JOIN author_forms AS forms ON forms.form_id = shown.form_id
    WHERE shown.paper_id IN (SELECT paper_id FROM test_papers)
    UNION
    SELECT cluster_author_id FROM loaded_pages WHERE page_id IN (SELECT page_id FROM test_pages)
)
SELECT author_key, count(*) AS rows_with_key
FROM authors_by_id
WHERE author_id IN (SELECT author_id FROM tested_authors)
GROUP BY author_key
HAVING count(*) > 1
