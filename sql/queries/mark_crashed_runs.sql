-- Close the rows of runs whose process died. Load counts were added at each batch commit, so they stand;
-- rejects were committed in their own transactions, so they are counted from the rejects table.
UPDATE ingest_runs SET
    status = 'crashed',
    pages_rejected = (SELECT count(*) FROM rejects WHERE rejects.run_id = ingest_runs.run_id),
    pages_quarantined = (
        SELECT count(*) FROM rejects
        WHERE rejects.run_id = ingest_runs.run_id AND rejects.reason_code IN ('incomplete_parse', 'shrunk')
    )
WHERE run_id IN (SELECT unnest($run_ids::VARCHAR[])) AND status = 'running';
