-- view: One row per paper, however many pages list it.
-- The listing that paper_choice names supplies the columns: the longest author list, then the longest
-- abstract, then the smallest source, so the row does not depend on the order pages were loaded in.
-- depends on: papers_by_id
CREATE OR REPLACE VIEW papers AS
SELECT
    * EXCLUDE (paper_id)  -- the columns as papers_by_id has them, paper_key first
FROM papers_by_id;
