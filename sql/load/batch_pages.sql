-- The pages this batch (re)loads. A source keeps the page_id it was first loaded under; new sources get the
-- next ids, in source order. Content already loaded for its source is left out when the caller asks to skip it.
CREATE OR REPLACE TEMP TABLE batch_pages AS
WITH loading AS (
    SELECT * FROM seen_pages WHERE NOT (unchanged AND $skip_loaded)
),
highest_id AS (
    SELECT coalesce(max(page_id), 0) AS page_id FROM loaded_pages
)
SELECT
    loading.*,
    coalesce(
        loading.loaded_page_id,
        highest_id.page_id
            + row_number() OVER (PARTITION BY loading.loaded_page_id IS NULL ORDER BY loading.source)
    )::INTEGER AS page_id
FROM loading, highest_id;
