-- The persons of the region: connected components of its links, each labelled by its smallest author_id.
CREATE OR REPLACE TEMP TABLE identity_components AS
WITH RECURSIVE undirected AS (
    SELECT author_id_a AS author_id, author_id_b AS other_id FROM identity_edges
    UNION ALL
    SELECT author_id_b, author_id_a FROM identity_edges
),
reach(author_id, label) AS (
    SELECT author_id, author_id FROM identity_region
    UNION
    SELECT link.other_id, reach.label
    FROM reach
    JOIN undirected AS link ON link.author_id = reach.author_id
)
SELECT author_id, min(label) AS label
FROM reach
GROUP BY author_id;
