-- view: Papers per venue and year, for trend charts.
-- Papers whose venue line could not be parsed count under a NULL venue rather than disappearing.
-- depends on: papers_by_id
CREATE OR REPLACE VIEW papers_per_venue_year AS
WITH venue_years AS (
    SELECT venue, venue_kind, year, paper_id
    FROM papers_by_id
)
SELECT
    venue,  -- venue name, NULL when the venue line could not be parsed
    venue_kind,  -- Conference, Journal, ...
    year,  -- publication year, NULL when unknown
    count(*) AS papers  -- distinct papers at this venue in this year
FROM venue_years
GROUP BY venue, venue_kind, year;
