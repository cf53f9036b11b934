-- view: Weighted coauthor edges within each cluster's papers, between the nodes cluster_network_nodes places.
-- depends on: cluster_network_nodes, paper_authors_by_id
CREATE OR REPLACE VIEW cluster_network_edges AS
WITH placed AS (
    SELECT cluster_key, author_key, name, x, y
    FROM cluster_network_nodes
    WHERE x IS NOT NULL
),
cluster_listed AS (
    SELECT DISTINCT pages.cluster_key, listing.paper_id
    FROM page_listings AS listing
    JOIN loaded_pages AS pages ON pages.page_id = listing.page_id
),
placed_authorships AS (
    SELECT listed.cluster_key, listed.paper_id, pa.author_key
    FROM cluster_listed AS listed
    JOIN paper_authors_by_id AS pa ON pa.paper_id = listed.paper_id
    SEMI JOIN placed ON placed.cluster_key = listed.cluster_key AND placed.author_key = pa.author_key
),
pairs AS (
    SELECT one.cluster_key, one.author_key AS author_key_a, other.author_key AS author_key_b, count(DISTINCT one.paper_id) AS papers
    FROM placed_authorships AS one
    JOIN placed_authorships AS other
        ON other.cluster_key = one.cluster_key AND other.paper_id = one.paper_id AND one.author_key < other.author_key
    GROUP BY one.cluster_key, one.author_key, other.author_key
)
SELECT
    pairs.cluster_key,  -- clusters.cluster_key
    pairs.author_key_a,  -- the smaller author_key of the pair
    a.name AS author_name_a,  -- name of author a
    pairs.author_key_b,  -- the larger author_key of the pair
    b.name AS author_name_b,  -- name of author b
    pairs.papers,  -- papers of this cluster's pages they share: the edge weight
    a.x AS x_a,  -- position of author a
    a.y AS y_a,  -- position of author a
    b.x AS x_b,  -- position of author b
    b.y AS y_b  -- position of author b
FROM pairs
JOIN placed AS a ON a.cluster_key = pairs.cluster_key AND a.author_key = pairs.author_key_a
JOIN placed AS b ON b.cluster_key = pairs.cluster_key AND b.author_key = pairs.author_key_b;
