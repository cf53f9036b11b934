-- view: coauthor_pairs by name, for comparison: every pair of author groups (not persons) who share a paper, once per pair (smaller key first), with how often.
-- depends on: paper_authors_by_id, authors_by_id, papers_by_id
CREATE OR REPLACE VIEW coauthor_pairs_by_name AS
WITH authorships AS MATERIALIZED (
    -- computed once for both sides of the self-join; integer ids throughout (they order like the hex
    -- keys); the text keys come with the names
    SELECT paper_id, author_id FROM paper_authors_by_id
),
names AS MATERIALIZED (
    SELECT author_id, author_key, name FROM authors_by_id
),
paper_pairs AS (
    SELECT DISTINCT one.paper_id, one.author_id AS author_id_a, other.author_id AS author_id_b
    FROM authorships AS one
    JOIN authorships AS other ON other.paper_id = one.paper_id AND one.author_id < other.author_id
),
pair_counts AS (
    SELECT pairs.author_id_a, pairs.author_id_b, count(*) AS papers, min(p.year) AS first_year, max(p.year) AS last_year
    FROM paper_pairs AS pairs
    JOIN papers_by_id AS p ON p.paper_id = pairs.paper_id
    GROUP BY pairs.author_id_a, pairs.author_id_b
)
SELECT
    a.author_key AS author_key_a,  -- the smaller author_key of the pair
    a.name AS author_name_a,  -- name of author a
    b.author_key AS author_key_b,  -- the larger author_key of the pair
    b.name AS author_name_b,  -- name of author b
    counts.papers,  -- papers they share
    counts.first_year,  -- year of their first shared paper
    counts.last_year  -- year of their latest shared paper
FROM pair_counts AS counts
JOIN names AS a ON a.author_id = counts.author_id_a
JOIN names AS b ON b.author_id = counts.author_id_b;
