-- The touched authors whose names were never read: one spelling each (the first form stored, else the
-- cluster name), read into tokens, a nickname and whether its given name is hyphenated (a given name of
-- its own). Blocks and names are insert-only.
CREATE OR REPLACE TEMP TABLE new_author_names AS
WITH spellings AS (
    SELECT author_id, author_key, name, homonym, form_id AS rank
    FROM author_forms
    WHERE author_id IN (SELECT author_id FROM identity_touched)
    UNION ALL
    SELECT cluster_author_id, cluster_author_key, cluster_author_name, cluster_homonym, 2147483647
    FROM loaded_pages
    WHERE cluster_author_id IN (SELECT author_id FROM identity_touched)
),
unread AS (
    SELECT *
    FROM spellings
    WHERE author_id NOT IN (SELECT author_id FROM author_names)
    QUALIFY row_number() OVER (PARTITION BY author_id ORDER BY rank, name) = 1
)
SELECT
    author_id, author_key, name, homonym, name_tokens(name) AS tokens, name_nickname(name) AS nickname,
    name_phonetic(name_tokens(name)) AS phonetic, name_compound_given(name) AS compound_given
FROM unread;
