-- A page's new content replaces its whole old contribution: papers it no longer lists leave its rows
-- here, and derived tables are then recomputed from what the remaining pages still say.
DELETE FROM page_papers WHERE source IN (SELECT source FROM batch_pages);
DELETE FROM page_authorships WHERE source IN (SELECT source FROM batch_pages);
DELETE FROM page_problems WHERE source IN (SELECT source FROM batch_pages);
DELETE FROM cluster_papers WHERE source IN (SELECT source FROM batch_pages);
