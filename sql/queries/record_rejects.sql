-- A page rejected twice by one run keeps the latest reason.
INSERT INTO rejects BY NAME
SELECT $run_id AS run_id, source, reason, reason_code, problems::JSON AS problems, raw_sha256, rejected_at
FROM staged_rejects
QUALIFY row_number() OVER (PARTITION BY source ORDER BY rejected_at DESC) = 1
ON CONFLICT (run_id, source) DO UPDATE SET
    reason = excluded.reason,
    reason_code = excluded.reason_code,
    problems = excluded.problems,
    raw_sha256 = excluded.raw_sha256,
    rejected_at = excluded.rejected_at;
