-- Every paper any page lists or any choice names: `biblioduck check` tests the whole warehouse.
CREATE OR REPLACE TEMP TABLE test_papers AS
SELECT paper_id FROM page_listings
UNION
SELECT paper_id FROM paper_choice;
