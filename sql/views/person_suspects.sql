-- view: Homonym suspects, for review: name groups whose papers fall apart into pieces that share no coauthor.
-- A name group (normalized name plus dblp number) of 3 or more papers may be several people printing one
-- name. Suspects are only listed, never split (only hard evidence such as dblp numbers splits a name); a
-- rare name (no other author has its surname) is never a suspect. Computed when read, so a load pays nothing.
-- depends on: paper_authors_by_id
CREATE OR REPLACE VIEW person_suspects AS
WITH RECURSIVE common_surnames AS (
    SELECT tokens[-1] AS surname FROM author_names WHERE len(tokens) > 0 GROUP BY tokens[-1] HAVING count(*) > 1
),
their_papers AS (
    SELECT DISTINCT shown.author_id, shown.paper_id
    FROM paper_authors_by_id AS shown
    JOIN author_names AS names ON names.author_id = shown.author_id
    WHERE names.tokens[-1] IN (SELECT surname FROM common_surnames)
),
enough AS (
    SELECT author_id FROM their_papers GROUP BY author_id HAVING count(*) >= 3
),
coauthors AS (
    SELECT DISTINCT mine.author_id, mine.paper_id, team.author_id AS coauthor_id
    FROM their_papers AS mine
    JOIN paper_authors_by_id AS team ON team.paper_id = mine.paper_id AND team.author_id <> mine.author_id
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
),
suspects AS (
    SELECT author_id, sum(papers)::INTEGER AS papers, count(*)::INTEGER AS pieces, list_sort(list(papers), 'DESC') AS sizes
    FROM piece_sizes
    GROUP BY author_id
    HAVING count(*) > 1
)
SELECT
    suspects.author_id,  -- the name group: authors.author_key as a number
    names.author_key,  -- authors.author_key
    persons.person_id,  -- the person it belongs to
    suspects.papers,  -- its papers
    suspects.pieces,  -- connected pieces of its papers, linked by a shared coauthor
    suspects.sizes AS piece_sizes  -- papers per piece, largest first
FROM suspects
JOIN author_names AS names ON names.author_id = suspects.author_id
LEFT JOIN author_persons AS persons ON persons.author_id = suspects.author_id;
