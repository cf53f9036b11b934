-- paper_choice keeps the paper's key as text too, one per paper, so a query filtering papers or
-- paper_authors on paper_key finds the paper first instead of printing the key of every row.
ALTER TABLE paper_choice ADD COLUMN paper_key VARCHAR;  -- papers.paper_key, the 16 hex digits of paper_id
UPDATE paper_choice SET paper_key = printf('%016x', paper_id);
