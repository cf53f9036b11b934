-- view: Who wrote what: the most complete author list shown for each paper, plus inferred authorships.
-- The list is the one of the listing papers shows, so it does not depend on load order. A row is
-- inferred when a page of cluster X lists a paper whose capped list of 8 lacks X.
-- depends on: paper_authors_by_id
CREATE OR REPLACE VIEW paper_authors AS
SELECT
    * EXCLUDE (paper_id, author_id)  -- the columns as paper_authors_by_id has them
FROM paper_authors_by_id;
