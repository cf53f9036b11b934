-- Derived rows to recompute: everything the batch's pages contributed before (it may disappear) and
-- everything they contribute now. Nothing else can change, which keeps a batch's cost proportional to it.
CREATE OR REPLACE TEMP TABLE affected_papers AS
SELECT paper_key FROM page_papers WHERE source IN (SELECT source FROM batch_pages)
UNION
SELECT paper_key FROM batch_papers;

-- authors whose forms a replaced page showed: their author_forms rows are recounted from the facts
CREATE OR REPLACE TEMP TABLE replaced_authors AS
SELECT DISTINCT author_key FROM page_authorships WHERE source IN (SELECT source FROM batch_pages);

CREATE OR REPLACE TEMP TABLE affected_authors AS
SELECT author_key FROM replaced_authors
UNION
SELECT author_key FROM batch_authorships
UNION
SELECT cluster_author_key FROM loaded_pages WHERE source IN (SELECT source FROM batch_pages)
UNION
SELECT cluster_author_key FROM batch_pages;

CREATE OR REPLACE TEMP TABLE affected_clusters AS
SELECT cluster_key FROM loaded_pages WHERE source IN (SELECT source FROM batch_pages)
UNION
SELECT cluster_key FROM batch_pages;
