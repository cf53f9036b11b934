-- Pages the batch loads, and pages it skips because their content is already loaded (only when asked to).
SELECT
    (SELECT count(*) FROM batch_pages) AS loaded,
    (SELECT count(*) FROM seen_pages) - (SELECT count(*) FROM batch_pages) AS unchanged;
