-- Titles whose undated listings must be resolved again: titles the batch lists or the replaced pages
-- listed, when some listing of that title (loaded or in the batch) shows no year. Usually empty.
CREATE OR REPLACE TEMP TABLE affected_titles AS
WITH touched AS (
    SELECT title_id FROM page_listings WHERE page_id IN (SELECT page_id FROM replaced_pages)
    UNION
    SELECT title_id FROM batch_papers
),
with_undated_listing AS (
    SELECT title_id FROM batch_papers WHERE year IS NULL
    UNION
    SELECT title_id FROM page_listings WHERE year IS NULL AND title_id IN (SELECT title_id FROM touched)
)
SELECT DISTINCT title_id FROM with_undated_listing WHERE title_id IN (SELECT title_id FROM touched);
