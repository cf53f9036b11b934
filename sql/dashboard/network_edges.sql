-- The weighted edges of the offered clusters' coauthor networks.
SELECT e.cluster_key, e.author_name_a, e.author_name_b, e.papers, e.x_a, e.y_a, e.x_b, e.y_b
FROM cluster_network_edges AS e
SEMI JOIN (FROM cluster_coverage ORDER BY loaded_papers DESC, name, cluster_key LIMIT $limit) AS c
    ON c.cluster_key = e.cluster_key
ORDER BY e.cluster_key, e.author_name_a, e.author_name_b;
