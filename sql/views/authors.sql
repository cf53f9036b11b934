-- view: One row per author (normalized name plus homonym number), from author lists and cluster names.
CREATE OR REPLACE VIEW authors AS
SELECT
    printf('%016x', author_id) AS author_key,  -- deterministic: md5 of "normalized name|homonym", first 16 hex digits
    * EXCLUDE (author_id)  -- the other columns as authors_by_id has them
FROM authors_by_id;
