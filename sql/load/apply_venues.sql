-- Lineage of an aggregate: the venue's latest paper (then the smallest key) stands for it.
DELETE FROM venues AS v
WHERE EXISTS (
    SELECT 1 FROM affected_venues AS a WHERE a.venue = v.venue AND a.venue_kind IS NOT DISTINCT FROM v.venue_kind
);
INSERT INTO venues BY NAME
WITH counts AS (
    -- one pass of aggregates instead of a window over every paper of the venue: the latest paper is the
    -- smallest (year DESC NULLS LAST, paper_key)
    SELECT
        p.venue,
        p.venue_kind,
        count(*) AS papers,
        min(p.year) AS first_year,
        max(p.year) AS last_year,
        arg_min(
            {'source': p.source, 'raw_sha256': p.raw_sha256, 'run_id': p.run_id},
            {'undated': p.year IS NULL, 'newest_first': -coalesce(p.year, 0), 'paper_key': p.paper_key}
        ) AS latest
    FROM papers AS p
    JOIN affected_venues AS a ON a.venue = p.venue AND a.venue_kind IS NOT DISTINCT FROM p.venue_kind
    GROUP BY p.venue, p.venue_kind
)
SELECT
    venue, venue_kind, papers, first_year, last_year,
    latest.source AS source, latest.raw_sha256 AS raw_sha256, latest.run_id AS run_id
FROM counts;
