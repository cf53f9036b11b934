-- Record that a mart table was rebuilt: from which definition, when, by which run, in which transaction.
INSERT OR REPLACE INTO mart_refreshes (mart, definition_sha256, refreshed_at, run_id, transaction_id, row_count)
SELECT $mart, $definition_sha256, $refreshed_at, $run_id, txid_current(), (SELECT count(*) FROM query_table($mart));
