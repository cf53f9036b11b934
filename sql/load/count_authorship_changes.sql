-- Counted after the swap: affected_authorships now, against authorships_before.
WITH added AS (
    SELECT paper_id, author_id FROM affected_authorships
    EXCEPT
    SELECT paper_id, author_id FROM authorships_before
),
removed AS (
    SELECT paper_id, author_id FROM authorships_before
    EXCEPT
    SELECT paper_id, author_id FROM affected_authorships
)
SELECT (SELECT count(*) FROM added) AS added, (SELECT count(*) FROM removed) AS removed;
