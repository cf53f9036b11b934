-- view: One row per venue and venue kind, with how many papers appeared there and when.
-- Lineage of an aggregate: the venue's latest paper (then the smallest key: hex text and number sort alike)
-- stands for it.
-- depends on: papers_by_id
CREATE OR REPLACE VIEW venues AS
WITH counts AS (
    SELECT
        venue,
        venue_kind,
        count(*) AS papers,
        min(year) AS first_year,
        max(year) AS last_year,
        arg_min(
            {'source': source, 'raw_sha256': raw_sha256, 'run_id': run_id},
            {'undated': year IS NULL, 'newest_first': -coalesce(year, 0), 'paper_id': paper_id}
        ) AS latest
    FROM papers_by_id
    WHERE venue IS NOT NULL
    GROUP BY venue, venue_kind
)
SELECT
    venue,  -- venue name, e.g. ICML
    venue_kind,  -- Conference, Journal, ...
    CAST(papers AS INTEGER) AS papers,  -- papers at this venue
    first_year,  -- earliest paper year
    last_year,  -- latest paper year
    latest.source AS source,  -- page of the venue's latest paper (lineage)
    latest.raw_sha256 AS raw_sha256,  -- content version of that page
    latest.run_id AS run_id  -- run that loaded that page
FROM counts;
