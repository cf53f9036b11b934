-- The pairs of affected_authorships before the batch changes anything, so the batch can count the pairs
-- it adds and the pairs it takes away. Only affected papers can change.
CREATE OR REPLACE TEMP TABLE authorships_before AS
SELECT paper_id, author_id FROM affected_authorships;
