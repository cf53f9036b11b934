-- A batch that fails a data test (sql/tests/) is rolled back; the run names the test and keeps a sample of
-- the rows that broke it, so the broken rule can be read off the run record.
ALTER TABLE ingest_runs ADD COLUMN failed_test VARCHAR;  -- the data test that stopped the run (status test_failed), else NULL
ALTER TABLE ingest_runs ADD COLUMN failed_test_rows JSON;  -- a sample of the rows that broke it, as a JSON list of objects
