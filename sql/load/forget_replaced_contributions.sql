-- A page's new content replaces its whole old contribution: papers it no longer lists leave its rows
-- here, and the derived rows are then recomputed from what the remaining pages still say.
DELETE FROM page_listings WHERE page_id IN (SELECT page_id FROM replaced_pages);
DELETE FROM listing_authors WHERE page_id IN (SELECT page_id FROM replaced_pages);
DELETE FROM page_problems WHERE source IN (SELECT source FROM batch_pages);
