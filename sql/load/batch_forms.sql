-- Every distinct author form the batch shows, with its form_id and key. Forms seen before reuse their
-- stored id and key; only new ones are keyed (NFC + regex + md5, the costly part) and numbered, in a fixed
-- order so the numbering of one batch does not depend on how its rows happen to arrive.
CREATE OR REPLACE TEMP TABLE batch_forms AS
WITH looked_up AS (
    SELECT staged.*, known.form_id, known.author_id, known.author_key, known.name_norm
    FROM staged_forms AS staged
    LEFT JOIN author_forms AS known
        ON known.raw = staged.raw AND known.name = staged.name AND known.homonym IS NOT DISTINCT FROM staged.homonym
),
new_forms AS (
    SELECT form_index, name, homonym, raw, normalized_text(name) AS name_norm
    FROM looked_up
    WHERE form_id IS NULL
),
numbered_new_forms AS (
    SELECT
        new_forms.*,
        CAST(
            (SELECT coalesce(max(form_id), 0) FROM author_forms)
                + row_number() OVER (ORDER BY raw, name, homonym NULLS FIRST)
            AS INTEGER
        ) AS form_id,
        author_key_of_normalized(name_norm, homonym) AS author_key
    FROM new_forms
)
SELECT form_index, form_id, FALSE AS is_new, author_id, author_key, name, homonym, raw, name_norm
FROM looked_up
WHERE form_id IS NOT NULL
UNION ALL
SELECT form_index, form_id, TRUE AS is_new, key_number(author_key), author_key, name, homonym, raw, name_norm
FROM numbered_new_forms;
