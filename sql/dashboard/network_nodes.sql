-- The placed nodes of the offered clusters' coauthor networks.
SELECT n.cluster_key, n.author_key, n.name, n.is_cluster_author, n.papers, n.rank, n.x, n.y
FROM cluster_network_nodes AS n
SEMI JOIN (FROM cluster_coverage ORDER BY loaded_papers DESC, name, cluster_key LIMIT $limit) AS c
    ON c.cluster_key = n.cluster_key
WHERE n.x IS NOT NULL
ORDER BY n.cluster_key, n.rank;
