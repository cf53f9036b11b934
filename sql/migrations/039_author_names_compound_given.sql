-- A hyphenated given name ("Ana-Luisa") is a different given name from its first part ("Ana"): the
-- resolution must know a name had one, which its tokens no longer show. Existing names are read again from
-- the spelling author_names was read from (the first form stored, else the cluster name).
ALTER TABLE author_names ADD COLUMN compound_given BOOLEAN DEFAULT FALSE;  -- the given name is one hyphenated word of two full parts (name_compound_given)
UPDATE author_names SET compound_given = first_spelling.compound_given
FROM (
    WITH spellings AS (
        SELECT author_id, name, form_id AS rank FROM author_forms
        UNION ALL
        SELECT cluster_author_id, cluster_author_name, 2147483647 FROM loaded_pages
    )
    SELECT author_id, name_compound_given(name) AS compound_given
    FROM spellings
    QUALIFY row_number() OVER (PARTITION BY author_id ORDER BY rank, name) = 1
) AS first_spelling
WHERE first_spelling.author_id = author_names.author_id;
