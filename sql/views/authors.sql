-- view: One row per author (normalized name plus homonym number), from author lists and cluster names.
-- depends on: authors_by_id
CREATE OR REPLACE VIEW authors AS
SELECT
    * EXCLUDE (author_id)  -- the columns as authors_by_id has them, author_key first
FROM authors_by_id;
