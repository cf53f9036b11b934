-- view: Every pair of authors who share a paper, once per pair (smaller key first), with how often.
CREATE OR REPLACE VIEW coauthor_pairs AS
WITH paper_pairs AS (
    SELECT DISTINCT one.paper_key, one.author_key AS author_key_a, other.author_key AS author_key_b
    FROM paper_authors AS one
    JOIN paper_authors AS other ON other.paper_key = one.paper_key AND one.author_key < other.author_key
),
pair_counts AS (
    SELECT pairs.author_key_a, pairs.author_key_b, count(*) AS papers, min(p.year) AS first_year, max(p.year) AS last_year
    FROM paper_pairs AS pairs
    JOIN papers AS p ON p.paper_key = pairs.paper_key
    GROUP BY pairs.author_key_a, pairs.author_key_b
)
SELECT
    counts.author_key_a,  -- the smaller author_key of the pair
    a.name AS author_name_a,  -- name of author a
    counts.author_key_b,  -- the larger author_key of the pair
    b.name AS author_name_b,  -- name of author b
    counts.papers,  -- papers they share
    counts.first_year,  -- year of their first shared paper
    counts.last_year  -- year of their latest shared paper
FROM pair_counts AS counts
JOIN authors AS a ON a.author_key = counts.author_key_a
JOIN authors AS b ON b.author_key = counts.author_key_b;
