-- view: One row of warehouse totals for a dashboard header: papers, persons, authors, authorships, clusters, venues, pages.
-- depends on: papers_by_id, authors_by_id, paper_authors_by_id, venues
CREATE OR REPLACE VIEW warehouse_totals AS
WITH counts AS (
    SELECT
        (SELECT count(*) FROM papers_by_id) AS papers,
        (SELECT count(DISTINCT person_id) FROM paper_authors_by_id) AS persons,
        (SELECT count(*) FROM authors_by_id) AS authors,
        (SELECT count(*) FROM paper_authors_by_id) AS authorships,
        (SELECT count(DISTINCT cluster_key) FROM loaded_pages) AS clusters,
        (SELECT count(*) FROM venues) AS venues,
        (SELECT count(*) FROM loaded_pages) AS pages,
        (SELECT min(year) FROM papers_by_id) AS first_year,
        (SELECT max(year) FROM papers_by_id) AS last_year
)
SELECT
    papers,  -- distinct papers
    persons,  -- distinct persons (one or more author groups each; see persons)
    authors,  -- distinct author groups (normalized name plus dblp number)
    authorships,  -- rows of paper_authors
    clusters,  -- author-name clusters
    venues,  -- distinct (venue, venue_kind)
    pages,  -- loaded pages
    first_year,  -- earliest paper year
    last_year  -- latest paper year
FROM counts;
