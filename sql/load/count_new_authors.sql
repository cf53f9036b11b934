-- Counted before the batch's forms are stored. An added author is one never seen before, in a list or as a
-- cluster name; a changed author is a known one shown in a form never seen before. (A spelling that
-- merely became the most frequent is not counted: that would mean ranking every spelling of every
-- author the batch shows.)
WITH batch_authors AS (
    SELECT author_id, bool_or(is_new) AS has_new_form
    FROM batch_forms
    GROUP BY author_id
    UNION ALL
    SELECT cluster_author_id, FALSE
    FROM batch_pages
),
per_author AS (
    SELECT author_id, bool_or(has_new_form) AS has_new_form FROM batch_authors GROUP BY author_id
),
known AS (
    SELECT DISTINCT author_id FROM author_forms WHERE author_id IN (SELECT author_id FROM per_author)
    UNION
    SELECT cluster_author_id FROM loaded_pages WHERE cluster_author_id IN (SELECT author_id FROM per_author)
)
SELECT
    count(*) FILTER (WHERE known.author_id IS NULL) AS added,
    count(*) FILTER (WHERE known.author_id IS NOT NULL AND per_author.has_new_form) AS changed
FROM per_author
LEFT JOIN known ON known.author_id = per_author.author_id;
