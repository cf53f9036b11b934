-- view: Each author's papers per year, with how many of them list the author first: output over time.
-- depends on: paper_authors_by_id, papers_by_id, authors_by_id
CREATE OR REPLACE VIEW author_output_by_year AS
WITH authorships AS (
    SELECT pa.author_id, pa.paper_id, pa.position, p.year
    FROM paper_authors_by_id AS pa
    JOIN papers_by_id AS p ON p.paper_id = pa.paper_id
    WHERE p.year IS NOT NULL
),
per_year AS (
    SELECT
        author_id,
        year,
        count(DISTINCT paper_id) AS papers,
        count(DISTINCT paper_id) FILTER (WHERE position = 1) AS first_author_papers
    FROM authorships
    GROUP BY author_id, year
)
SELECT
    a.author_key,  -- authors.author_key
    a.name,  -- author name
    y.year,  -- publication year
    y.papers,  -- distinct papers of this author in this year
    y.first_author_papers  -- of those, papers listing this author first
FROM per_year AS y
JOIN authors_by_id AS a ON a.author_id = y.author_id;
