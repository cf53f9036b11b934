-- view: The coauthor network of each cluster: its author and 40 most frequent coauthors, laid out on a circle.
-- The cluster's own author sits at the centre (rank 0); the other authors of the papers its pages list
-- are ranked by the papers they share with the cluster, and the 40 first are placed evenly on the unit
-- circle (x, y). The rest are left out, so a cluster of hundreds of coauthors stays a readable picture.
-- depends on: paper_authors_by_id, authors_by_id
CREATE OR REPLACE VIEW cluster_network_nodes AS
WITH cluster_listed AS (
    SELECT DISTINCT pages.cluster_key, pages.cluster_author_id, listing.paper_id
    FROM page_listings AS listing
    JOIN loaded_pages AS pages ON pages.page_id = listing.page_id
),
cluster_authors AS (
    SELECT
        listed.cluster_key,
        pa.author_id,
        bool_or(pa.author_id = listed.cluster_author_id) AS is_cluster_author,
        count(DISTINCT listed.paper_id) AS papers
    FROM cluster_listed AS listed
    JOIN paper_authors_by_id AS pa ON pa.paper_id = listed.paper_id
    GROUP BY listed.cluster_key, pa.author_id
),
ranked AS (
    SELECT
        ca.*,
        a.author_key,
        a.name,
        CASE WHEN ca.is_cluster_author THEN 0 ELSE
            row_number() OVER (PARTITION BY ca.cluster_key, ca.is_cluster_author ORDER BY ca.papers DESC, a.name, a.author_key)
        END AS rank
    FROM cluster_authors AS ca
    JOIN authors_by_id AS a ON a.author_id = ca.author_id
),
ring_sizes AS (
    SELECT cluster_key, least(count(*) FILTER (WHERE rank > 0), 40) AS ring
    FROM ranked
    GROUP BY cluster_key
),
placed AS (
    SELECT
        r.*,
        CASE WHEN r.rank = 0 THEN 0.0 ELSE round(cos(2 * pi() * (r.rank - 1) / s.ring), 4) END AS x,
        CASE WHEN r.rank = 0 THEN 0.0 ELSE round(sin(2 * pi() * (r.rank - 1) / s.ring), 4) END AS y
    FROM ranked AS r
    JOIN ring_sizes AS s ON s.cluster_key = r.cluster_key
)
SELECT
    cluster_key,  -- clusters.cluster_key
    author_key,  -- authors.author_key
    name,  -- author name
    is_cluster_author,  -- TRUE for the author the cluster name denotes
    papers,  -- papers of this cluster's pages the author is on
    rank,  -- 0 for the cluster's author, then 1, 2, ... by papers
    x,  -- position on the unit circle (0 at the centre)
    y  -- position on the unit circle
FROM placed
WHERE rank <= 40;
