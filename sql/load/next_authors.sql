-- The new rows of authors for the affected keys, from every shown author line and every cluster name
-- (a cluster name denotes an author even where no list shows it, e.g. inferred authorships).
CREATE OR REPLACE TEMP TABLE next_authors AS
WITH shown AS (
    -- author_forms already folds the author lists to forms, so this reads thousands of rows, not every
    -- authorship ever loaded
    SELECT author_key, name, homonym, raw, times_shown, source, raw_sha256, run_id
    FROM author_forms
    WHERE author_key IN (SELECT author_key FROM affected_authors)
    UNION ALL
    SELECT
        cluster_author_key, name_without_homonym(cluster_name), homonym_of(cluster_name), cluster_name,
        1 AS times_shown, source, raw_sha256, run_id
    FROM loaded_pages
    WHERE cluster_author_key IN (SELECT author_key FROM affected_authors)
),
distinct_forms AS (
    SELECT
        author_key, name, homonym, raw, sum(times_shown) AS times_shown, min(source) AS source,
        arg_min(raw_sha256, source) AS raw_sha256, arg_min(run_id, source) AS run_id
    FROM shown
    GROUP BY author_key, name, homonym, raw
),
spellings AS (
    SELECT
        author_key, name, homonym, sum(times_shown) AS times_shown, min(source) AS source,
        arg_min(raw_sha256, source) AS raw_sha256, arg_min(run_id, source) AS run_id
    FROM distinct_forms
    GROUP BY author_key, name, homonym
),
chosen_spelling AS (
    -- the spelling shown most often names the author; ties go to the smallest, for a stable result
    SELECT *
    FROM spellings
    QUALIFY row_number() OVER (PARTITION BY author_key ORDER BY times_shown DESC, name, homonym NULLS FIRST) = 1
),
raw_forms AS (
    SELECT author_key, list_sort(list(raw)) AS raw_forms
    FROM distinct_forms
    GROUP BY author_key
)
SELECT chosen.author_key, chosen.name, chosen.homonym, forms.raw_forms, chosen.source, chosen.raw_sha256, chosen.run_id
FROM chosen_spelling AS chosen
JOIN raw_forms AS forms ON forms.author_key = chosen.author_key;
