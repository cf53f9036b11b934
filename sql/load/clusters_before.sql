-- The clusters the batch may add or take away that exist before it: those its pages describe and those the
-- pages it replaces described. Taken before loaded_pages is updated.
CREATE OR REPLACE TEMP TABLE clusters_before AS
SELECT DISTINCT cluster_key
FROM loaded_pages
WHERE cluster_key IN (SELECT cluster_key FROM batch_pages)
    OR page_id IN (SELECT page_id FROM replaced_pages);
