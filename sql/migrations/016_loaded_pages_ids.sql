-- loaded_pages gains a small integer id per source, which the fact tables carry instead of repeating the
-- source URL, the content sha256 and the run id on every row; lineage is one join away. The id is handed
-- out when a source is first loaded and kept when its content changes.
ALTER TABLE loaded_pages ADD COLUMN page_id INTEGER;  -- integer id of the source, used by the fact tables
ALTER TABLE loaded_pages ADD COLUMN cluster_author_id UBIGINT;  -- cluster_author_key as a number
ALTER TABLE loaded_pages ADD COLUMN cluster_author_name VARCHAR;  -- the cluster name without homonym number
ALTER TABLE loaded_pages ADD COLUMN cluster_homonym VARCHAR;  -- the cluster name's homonym number, if any
UPDATE loaded_pages
SET
    page_id = numbered.page_id,
    cluster_author_id = key_number(loaded_pages.cluster_author_key),
    cluster_author_name = name_without_homonym(loaded_pages.cluster_name),
    cluster_homonym = homonym_of(loaded_pages.cluster_name)
FROM (SELECT source, CAST(row_number() OVER (ORDER BY source) AS INTEGER) AS page_id FROM loaded_pages) AS numbered
WHERE numbered.source = loaded_pages.source;
