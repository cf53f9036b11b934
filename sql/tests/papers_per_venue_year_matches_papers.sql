-- test: papers_per_venue_year counts what papers holds, for every venue and year the tested papers touch.
-- Why: the mart is what dashboards chart; if it disagrees with the table it summarises, the chart lies.
-- It reads papers_per_venue_year_live, the mart's definition computed now: inside a batch the mart table still holds
-- the last refresh, which the end of the ingest rebuilds from this same definition.
WITH tested AS (
    SELECT DISTINCT venue, venue_kind, year FROM papers_by_id WHERE paper_id IN (SELECT paper_id FROM test_papers)
),
counted AS (
    SELECT p.venue, p.venue_kind, p.year, count(*) AS papers
    FROM papers_by_id AS p
    SEMI JOIN tested AS t
        ON t.venue IS NOT DISTINCT FROM p.venue AND t.venue_kind IS NOT DISTINCT FROM p.venue_kind
        AND t.year IS NOT DISTINCT FROM p.year
    GROUP BY p.venue, p.venue_kind, p.year
),
mart AS (
    SELECT m.venue, m.venue_kind, m.year, m.papers
    FROM papers_per_venue_year_live AS m
    SEMI JOIN tested AS t
        ON t.venue IS NOT DISTINCT FROM m.venue AND t.venue_kind IS NOT DISTINCT FROM m.venue_kind
        AND t.year IS NOT DISTINCT FROM m.year
)
SELECT coalesce(c.venue, m.venue) AS venue, coalesce(c.year, m.year) AS year, c.papers AS in_papers, m.papers AS in_mart
FROM counted AS c
FULL JOIN mart AS m
    ON m.venue IS NOT DISTINCT FROM c.venue AND m.venue_kind IS NOT DISTINCT FROM c.venue_kind
    AND m.year IS NOT DISTINCT FROM c.year
WHERE c.papers IS DISTINCT FROM m.papers
