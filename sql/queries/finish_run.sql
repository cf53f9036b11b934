UPDATE ingest_runs SET
    ended_at = $ended_at,
    status = $status,
    pages_seen = $pages_seen,
    pages_fetched = $pages_fetched,
    pages_loaded = $pages_loaded,
    pages_unchanged = $pages_unchanged,
    pages_rejected = $pages_rejected,
    problems_by_kind = $problems_by_kind::JSON,
    papers_added = $papers_added,
    papers_changed = $papers_changed,
    authors_added = $authors_added,
    authors_changed = $authors_changed
WHERE run_id = $run_id;
