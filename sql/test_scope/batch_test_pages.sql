-- The pages a batch loaded (load/batch_pages.sql), by their page ids: the data tests check these pages only.
CREATE OR REPLACE TEMP TABLE test_pages AS
SELECT page_id FROM batch_pages;
