-- Files each undated listing under the paper undated_verdicts resolved it to (its authors move with it),
-- and records, as an `undated_paper_apart` page problem, why a listing stays apart.
UPDATE listing_authors SET paper_id = verdict.resolved_paper_id
FROM undated_verdicts AS verdict
WHERE listing_authors.page_id = verdict.page_id AND listing_authors.paper_id = verdict.paper_id
    AND verdict.resolved_paper_id <> verdict.paper_id;
UPDATE page_listings SET paper_id = verdict.resolved_paper_id
FROM undated_verdicts AS verdict
WHERE page_listings.page_id = verdict.page_id AND page_listings.paper_id = verdict.paper_id
    AND verdict.resolved_paper_id <> verdict.paper_id;
DELETE FROM page_problems
WHERE kind = 'undated_paper_apart'
    AND (source, location) IN (
        SELECT (pages.source, 'paper ' || verdict.position)
        FROM undated_verdicts AS verdict
        JOIN loaded_pages AS pages ON pages.page_id = verdict.page_id
    );
INSERT INTO page_problems BY NAME
SELECT
    pages.source, pages.raw_sha256, pages.run_id, 'undated_paper_apart' AS kind,
    'paper without a year kept apart: ' || verdict.reason AS message,
    'paper ' || verdict.position AS location
FROM undated_verdicts AS verdict
JOIN loaded_pages AS pages ON pages.page_id = verdict.page_id
WHERE verdict.reason IS NOT NULL;
