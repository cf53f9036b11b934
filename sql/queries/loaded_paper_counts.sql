-- How many papers the loaded version of each asked-for source lists: the yardstick for a shrunk reload.
SELECT source, listed_papers
FROM loaded_pages
WHERE source IN (SELECT unnest($sources::VARCHAR[]));
