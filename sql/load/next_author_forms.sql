-- author_forms follows page_authorships, for the authors the batch shows or a replaced page showed.
-- Authors a replaced page showed are recounted from the facts (their old rows are gone, and the smallest
-- source may have been the replaced page); that happens only when pages change. For everyone else the
-- batch's rows add to the stored forms: counts add up and the smallest source wins, so the result is the
-- same in any load order. Delete-then-insert: an UPDATE of scattered string columns is far slower here.
CREATE OR REPLACE TEMP TABLE next_author_forms AS
WITH recounted AS (
    SELECT author_key, name, homonym, raw, source, raw_sha256, run_id, 1 AS times_shown
    FROM page_authorships
    WHERE author_key IN (SELECT author_key FROM replaced_authors)
),
added AS (
    SELECT author_key, name, homonym, raw, source, raw_sha256, $run_id AS run_id, 1 AS times_shown
    FROM batch_authorships
    WHERE author_key NOT IN (SELECT author_key FROM replaced_authors)
),
kept AS (
    SELECT author_key, name, homonym, raw, source, raw_sha256, run_id, times_shown
    FROM author_forms
    WHERE author_key IN (SELECT author_key FROM added)
)
SELECT
    author_key, name, homonym, raw, sum(times_shown)::BIGINT AS times_shown, min(source) AS source,
    arg_min(raw_sha256, source) AS raw_sha256, arg_min(run_id, source) AS run_id
FROM (SELECT * FROM recounted UNION ALL SELECT * FROM added UNION ALL SELECT * FROM kept)
GROUP BY author_key, name, homonym, raw;
