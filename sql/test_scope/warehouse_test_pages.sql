-- Every loaded page: `biblioduck check` tests the whole warehouse.
CREATE OR REPLACE TEMP TABLE test_pages AS
SELECT page_id FROM loaded_pages;
