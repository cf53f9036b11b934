-- test: every author the tested papers and pages show has a key, a name and lineage.
-- Why: an author row without a name or key cannot be displayed or joined, and without lineage it cannot
-- be traced back to a page.
WITH tested_authors AS (
    SELECT DISTINCT forms.author_id
    FROM listing_authors AS shown
    JOIN author_forms AS forms ON forms.form_id = shown.form_id
    WHERE shown.paper_id IN (SELECT paper_id FROM test_papers)
    UNION
    SELECT cluster_author_id FROM loaded_pages WHERE page_id IN (SELECT page_id FROM test_pages)
)
SELECT author_key, name, source, raw_sha256, run_id
FROM authors_by_id
WHERE author_id IN (SELECT author_id FROM tested_authors)
    AND (author_key IS NULL OR name IS NULL OR source IS NULL OR raw_sha256 IS NULL OR run_id IS NULL)
