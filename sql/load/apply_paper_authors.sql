-- The most complete shown list (the listing that speaks for the paper in papers), plus inferred rows:
-- the site caps shown author lists at 8, so a page of cluster X listing a paper whose capped list lacks X
-- still means X is an author. An inferred row is dropped when the chosen list shows X after all.
DELETE FROM paper_authors WHERE paper_key IN (SELECT paper_key FROM affected_papers);
INSERT INTO paper_authors BY NAME
WITH chosen_elsewhere AS (
    -- lists chosen from pages outside the batch are read from page_authorships; the batch's own are at hand
    SELECT paper_key, source FROM next_papers WHERE source NOT IN (SELECT source FROM batch_pages)
),
listed AS (
    SELECT
        shown.paper_key, shown.author_key, shown.position, FALSE AS inferred, NULL::VARCHAR AS inferred_from,
        shown.source, shown.raw_sha256, $run_id AS run_id, shown.name_norm
    FROM batch_authorships AS shown
    JOIN next_papers AS chosen ON chosen.paper_key = shown.paper_key AND chosen.source = shown.source
    UNION ALL
    SELECT
        shown.paper_key, shown.author_key, shown.position, FALSE AS inferred, NULL::VARCHAR AS inferred_from,
        shown.source, shown.raw_sha256, shown.run_id, shown.name_norm
    FROM page_authorships AS shown
    JOIN chosen_elsewhere AS chosen ON chosen.paper_key = shown.paper_key AND chosen.source = shown.source
),
inference_candidates AS (
    SELECT
        listing.paper_key, pages.cluster_author_key AS author_key, pages.cluster_name_norm, listing.source,
        listing.raw_sha256, listing.run_id
    FROM page_papers AS listing
    JOIN loaded_pages AS pages ON pages.source = listing.source
    WHERE listing.paper_key IN (SELECT paper_key FROM affected_papers)
        AND listing.authors_capped
        AND NOT listing.lists_cluster_name
),
inferred AS (
    -- several pages may imply the same authorship: the smallest source is named, deterministically
    SELECT
        candidate.paper_key,
        candidate.author_key,
        NULL::INTEGER AS position,
        TRUE AS inferred,
        min(candidate.source) AS inferred_from,
        min(candidate.source) AS source,
        arg_min(candidate.raw_sha256, candidate.source) AS raw_sha256,
        arg_min(candidate.run_id, candidate.source) AS run_id
    FROM inference_candidates AS candidate
    WHERE NOT EXISTS (
        SELECT 1
        FROM listed
        WHERE listed.paper_key = candidate.paper_key AND listed.name_norm = candidate.cluster_name_norm
    )
    GROUP BY candidate.paper_key, candidate.author_key
)
SELECT * EXCLUDE (name_norm) FROM listed
UNION ALL BY NAME
SELECT * FROM inferred;
