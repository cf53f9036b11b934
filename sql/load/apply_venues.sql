-- Lineage of an aggregate: the venue's latest paper (then the smallest key) stands for it.
DELETE FROM venues AS v
WHERE EXISTS (
    SELECT 1 FROM affected_venues AS a WHERE a.venue = v.venue AND a.venue_kind IS NOT DISTINCT FROM v.venue_kind
);
INSERT INTO venues BY NAME
WITH venue_papers AS (
    SELECT p.*
    FROM papers AS p
    WHERE EXISTS (
        SELECT 1 FROM affected_venues AS a WHERE a.venue = p.venue AND a.venue_kind IS NOT DISTINCT FROM p.venue_kind
    )
),
counts AS (
    SELECT venue, venue_kind, count(*) AS papers, min(year) AS first_year, max(year) AS last_year
    FROM venue_papers
    GROUP BY venue, venue_kind
),
latest_paper AS (
    SELECT *
    FROM venue_papers
    QUALIFY row_number() OVER (PARTITION BY venue, venue_kind ORDER BY year DESC NULLS LAST, paper_key) = 1
)
SELECT
    counts.venue, counts.venue_kind, counts.papers, counts.first_year, counts.last_year,
    latest.source, latest.raw_sha256, latest.run_id
FROM counts
JOIN latest_paper AS latest
    ON latest.venue = counts.venue AND latest.venue_kind IS NOT DISTINCT FROM counts.venue_kind;
