-- The clusters the collaboration view offers: those with most loaded papers.
SELECT cluster_key, name, loaded_papers
FROM cluster_coverage
ORDER BY loaded_papers DESC, name, cluster_key
LIMIT $limit;
