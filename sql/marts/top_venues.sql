-- view: Venues ranked by papers, with their distinct authors (persons) and year span.
-- depends on: papers_by_id, paper_authors_by_id
CREATE OR REPLACE VIEW top_venues AS
WITH venue_papers AS (
    SELECT paper_id, venue, venue_kind, year
    FROM papers_by_id
    WHERE venue IS NOT NULL
),
venue_authors AS (
    SELECT vp.venue, vp.venue_kind, count(DISTINCT pa.person_id) AS authors
    FROM venue_papers AS vp
    JOIN paper_authors_by_id AS pa ON pa.paper_id = vp.paper_id
    GROUP BY vp.venue, vp.venue_kind
),
counted AS (
    SELECT venue, venue_kind, count(*) AS papers, min(year) AS first_year, max(year) AS last_year
    FROM venue_papers
    GROUP BY venue, venue_kind
),
ranked AS (
    SELECT
        c.*,
        coalesce(a.authors, 0) AS authors,
        row_number() OVER (ORDER BY c.papers DESC, c.venue, c.venue_kind) AS rank
    FROM counted AS c
    LEFT JOIN venue_authors AS a ON a.venue = c.venue AND a.venue_kind = c.venue_kind
)
SELECT
    rank,  -- 1 for the venue with most papers; ties broken by name
    venue,  -- venue name, e.g. ICML
    venue_kind,  -- Conference, Journal, ...
    papers,  -- distinct papers at this venue
    authors,  -- distinct persons among the authors of those papers
    first_year,  -- earliest paper year
    last_year  -- latest paper year
FROM ranked;
