-- view: authors with the integer author_id the fact tables use, for joins that should not pay for text keys.
-- A cluster name denotes an author even where no list shows it, e.g. inferred authorships.
-- depends on: nothing
CREATE OR REPLACE VIEW authors_by_id AS
WITH forms_shown AS (
    -- how often, and first where, each form is shown; forms no loaded page shows drop out here
    SELECT shown.form_id, count(*) AS times_shown, min(pages.source) AS source
    FROM listing_authors AS shown
    JOIN loaded_pages AS pages ON pages.page_id = shown.page_id
    GROUP BY shown.form_id
),
shown AS (
    -- author_key rides along as a grouping column, so a filter on it reaches author_forms and loaded_pages
    SELECT forms.author_id, forms.author_key, forms.name, forms.homonym, forms.raw, counted.times_shown, counted.source
    FROM forms_shown AS counted
    JOIN author_forms AS forms ON forms.form_id = counted.form_id
    UNION ALL
    SELECT
        cluster_author_id, cluster_author_key, cluster_author_name, cluster_homonym, cluster_name, 1, source
    FROM loaded_pages
),
distinct_forms AS (
    SELECT author_id, author_key, name, homonym, raw, sum(times_shown) AS times_shown, min(source) AS source
    FROM shown
    GROUP BY author_id, author_key, name, homonym, raw
),
spellings AS (
    SELECT author_id, author_key, name, homonym, sum(times_shown) AS times_shown, min(source) AS source
    FROM distinct_forms
    GROUP BY author_id, author_key, name, homonym
),
chosen_spelling AS (
    -- the spelling shown most often names the author; ties go to the smallest, for a stable result
    SELECT *
    FROM spellings
    QUALIFY row_number() OVER (PARTITION BY author_id, author_key ORDER BY times_shown DESC, name, homonym NULLS FIRST) = 1
),
raw_forms AS (
    SELECT author_id, author_key, list_sort(list(raw)) AS raw_forms
    FROM distinct_forms
    GROUP BY author_id, author_key
),
described AS (
    SELECT chosen.author_id, chosen.author_key, chosen.name, chosen.homonym, forms.raw_forms, chosen.source, pages.raw_sha256, pages.run_id
    FROM chosen_spelling AS chosen
    JOIN raw_forms AS forms ON forms.author_id = chosen.author_id AND forms.author_key = chosen.author_key
    JOIN loaded_pages AS pages ON pages.source = chosen.source
)
SELECT
    author_id,  -- authors.author_key as a number
    author_key,  -- deterministic: md5 of "normalized name|homonym", first 16 hex digits
    name,  -- the most frequently shown spelling
    homonym,  -- dblp-style homonym number such as 0001, or NULL
    raw_forms,  -- every distinct raw form seen, sorted
    source,  -- first page (by source) showing the chosen spelling
    raw_sha256,  -- content version of that page
    run_id  -- run that loaded that page
FROM described;
