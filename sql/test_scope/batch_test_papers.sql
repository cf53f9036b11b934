-- The papers a batch can have changed (load/affected_papers.sql): the data tests read only these, so a
-- batch's tests cost in proportion to the batch, not to the warehouse.
CREATE OR REPLACE TEMP TABLE test_papers AS
SELECT paper_id FROM affected_papers;
