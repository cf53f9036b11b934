-- Homonym suspects among the touched authors (only their papers, hence their coauthor graphs, changed): a
-- name group of 3 or more papers whose papers fall apart into pieces that share no coauthor (maybe several
-- people printing one name). Only listed for review, never split; a rare name (no other author has its
-- surname) is never a suspect.
CREATE OR REPLACE TEMP TABLE identity_suspects AS
WITH RECURSIVE candidates AS (
    SELECT DISTINCT names.author_id, names.author_key
    FROM author_names AS names
    JOIN author_names AS other ON other.tokens[-1] = names.tokens[-1] AND other.author_id <> names.author_id
    WHERE names.author_id IN (SELECT author_id FROM identity_touched)
        AND len(names.tokens) > 0
),
their_papers AS (
    SELECT DISTINCT shown.author_id, shown.paper_id
    FROM identity_authorships AS shown
    WHERE shown.author_id IN (SELECT author_id FROM candidates)
),
enough AS (
    SELECT author_id FROM their_papers GROUP BY author_id HAVING count(*) >= 3
),
coauthors AS (
    SELECT DISTINCT mine.author_id, mine.paper_id, team.author_id AS coauthor_id
    FROM their_papers AS mine
    JOIN identity_authorships AS team ON team.paper_id = mine.paper_id AND team.author_id <> mine.author_id
    WHERE mine.author_id IN (SELECT author_id FROM enough)
),
paper_links AS (
    SELECT DISTINCT one.author_id, one.paper_id, other.paper_id AS other_paper_id
    FROM coauthors AS one
    JOIN coauthors AS other
        ON other.author_id = one.author_id AND other.coauthor_id = one.coauthor_id AND other.paper_id <> one.paper_id
),
reach(author_id, paper_id, label) AS (
    SELECT author_id, paper_id, paper_id FROM their_papers WHERE author_id IN (SELECT author_id FROM enough)
    UNION
    SELECT reach.author_id, link.other_paper_id, reach.label
    FROM reach
    JOIN paper_links AS link ON link.author_id = reach.author_id AND link.paper_id = reach.paper_id
),
pieces AS (
    SELECT author_id, paper_id, min(label) AS piece FROM reach GROUP BY author_id, paper_id
),
piece_sizes AS (
    SELECT author_id, piece, count(*)::INTEGER AS papers FROM pieces GROUP BY author_id, piece
)
SELECT
    sizes.author_id, candidates.author_key, sum(sizes.papers)::INTEGER AS papers, count(*)::INTEGER AS pieces,
    list_sort(list(sizes.papers), 'DESC') AS piece_sizes
FROM piece_sizes AS sizes
JOIN candidates ON candidates.author_id = sizes.author_id
GROUP BY sizes.author_id, candidates.author_key
HAVING count(*) > 1;
DELETE FROM person_suspects WHERE author_id IN (SELECT author_id FROM identity_touched);
INSERT INTO person_suspects BY NAME SELECT * FROM identity_suspects;
