-- A page rejected twice by one run keeps the latest reason.
INSERT INTO rejects BY NAME
SELECT $run_id AS run_id, source, reason, problems::JSON AS problems, raw_sha256, rejected_at
FROM staged_rejects
QUALIFY row_number() OVER (PARTITION BY source ORDER BY rejected_at DESC) = 1
ON CONFLICT (run_id, source) DO UPDATE SET
    reason = excluded.reason,
    problems = excluded.problems,
    raw_sha256 = excluded.raw_sha256,
    rejected_at = excluded.rejected_at;
