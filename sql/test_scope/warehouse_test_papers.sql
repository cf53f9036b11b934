-- Every paper any page lists, any choice names or any authorship points at: `biblioduck check` tests the whole warehouse.
CREATE OR REPLACE TEMP TABLE test_papers AS
SELECT paper_id FROM page_listings
UNION
SELECT paper_id FROM paper_choice
UNION
SELECT paper_id FROM listing_authors
UNION
SELECT paper_id FROM inferred_authorships;
