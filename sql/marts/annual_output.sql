-- view: Papers per year and venue kind: the annual output chart.
-- Papers without a year are left out (they have no place on a time axis); a venue line that could not
-- be parsed counts under the kind 'unknown'.
-- depends on: papers_by_id
CREATE OR REPLACE VIEW annual_output AS
WITH dated AS (
    SELECT year, coalesce(venue_kind, 'unknown') AS venue_kind, paper_id
    FROM papers_by_id
    WHERE year IS NOT NULL
)
SELECT
    year,  -- publication year
    venue_kind,  -- Conference, Journal, ...; 'unknown' when the venue line could not be parsed
    count(*) AS papers  -- distinct papers of this kind in this year
FROM dated
GROUP BY year, venue_kind;
