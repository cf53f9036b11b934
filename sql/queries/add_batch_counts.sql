-- A batch's counts join its run's row in the batch's own transaction: a run killed after this commit
-- still shows everything it committed.
UPDATE ingest_runs SET
    pages_loaded = pages_loaded + $pages_loaded,
    pages_unchanged = pages_unchanged + $pages_unchanged,
    papers_added = papers_added + $papers_added,
    papers_changed = papers_changed + $papers_changed,
    papers_removed = papers_removed + $papers_removed,
    authors_added = authors_added + $authors_added,
    authors_changed = authors_changed + $authors_changed,
    authors_removed = authors_removed + $authors_removed,
    clusters_added = clusters_added + $clusters_added,
    clusters_removed = clusters_removed + $clusters_removed,
    authorships_added = authorships_added + $authorships_added,
    authorships_removed = authorships_removed + $authorships_removed,
    batches_committed = batches_committed + 1,
    committed_at = now()
WHERE run_id = $run_id;
