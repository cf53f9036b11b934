-- view: One row per author: papers, first- and last-author counts, distinct coauthors, active years.
-- Last authorship is only counted on lists known to be complete: a list capped at 8 hides the real
-- last author, and inferred authorships have no position at all.
CREATE OR REPLACE VIEW author_stats AS
WITH authorships AS (
    SELECT
        pa.author_key,
        pa.paper_key,
        pa.position,
        p.year,
        p.author_count,
        p.author_count < 8 AS list_is_complete
    FROM paper_authors AS pa
    JOIN papers AS p ON p.paper_key = pa.paper_key
),
per_author AS (
    SELECT
        author_key,
        count(DISTINCT paper_key) AS papers,
        count(DISTINCT paper_key) FILTER (WHERE position = 1) AS first_author_papers,
        count(DISTINCT paper_key) FILTER (WHERE list_is_complete AND position = author_count) AS last_author_papers,
        min(year) AS first_year,
        max(year) AS last_year
    FROM authorships
    GROUP BY author_key
),
coauthors AS (
    SELECT mine.author_key, count(DISTINCT theirs.author_key) AS distinct_coauthors
    FROM paper_authors AS mine
    JOIN paper_authors AS theirs ON theirs.paper_key = mine.paper_key AND theirs.author_key <> mine.author_key
    GROUP BY mine.author_key
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
FROM authors AS a
JOIN per_author AS s ON s.author_key = a.author_key
LEFT JOIN coauthors AS c ON c.author_key = a.author_key;
