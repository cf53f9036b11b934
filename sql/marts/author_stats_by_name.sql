-- view: author_stats by name, for comparison: one row per author group (normalized name plus dblp number), not per person: papers, first- and last-author counts, distinct coauthors, active years.
-- Last authorship is only counted on lists known to be complete: a list capped at 8 hides the real
-- last author, and inferred authorships have no position at all.
-- depends on: paper_authors_by_id, papers_by_id, authors_by_id
CREATE OR REPLACE VIEW author_stats_by_name AS
WITH paper_author_ids AS MATERIALIZED (
    -- computed once for the counts and both sides of the coauthor self-join; integer ids throughout,
    -- the keys are printed as text once, at the end
    SELECT paper_id, author_id, position FROM paper_authors_by_id
),
authorships AS (
    SELECT
        pa.author_id,
        pa.paper_id,
        pa.position,
        p.year,
        p.author_count,
        NOT p.authors_capped AS list_is_complete
    FROM paper_author_ids AS pa
    JOIN papers_by_id AS p ON p.paper_id = pa.paper_id
),
per_author AS (
    SELECT
        author_id,
        count(DISTINCT paper_id) AS papers,
        count(DISTINCT paper_id) FILTER (WHERE position = 1) AS first_author_papers,
        count(DISTINCT paper_id) FILTER (WHERE list_is_complete AND position = author_count) AS last_author_papers,
        min(year) AS first_year,
        max(year) AS last_year
    FROM authorships
    GROUP BY author_id
),
coauthors AS (
    SELECT mine.author_id, count(DISTINCT theirs.author_id) AS distinct_coauthors
    FROM paper_author_ids AS mine
    JOIN paper_author_ids AS theirs ON theirs.paper_id = mine.paper_id AND theirs.author_id <> mine.author_id
    GROUP BY mine.author_id
)
SELECT
    a.author_key,  -- authors.author_key
    a.name,  -- author name
    a.homonym,  -- homonym number, if any
    s.papers,  -- distinct papers, inferred authorships included
    s.first_author_papers,  -- papers listing this author first
    s.last_author_papers,  -- papers listing this author last, counting only uncapped lists
    coalesce(c.distinct_coauthors, 0) AS distinct_coauthors,  -- distinct people sharing at least one paper
    s.first_year,  -- year of the earliest paper
    s.last_year  -- year of the latest paper
FROM authors_by_id AS a
JOIN per_author AS s ON s.author_id = a.author_id
LEFT JOIN coauthors AS c ON c.author_id = a.author_id;
