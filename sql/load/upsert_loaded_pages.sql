-- first_seen survives content changes: it is when this source was first loaded at all.
INSERT INTO loaded_pages BY NAME
WITH listed_counts AS (
    SELECT page_id, count(*) AS listed_papers FROM batch_papers GROUP BY page_id
)
SELECT
    pages.source, pages.page_id, pages.raw_sha256, $run_id AS run_id, pages.cluster_key, pages.cluster_name,
    pages.cluster_author_key, pages.cluster_author_id, pages.cluster_author_name, pages.cluster_homonym,
    pages.cluster_name_norm, pages.declared_papers, pages.declared_author_rows,
    coalesce(counts.listed_papers, 0) AS listed_papers, pages.seen_at AS first_seen, pages.seen_at AS last_seen
FROM batch_pages AS pages
LEFT JOIN listed_counts AS counts ON counts.page_id = pages.page_id
ON CONFLICT (source) DO UPDATE SET
    raw_sha256 = excluded.raw_sha256,
    run_id = excluded.run_id,
    cluster_key = excluded.cluster_key,
    cluster_name = excluded.cluster_name,
    cluster_author_key = excluded.cluster_author_key,
    cluster_author_id = excluded.cluster_author_id,
    cluster_author_name = excluded.cluster_author_name,
    cluster_homonym = excluded.cluster_homonym,
    cluster_name_norm = excluded.cluster_name_norm,
    declared_papers = excluded.declared_papers,
    declared_author_rows = excluded.declared_author_rows,
    listed_papers = excluded.listed_papers,
    first_seen = least(first_seen, excluded.first_seen),
    last_seen = excluded.last_seen;
