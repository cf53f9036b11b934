-- view: Who wrote what: the most complete author list shown for each paper, plus inferred authorships.
-- The list is the one of the listing papers shows, so it does not depend on load order. A row is
-- inferred when a page of cluster X lists a paper whose capped list of 8 lacks X.
CREATE OR REPLACE VIEW paper_authors AS
WITH listed AS (
    SELECT
        shown.paper_id, forms.author_id, shown.position, FALSE AS inferred, NULL::VARCHAR AS inferred_from,
        pages.source, pages.raw_sha256, pages.run_id
    FROM paper_choice AS choice
    JOIN listing_authors AS shown ON shown.page_id = choice.page_id AND shown.paper_id = choice.paper_id
    JOIN author_forms AS forms ON forms.form_id = shown.form_id
    JOIN loaded_pages AS pages ON pages.page_id = choice.page_id
),
inferred AS (
    SELECT
        implied.paper_id, implied.author_id, NULL::INTEGER AS position, TRUE AS inferred, implied.inferred_from,
        pages.source, pages.raw_sha256, pages.run_id
    FROM inferred_authorships AS implied
    JOIN loaded_pages AS pages ON pages.source = implied.inferred_from
),
both_kinds AS (
    SELECT * FROM listed
    UNION ALL
    SELECT * FROM inferred
)
SELECT
    printf('%016x', paper_id) AS paper_key,  -- papers.paper_key
    printf('%016x', author_id) AS author_key,  -- authors.author_key
    position,  -- 1-based position in the author list; NULL when inferred
    inferred,  -- TRUE when implied by a cluster page rather than shown in a list
    inferred_from,  -- source of the cluster page that implied it (NULL when not inferred)
    source,  -- page the row comes from (the list's page, or inferred_from)
    raw_sha256,  -- content version of that page
    run_id  -- run that loaded that page
FROM both_kinds;
