-- table: One row per ingest run: what it saw, loaded, skipped and rejected, and how it ended.
CREATE TABLE ingest_runs (
    run_id VARCHAR PRIMARY KEY,  -- identifier of the run; every derived row carries the run that produced it
    started_at TIMESTAMPTZ NOT NULL,  -- when the run started
    ended_at TIMESTAMPTZ,  -- when the run finished (NULL while running or after a crash)
    status VARCHAR NOT NULL,  -- running, succeeded, partial, drift_stopped, test_failed, failed or crashed (its process died; counts are what it committed)
    pages_seen INTEGER NOT NULL DEFAULT 0,  -- pages the run was asked to ingest
    pages_fetched INTEGER NOT NULL DEFAULT 0,  -- pages whose content was actually received
    pages_loaded INTEGER NOT NULL DEFAULT 0,  -- pages whose contribution was (re)loaded
    pages_unchanged INTEGER NOT NULL DEFAULT 0,  -- pages skipped because that content was already loaded
    pages_rejected INTEGER NOT NULL DEFAULT 0,  -- pages that could not be parsed or fetched (see rejects)
    problems_by_kind JSON,  -- non-fatal parser problems counted by kind, e.g. {"missing_year": 3}
    papers_added INTEGER NOT NULL DEFAULT 0,  -- papers that did not exist before this run
    papers_changed INTEGER NOT NULL DEFAULT 0,  -- existing papers whose content changed
    authors_added INTEGER NOT NULL DEFAULT 0,  -- authors never seen before this run, in a list or as a cluster name
    authors_changed INTEGER NOT NULL DEFAULT 0  -- known authors shown in a form never seen before
);
