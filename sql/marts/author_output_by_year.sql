-- view: Each person's papers per year, with how many of them list the person first: output over time.
-- A person is shown as in author_stats (its name group with the most papers), so this mart and the top
-- authors of author_shares agree on every person, overrides included.
-- depends on: paper_authors_by_id, papers_by_id, author_stats
CREATE OR REPLACE VIEW author_output_by_year AS
WITH authorships AS (
    -- one row per (person, paper), even if an override put two of its names on one paper
    SELECT pa.person_id, pa.paper_id, min(pa.position) AS position, any_value(p.year) AS year
    FROM paper_authors_by_id AS pa
    JOIN papers_by_id AS p ON p.paper_id = pa.paper_id
    WHERE p.year IS NOT NULL
    GROUP BY pa.person_id, pa.paper_id
),
per_year AS (
    SELECT
        person_id,
        year,
        count(*) AS papers,
        count(*) FILTER (WHERE position = 1) AS first_author_papers
    FROM authorships
    GROUP BY person_id, year
)
SELECT
    s.author_key,  -- author_stats.author_key: the person's name group with the most papers
    s.name,  -- the person's name, as in author_stats
    y.person_id,  -- persons.person_id
    y.year,  -- publication year
    y.papers,  -- distinct papers of this person in this year
    y.first_author_papers  -- of those, papers listing this person first
FROM per_year AS y
JOIN author_stats AS s ON s.person_id = y.person_id;
