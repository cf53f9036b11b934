-- The (paper, author) pairs paper_authors shows for the affected papers before the batch changes anything,
-- so the batch can count the pairs it adds and the pairs it takes away. Only affected papers can change.
CREATE OR REPLACE TEMP TABLE authorships_before AS
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
)
SELECT paper_id, author_id FROM listed
UNION
SELECT paper_id, author_id FROM inferred;
