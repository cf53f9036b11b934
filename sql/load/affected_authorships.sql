-- The distinct (paper, author) pairs paper_authors shows for the papers this batch may change, read
-- when queried: snapshotted before the swap (authorships_before) and compared after it
-- (count_authorship_changes), so both sides are the same definition.
CREATE OR REPLACE TEMP VIEW affected_authorships AS
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
