-- Counted before the batch's forms are stored. An added author is one never seen before, in a list or as a
-- cluster name; a changed author is a known one shown in a form never seen before. (A spelling that
-- merely became the most frequent is not counted: that would mean ranking every spelling of every
-- author the batch shows.)
WITH shown AS (
    -- an author with any form already stored is known; only the others need looking up
    SELECT author_id, is_new AS has_new_form, is_new AS might_be_new FROM batch_forms
    UNION ALL
    SELECT cluster_author_id, FALSE, TRUE FROM batch_pages
),
per_author AS (
    SELECT author_id, bool_or(has_new_form) AS has_new_form, bool_and(might_be_new) AS might_be_new
    FROM shown
    GROUP BY author_id
),
candidates AS (
    SELECT author_id FROM per_author WHERE might_be_new
),
known_elsewhere AS (
    SELECT author_id FROM author_forms WHERE author_id IN (SELECT author_id FROM candidates)
    UNION
    SELECT cluster_author_id FROM loaded_pages WHERE cluster_author_id IN (SELECT author_id FROM candidates)
),
classified AS (
    SELECT
        per_author.has_new_form,
        per_author.might_be_new AND known.author_id IS NULL AS is_new
    FROM per_author
    LEFT JOIN known_elsewhere AS known ON known.author_id = per_author.author_id
)
SELECT
    count(*) FILTER (WHERE is_new) AS added,
    count(*) FILTER (WHERE NOT is_new AND has_new_form) AS changed
FROM classified;
