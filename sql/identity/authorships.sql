-- The authorships (paper_authors) of every paper an author of the region wrote, read once for the
-- evidence and the conflicts: the region's papers and everyone on them.
CREATE OR REPLACE TEMP TABLE identity_authorships AS
WITH region_forms AS (
    SELECT form_id FROM author_forms WHERE author_id IN (SELECT author_id FROM identity_region)
),
region_papers AS (
    SELECT DISTINCT paper_id FROM listing_authors WHERE form_id IN (SELECT form_id FROM region_forms)
    UNION
    SELECT paper_id FROM inferred_authorships WHERE author_id IN (SELECT author_id FROM identity_region)
)
SELECT DISTINCT paper_id, author_id
FROM paper_authors_by_id
WHERE paper_id IN (SELECT paper_id FROM region_papers);
