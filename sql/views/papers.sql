-- view: One row per paper, however many pages list it.
-- The listing that paper_choice names supplies the columns: the longest author list, then the longest
-- abstract, then the smallest source, so the row does not depend on the order pages were loaded in.
CREATE OR REPLACE VIEW papers AS
SELECT
    printf('%016x', paper_id) AS paper_key,  -- deterministic: md5 of "normalized title|year", first 16 hex digits
    * EXCLUDE (paper_id)  -- the other columns as papers_by_id has them
FROM papers_by_id;
