-- The author groups a name (as shown, a dblp number allowed) or an author_key denotes.
WITH known AS (
    SELECT author_id, author_key, name, homonym, name_norm FROM author_forms
    UNION ALL
    SELECT cluster_author_id, cluster_author_key, cluster_author_name, cluster_homonym, cluster_name_norm FROM loaded_pages
)
SELECT author_key, min(name) AS name, any_value(homonym) AS homonym
FROM known
WHERE author_key = $query
    OR (name_norm = normalized_text(name_without_homonym($query)) AND homonym IS NOT DISTINCT FROM homonym_of($query))
    OR (homonym_of($query) IS NULL AND name_norm = normalized_text($query))
GROUP BY author_key
ORDER BY author_key;
