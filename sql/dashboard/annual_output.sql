-- Annual output by venue kind, every year.
SELECT year, venue_kind, papers FROM annual_output ORDER BY year, venue_kind;
