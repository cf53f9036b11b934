-- Counted after the swap, against authorships_before: distinct (paper, author) pairs of paper_authors.
WITH listed AS (
    SELECT shown.paper_id, forms.author_id
    FROM paper_choice AS choice
    JOIN listing_authors AS shown ON shown.page_id = choice.page_id AND shown.paper_id = choice.paper_id
    JOIN author_forms AS forms ON forms.form_id = shown.form_id
    WHERE choice.paper_id IN (SELECT paper_id FROM affected_papers)
),
inferred AS (
    SELECT paper_id, author_id
    FROM inferred_authorships
    WHERE paper_id IN (SELECT paper_id FROM affected_papers)
),
authorships_after AS (
    SELECT paper_id, author_id FROM listed
    UNION
    SELECT paper_id, author_id FROM inferred
),
added AS (
    SELECT * FROM authorships_after
    EXCEPT
    SELECT * FROM authorships_before
),
removed AS (
    SELECT * FROM authorships_before
    EXCEPT
    SELECT * FROM authorships_after
)
SELECT (SELECT count(*) FROM added) AS added, (SELECT count(*) FROM removed) AS removed;
