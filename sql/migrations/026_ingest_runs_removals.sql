-- Runs count what a load took away as well as what it added, and how many pages were held back, so a
-- reload that shrinks the warehouse can never pass for a quiet run.
ALTER TABLE ingest_runs ADD COLUMN pages_quarantined INTEGER DEFAULT 0;  -- rejected pages held back as incomplete_parse or shrunk; their old contribution stays
ALTER TABLE ingest_runs ADD COLUMN papers_removed INTEGER DEFAULT 0;  -- papers no loaded page lists any more
ALTER TABLE ingest_runs ADD COLUMN authors_removed INTEGER DEFAULT 0;  -- authors no loaded page shows any more
ALTER TABLE ingest_runs ADD COLUMN clusters_added INTEGER DEFAULT 0;  -- clusters that did not exist before this run
ALTER TABLE ingest_runs ADD COLUMN clusters_removed INTEGER DEFAULT 0;  -- clusters no loaded page describes any more
ALTER TABLE ingest_runs ADD COLUMN authorships_added INTEGER DEFAULT 0;  -- (paper, author) pairs of paper_authors that are new
ALTER TABLE ingest_runs ADD COLUMN authorships_removed INTEGER DEFAULT 0;  -- (paper, author) pairs of paper_authors that are gone
UPDATE ingest_runs SET
    pages_quarantined = 0, papers_removed = 0, authors_removed = 0, clusters_added = 0, clusters_removed = 0,
    authorships_added = 0, authorships_removed = 0;
