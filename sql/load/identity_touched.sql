-- The authors this batch shows or took away: identity is re-resolved for their name blocks only.
CREATE OR REPLACE TEMP TABLE identity_touched AS
SELECT author_id FROM batch_forms
UNION
SELECT author_id FROM replaced_authors
UNION
SELECT cluster_author_id FROM batch_pages;
