-- Cluster coverage: the clusters missing most papers first, then the largest.
SELECT cluster_key, name, declared_papers, loaded_papers, missing_papers, coverage, pages, truncated_pages
FROM cluster_coverage
ORDER BY missing_papers DESC, declared_papers DESC NULLS LAST, name, cluster_key
LIMIT $limit;
