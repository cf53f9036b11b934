-- Whether a batch changed the facts after the fact marts were last rebuilt: a run interrupted, failed or
-- killed after committing batches never got to rebuild them, so the next run must, even if it changes
-- nothing itself. $marts: the fact marts (every mart but the run marts).
WITH last_rebuilt AS (
    SELECT min(refreshed_at) AS refreshed_at
    FROM mart_refreshes
    WHERE mart IN (SELECT unnest($marts::VARCHAR[]))
)
SELECT EXISTS (
    SELECT 1
    FROM ingest_runs
    WHERE committed_at > (SELECT refreshed_at FROM last_rebuilt)
        AND pages_loaded + papers_added + papers_changed + papers_removed + authors_added + authors_changed
            + authors_removed + clusters_added + clusters_removed + authorships_added + authorships_removed > 0
) AS behind;
