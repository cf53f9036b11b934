-- view: One row per person: papers, first- and last-author counts, distinct coauthors, active years.
-- A person is one or more author groups (see persons); author_stats_by_name keeps the count per name.
-- Last authorship is only counted on lists known to be complete: a list capped at 8 hides the real
-- last author, and inferred authorships have no position at all.
-- depends on: paper_authors_by_id, papers_by_id, authors_by_id
CREATE OR REPLACE VIEW author_stats AS
WITH paper_person_ids AS MATERIALIZED (
    -- computed once for the counts and both sides of the coauthor self-join; integer ids throughout,
    -- the keys are printed as text once, at the end
    SELECT paper_id, person_id, author_id, position FROM paper_authors_by_id
),
authorships AS (
    -- one row per (person, paper), even if an override put two of its names on one paper
    SELECT
        pa.person_id,
        pa.paper_id,
        min(pa.position) AS position,
        any_value(p.year) AS year,
        any_value(p.author_count) AS author_count,
        any_value(p.authors_capped) AS authors_capped
    FROM paper_person_ids AS pa
    JOIN papers_by_id AS p ON p.paper_id = pa.paper_id
    GROUP BY pa.person_id, pa.paper_id
),
per_person AS (
    SELECT
        person_id,
        count(*) AS papers,
        count(*) FILTER (WHERE position = 1) AS first_author_papers,
        count(*) FILTER (WHERE NOT authors_capped AND position = author_count) AS last_author_papers,
        min(year) AS first_year,
        max(year) AS last_year
    FROM authorships
    GROUP BY person_id
),
member_papers AS (
    SELECT person_id, author_id, count(DISTINCT paper_id) AS papers
    FROM paper_person_ids
    GROUP BY person_id, author_id
),
representative AS (
    -- the person is shown under its name group with the most papers (then the smallest key)
    SELECT person_id, arg_min(author_id, (-papers, author_id)) AS author_id
    FROM member_papers
    GROUP BY person_id
),
coauthors AS (
    SELECT mine.person_id, count(DISTINCT theirs.person_id) AS distinct_coauthors
    FROM paper_person_ids AS mine
    JOIN paper_person_ids AS theirs ON theirs.paper_id = mine.paper_id AND theirs.person_id <> mine.person_id
    GROUP BY mine.person_id
)
SELECT
    a.author_key,  -- authors.author_key of the person's name group with the most papers
    a.name,  -- the person's name: that group's spelling
    a.homonym,  -- homonym number, if any
    s.person_id,  -- persons.person_id
    s.papers,  -- distinct papers of the person, inferred authorships included
    s.first_author_papers,  -- papers listing this person first
    s.last_author_papers,  -- papers listing this person last, counting only uncapped lists
    coalesce(c.distinct_coauthors, 0) AS distinct_coauthors,  -- distinct persons sharing at least one paper
    s.first_year,  -- year of the earliest paper
    s.last_year  -- year of the latest paper
FROM per_person AS s
JOIN representative AS r ON r.person_id = s.person_id
JOIN authors_by_id AS a ON a.author_id = r.author_id
LEFT JOIN coauthors AS c ON c.person_id = s.person_id;
