-- Authors the replaced pages showed, in their lists or as their cluster: after the swap, those no page
-- shows any more are counted as removed. Empty unless pages change.
CREATE OR REPLACE TEMP TABLE replaced_authors AS
SELECT DISTINCT forms.author_id
FROM listing_authors AS shown
JOIN author_forms AS forms ON forms.form_id = shown.form_id
WHERE shown.page_id IN (SELECT page_id FROM replaced_pages)
UNION
SELECT cluster_author_id FROM loaded_pages WHERE page_id IN (SELECT page_id FROM replaced_pages);
