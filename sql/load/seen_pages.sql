-- The pages of this batch, keyed, with their fetch time and whether that exact content is already the
-- loaded contribution of its source (then it is skipped unless re-parsing).
CREATE OR REPLACE TEMP TABLE seen_pages AS
WITH with_fetch_time AS (
    -- a page loaded from a PageRef has no fetch time of its own: take the stored raw page's
    SELECT
        staged.*,
        coalesce(staged.fetched_at, raw.fetched_at, now()) AS seen_at,
        name_without_homonym(staged.cluster_name) AS cluster_author_name,
        homonym_of(staged.cluster_name) AS cluster_homonym
    FROM staged_pages AS staged
    LEFT JOIN raw_pages AS raw ON raw.source = staged.source AND raw.sha256 = staged.sha256
),
keyed AS (
    SELECT
        page_index,
        source,
        sha256 AS raw_sha256,
        cluster_name,
        cluster_key(cluster_name) AS cluster_key,
        author_key(cluster_author_name, cluster_homonym) AS cluster_author_key,
        cluster_author_name,
        cluster_homonym,
        normalized_text(cluster_author_name) AS cluster_name_norm,
        declared_papers,
        declared_author_rows,
        seen_at
    FROM with_fetch_time
)
SELECT
    keyed.*,
    key_number(keyed.cluster_author_key) AS cluster_author_id,
    loaded.page_id AS loaded_page_id,
    coalesce(loaded.raw_sha256 = keyed.raw_sha256, FALSE) AS unchanged
FROM keyed
LEFT JOIN loaded_pages AS loaded ON loaded.source = keyed.source;
