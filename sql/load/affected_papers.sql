-- Papers whose choice of listing may change: those the replaced pages listed (they may disappear) and those
-- the batch lists. Nothing else can change, which keeps a batch's cost proportional to it.
CREATE OR REPLACE TEMP TABLE affected_papers AS
SELECT paper_id FROM page_listings WHERE page_id IN (SELECT page_id FROM replaced_pages)
UNION
SELECT paper_id FROM batch_papers;
