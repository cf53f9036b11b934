-- view: Every pair of persons who share a paper, once per pair (smaller author_key first), with how often.
-- coauthor_pairs_by_name keeps the pairs of name groups.
-- depends on: paper_authors_by_id, authors_by_id, papers_by_id
CREATE OR REPLACE VIEW coauthor_pairs AS
WITH authorships AS MATERIALIZED (
    -- computed once for both sides of the self-join; integer ids throughout
    SELECT DISTINCT paper_id, person_id, author_id FROM paper_authors_by_id
),
representative AS MATERIALIZED (
    -- each person is named by its name group with the most papers (then the smallest key)
    SELECT person_id, arg_min(author_id, (-papers, author_id)) AS author_id
    FROM (SELECT person_id, author_id, count(DISTINCT paper_id) AS papers FROM authorships GROUP BY person_id, author_id)
    GROUP BY person_id
),
names AS MATERIALIZED (
    SELECT r.person_id, a.author_key, a.name
    FROM representative AS r
    JOIN authors_by_id AS a ON a.author_id = r.author_id
),
paper_pairs AS (
    SELECT DISTINCT one.paper_id, one.person_id AS person_id_a, other.person_id AS person_id_b
    FROM authorships AS one
    JOIN authorships AS other ON other.paper_id = one.paper_id AND one.person_id < other.person_id
),
pair_counts AS (
    SELECT pairs.person_id_a, pairs.person_id_b, count(*) AS papers, min(p.year) AS first_year, max(p.year) AS last_year
    FROM paper_pairs AS pairs
    JOIN papers_by_id AS p ON p.paper_id = pairs.paper_id
    GROUP BY pairs.person_id_a, pairs.person_id_b
),
named AS (
    SELECT counts.*, a.author_key AS key_1, a.name AS name_1, b.author_key AS key_2, b.name AS name_2
    FROM pair_counts AS counts
    JOIN names AS a ON a.person_id = counts.person_id_a
    JOIN names AS b ON b.person_id = counts.person_id_b
),
oriented AS (
    -- the person with the smaller author_key first, as in coauthor_pairs_by_name (person ids depend on
    -- the order pages were loaded in; keys do not)
    SELECT
        *,
        key_1 < key_2 AS in_order
    FROM named
)
SELECT
    CASE WHEN in_order THEN key_1 ELSE key_2 END AS author_key_a,  -- author_key of person a's name group with the most papers (the smaller of the pair)
    CASE WHEN in_order THEN name_1 ELSE name_2 END AS author_name_a,  -- name of person a
    CASE WHEN in_order THEN key_2 ELSE key_1 END AS author_key_b,  -- author_key of person b's name group with the most papers
    CASE WHEN in_order THEN name_2 ELSE name_1 END AS author_name_b,  -- name of person b
    CASE WHEN in_order THEN person_id_a ELSE person_id_b END AS person_id_a,  -- persons.person_id of person a
    CASE WHEN in_order THEN person_id_b ELSE person_id_a END AS person_id_b,  -- persons.person_id of person b
    papers,  -- papers they share
    first_year,  -- year of their first shared paper
    last_year  -- year of their latest shared paper
FROM oriented;
