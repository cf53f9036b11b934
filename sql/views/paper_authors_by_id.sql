-- view: paper_authors with the integer ids the fact tables use, for joins that should not pay for text keys.
-- depends on: nothing
CREATE OR REPLACE VIEW paper_authors_by_id AS
WITH listed AS (
    SELECT
        shown.paper_id, choice.paper_key, forms.author_id, forms.author_key, shown.position, FALSE AS inferred,
        NULL::VARCHAR AS inferred_from, pages.source, pages.raw_sha256, pages.run_id
    FROM paper_choice AS choice
    JOIN listing_authors AS shown ON shown.page_id = choice.page_id AND shown.paper_id = choice.paper_id
    JOIN author_forms AS forms ON forms.form_id = shown.form_id
    JOIN loaded_pages AS pages ON pages.page_id = choice.page_id
),
inferred AS (
    SELECT
        implied.paper_id, printf('%016x', implied.paper_id) AS paper_key, implied.author_id,
        printf('%016x', implied.author_id) AS author_key, NULL::INTEGER AS position, TRUE AS inferred,
        implied.inferred_from, pages.source, pages.raw_sha256, pages.run_id
    FROM inferred_authorships AS implied
    JOIN loaded_pages AS pages ON pages.source = implied.inferred_from
),
both_kinds AS (
    SELECT * FROM listed
    UNION ALL
    SELECT * FROM inferred
)
SELECT
    both_kinds.paper_id,  -- papers.paper_key as a number
    paper_key,  -- papers.paper_key
    both_kinds.author_id,  -- authors.author_key as a number
    both_kinds.author_key,  -- authors.author_key
    persons.person_id,  -- persons.person_id: the person this author group belongs to (author_persons)
    position,  -- 1-based position in the author list; NULL when inferred
    inferred,  -- TRUE when implied by a cluster page rather than shown in a list
    inferred_from,  -- source of the cluster page that implied it (NULL when not inferred)
    source,  -- page the row comes from (the list's page, or inferred_from)
    raw_sha256,  -- content version of that page
    run_id  -- run that loaded that page
FROM both_kinds
LEFT JOIN author_persons AS persons ON persons.author_id = both_kinds.author_id;
