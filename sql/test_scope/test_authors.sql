-- The authors under test: everyone the tested papers' lists show, and the tested pages' cluster authors.
CREATE OR REPLACE TEMP TABLE test_authors AS
SELECT DISTINCT forms.author_id
FROM listing_authors AS shown
JOIN author_forms AS forms ON forms.form_id = shown.form_id
WHERE shown.paper_id IN (SELECT paper_id FROM test_papers)
UNION
SELECT cluster_author_id FROM loaded_pages WHERE page_id IN (SELECT page_id FROM test_pages)
UNION
SELECT author_id FROM inferred_authorships WHERE paper_id IN (SELECT paper_id FROM test_papers);
