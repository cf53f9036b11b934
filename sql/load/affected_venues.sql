-- Venues whose counts may move: those of the affected papers before and after the swap.
CREATE OR REPLACE TEMP TABLE affected_venues AS
SELECT venue, venue_kind
FROM papers
WHERE paper_key IN (SELECT paper_key FROM affected_papers) AND venue IS NOT NULL
UNION
SELECT venue, venue_kind
FROM next_papers
WHERE venue IS NOT NULL;
